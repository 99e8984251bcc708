import type { MessageKind } from '#shared/domain/intake.ts';
import type { ParsedEmail } from './parse-email.ts';

/**
 * Whether a message was written by a person, or by a machine: an out-of-office reply, a delivery failure, a
 * mailing list, a loop with another system, or our own mail coming back. Only a person's message may create
 * or reopen an incident; nothing a machine sent is ever answered automatically (RFC 3834).
 */
export interface Classification {
  readonly kind: MessageKind;
  /** The evidence, in words, for the agent and the timeline. */
  readonly reason: string | null;
}

/** The mark our own outgoing mail carries (X-Loop), so it is recognised if it comes back. */
export const OUR_LOOP_MARK = 'incident-desk';
/** The header our own outgoing mail carries; its value names the incident the mail was about. */
export const OUR_MAIL_HEADER = 'x-incident-desk';

/** Subject prefixes of out-of-office and other automatic replies, as the common mail servers word them. */
const AUTO_SUBJECT =
  /^(auto(matic|matische)?[ -]?(reply|response|antwort|answer)\s*:|autoreply\s*:|out of (the )?office\b|abwesenheitsnotiz\s*:|r[ée]ponse automatique\s*:|auto\s*:|\[?auto-?reply\]?\s)/i;
/** Subjects of delivery failures, for senders that are not plainly a mail daemon (a postmaster). */
const DELIVERY_SUBJECT =
  /^(undeliver(able|ed)|returned mail|delivery (status )?notification|(mail )?delivery (has )?fail|failure notice|non-?delivery|mail system error)/i;
const DAEMON = /^(mailer-daemon|mail-daemon|mail\.delivery\.subsystem)(@|$)/i;
const DAEMON_NAME = /^(mail(er)?[ -]daemon|mail delivery (subsystem|system))$/i;
const POSTMASTER = /^postmaster(@|$)/i;

export interface ClassifyInput {
  readonly headers: ReadonlyMap<string, string>;
  readonly from: string | null;
  readonly fromName?: string | undefined;
  readonly subject: string;
  readonly contentType: string;
  /** The content types of the message's attachments (a delivery report among them marks a bounce). */
  readonly partTypes?: readonly string[] | undefined;
  /** The text of its delivery status report (message/delivery-status), when it has one. */
  readonly deliveryReport?: string | undefined;
}

/**
 * What a delivery status report (RFC 3464) says failed, in a line for the agent: "Delivery to x@example.com
 * failed (5.1.1: 550 User unknown)." Only recipients whose action is "failed" (or that name no action) count;
 * a "delayed" report says so instead.
 */
export function deliveryFailure(report: string): string | null {
  const recipients = report
    .split(/\r?\n\s*\r?\n/)
    .map((block) => {
      const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(block)?.[1]?.trim();
      const recipient = field('Final-Recipient') ?? field('Original-Recipient');
      if (!recipient) return null;
      return {
        address: recipient.replace(/^rfc822;\s*/i, ''),
        action: field('Action')?.toLowerCase() ?? 'failed',
        status: field('Status'),
        diagnostic: field('Diagnostic-Code')?.replace(/^smtp;\s*/i, ''),
      };
    })
    .filter((r) => r !== null);
  const failed = recipients.filter((r) => r.action === 'failed');
  const shown = failed.length ? failed : recipients.filter((r) => r.action === 'delayed');
  if (!shown.length) return null;
  const first = shown[0]!;
  const detail = [first.status, first.diagnostic].filter(Boolean).join(': ');
  const others = shown.length > 1 ? ` and ${shown.length - 1} more` : '';
  const verb = failed.length ? 'failed' : 'is delayed';
  return `Delivery to ${first.address}${others} ${verb}${detail ? ` (${detail.slice(0, 200)})` : ''}.`;
}

type Rule = (input: ClassifyInput, header: (name: string) => string) => Classification | null;

const ourOwnMail: Rule = ({ headers }, header) =>
  headers.has(OUR_MAIL_HEADER) || header('x-loop').toLowerCase().includes(OUR_LOOP_MARK)
    ? { kind: 'loop', reason: 'This is mail Incident Desk sent, come back (X-Loop).' }
    : null;

const report: Rule = ({ contentType, partTypes = [], deliveryReport }) => {
  const bounce = (): Classification => ({
    kind: 'bounce',
    reason:
      (deliveryReport && deliveryFailure(deliveryReport)) ||
      'A delivery status report: the message could not be delivered.',
  });
  if (!/^\s*multipart\/report/i.test(contentType)) {
    return partTypes.includes('message/delivery-status') ? bounce() : null;
  }
  const type = /report-type\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (type === 'delivery-status' || (!type && partTypes.includes('message/delivery-status'))) return bounce();
  if (type === 'disposition-notification') return { kind: 'auto_reply', reason: 'A read receipt.' };
  return { kind: 'auto_reply', reason: `An automatic report (${type ?? 'multipart/report'}).` };
};

const mailSystem: Rule = ({ from, fromName = '', subject, headers }, header) => {
  if (from && DAEMON.test(from)) return { kind: 'bounce', reason: `Sent by the mail system (${from}).` };
  if (DAEMON_NAME.test(fromName.trim())) return { kind: 'bounce', reason: `Sent by the mail system (${fromName}).` };
  if (headers.has('x-failed-recipients')) {
    return { kind: 'bounce', reason: `Delivery to ${header('x-failed-recipients')} failed (X-Failed-Recipients).` };
  }
  // A postmaster is sometimes a person; only its delivery failures are the mail system speaking.
  if (from && POSTMASTER.test(from) && (DELIVERY_SUBJECT.test(subject) || header('return-path') === '<>')) {
    return { kind: 'bounce', reason: `A delivery failure from ${from}.` };
  }
  return null;
};

const autoSubmitted: Rule = (_, header) => {
  const value = header('auto-submitted').toLowerCase();
  return value && !value.startsWith('no') ? { kind: 'auto_reply', reason: `Auto-Submitted: ${value}.` } : null;
};

const suppressesReplies: Rule = (_, header) => {
  const value = header('x-auto-response-suppress');
  return /\b(all|oof|autoreply)\b/i.test(value)
    ? { kind: 'auto_reply', reason: `X-Auto-Response-Suppress: ${value} (sent by a program).` }
    : null;
};

const precedence: Rule = (_, header) => {
  const value = header('precedence').toLowerCase();
  return ['bulk', 'junk', 'list', 'auto_reply'].includes(value)
    ? { kind: 'auto_reply', reason: `Precedence: ${value}.` }
    : null;
};

const autoReplyHeaders: Rule = ({ headers }) =>
  ['x-autoreply', 'x-autorespond', 'x-autogenerated', 'x-autoreply-from', 'x-mail-autoreply'].some((h) =>
    headers.has(h),
  )
    ? { kind: 'auto_reply', reason: 'Marked as an automatic reply (X-Autoreply).' }
    : null;

const mailingList: Rule = (_, header) => {
  const list = header('list-id') || header('list-unsubscribe');
  return list ? { kind: 'auto_reply', reason: `Sent through a mailing list (${list.slice(0, 80)}).` } : null;
};

const nullSender: Rule = (_, header) =>
  header('return-path') === '<>'
    ? { kind: 'auto_reply', reason: 'Sent with an empty return path (Return-Path: <>), as automatic mail is.' }
    : null;

const autoSubject: Rule = ({ subject }) => {
  if (AUTO_SUBJECT.test(subject)) return { kind: 'auto_reply', reason: `The subject says so ("${subject}").` };
  return null;
};

const otherLoop: Rule = (_, header) => {
  const loop = header('x-loop');
  return loop ? { kind: 'loop', reason: `Another system marked it X-Loop: ${loop}.` } : null;
};

/** Strongest evidence first: our own mail, delivery reports, then the headers RFC 3834 names, then hints. */
const RULES: readonly Rule[] = [
  ourOwnMail,
  report,
  mailSystem,
  autoSubmitted,
  suppressesReplies,
  precedence,
  autoReplyHeaders,
  mailingList,
  nullSender,
  autoSubject,
  otherLoop,
];

export function classifyMessage(input: ClassifyInput): Classification {
  const header = (name: string) => input.headers.get(name)?.trim() ?? '';
  for (const rule of RULES) {
    const found = rule(input, header);
    if (found) return found;
  }
  return { kind: 'message', reason: null };
}

/** What a parsed email is, by the rules above. */
export function classifyEmail(email: ParsedEmail): Classification {
  return classifyMessage({
    headers: email.headers,
    from: email.from?.address ?? null,
    fromName: email.from?.name,
    subject: email.subject,
    contentType: email.contentType,
    partTypes: email.attachments.map((a) => a.contentType),
    deliveryReport: email.attachments
      .find((a) => a.contentType === 'message/delivery-status')
      ?.content.toString('utf8'),
  });
}
