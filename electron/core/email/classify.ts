import { NO_REPLY_ADDRESS } from '#shared/domain/answering.ts';
import type { MessageKind } from '#shared/domain/intake.ts';
import {
  COMPLAINT_SUBJECT,
  DAEMON_ADDRESS,
  DAEMON_NAME,
  LIST_MANAGER_ADDRESS,
  POSTMASTER_ADDRESS,
  deliveryFieldsInText,
  isFailureSubject,
  isSuccessSubject,
  quotesReturnedMessage,
  saysDeliveryFailed,
  sesNotification,
} from './automatic-signs.ts';
import { deliveryFailure, deliverySuccess, recipientStatuses, reportsOnlySuccess } from './delivery-report.ts';
import type { ParsedEmail } from './parse-email.ts';

export { deliveryFailure } from './delivery-report.ts';

/**
 * Whether a message was written by a person, or by a machine: a delivery failure (bounce) or a notice of
 * success, an abuse report, an out-of-office or other automatic reply, a mailing list, a loop with another
 * system, or our own mail coming back (DESIGN §5). Only a person's message may create or reopen an incident;
 * nothing a machine sent is ever answered automatically (RFC 3834).
 *
 * The standards come first (RFC 3464 delivery reports, RFC 5965 abuse reports, RFC 3834 Auto-Submitted,
 * RFC 2369/2919 list headers), then what the mail systems that do not follow them send: a mail daemon's
 * sender, a failure subject or text together with a sign that no person sent it.
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
  /** The start of its body text. */
  readonly text?: string | undefined;
  /** Whether it carries a message back (attached whole, or its headers), as a failure report does. */
  readonly returnsMessage?: boolean | undefined;
  /** The header names of the message it carries back, lower-cased. */
  readonly returnedHeaderNames?: readonly string[] | undefined;
}

/** What the rules read, worked out once. */
interface Evidence {
  readonly input: ClassifyInput;
  readonly header: (name: string) => string;
  readonly text: string;
  readonly partTypes: readonly string[];
  /** The null sender (RFC 5321: Return-Path <>, or sendmail's <MAILER-DAEMON>). */
  readonly nullReturnPath: boolean;
  /** The null sender, or a From without an address: nobody to answer. */
  readonly nullSender: boolean;
  /** A sender whose address says nobody reads the answer (no-reply@…). */
  readonly noReply: boolean;
  /** Auto-Submitted with a value other than "no" (RFC 3834). */
  readonly autoSubmitted: boolean;
  readonly daemon: boolean;
  readonly postmaster: boolean;
  readonly returnsMessage: boolean;
}

type Rule = (evidence: Evidence) => Classification | null;

const ourOwnMail: Rule = ({ input, header }) =>
  input.headers.has(OUR_MAIL_HEADER) || header('x-loop').toLowerCase().includes(OUR_LOOP_MARK)
    ? { kind: 'loop', reason: 'This is mail Incident Desk sent, come back (X-Loop).' }
    : null;

function fromReport(report: string | undefined, why: string): Classification {
  const recipients = recipientStatuses(report ?? '');
  if (reportsOnlySuccess(recipients)) return { kind: 'delivery_notice', reason: deliverySuccess(recipients) };
  return { kind: 'bounce', reason: (report && deliveryFailure(report)) || why };
}

/** RFC 6522 reports: delivery status (RFC 3464, 6533), feedback (RFC 5965), disposition (RFC 8098). */
const report: Rule = ({ input, partTypes }) => {
  const isReport = /^\s*multipart\/report/i.test(input.contentType);
  const type = isReport ? /report-type\s*=\s*"?([\w-]+)/i.exec(input.contentType)?.[1]?.toLowerCase() : undefined;
  if (type === 'feedback-report' || partTypes.includes('message/feedback-report')) {
    return { kind: 'abuse_report', reason: 'An abuse report (RFC 5965 feedback report) about mail sent from here.' };
  }
  const statusPart = partTypes.some((t) => /^message\/(global-)?delivery-status$/.test(t));
  if (type === 'delivery-status' || type === 'global-delivery-status' || statusPart) {
    return fromReport(input.deliveryReport, 'A delivery status report: the message could not be delivered.');
  }
  if (type === 'disposition-notification') return { kind: 'auto_reply', reason: 'A read receipt.' };
  return null;
};

/** Feedback loops that do not use ARF, and a mail client's request to unsubscribe. */
const complaint: Rule = ({ input, header, text, returnsMessage }) => {
  if (header('x-apple-unsubscribe').toLowerCase() === 'true') {
    return { kind: 'abuse_report', reason: 'An unsubscribe request sent by Apple Mail for its user.' };
  }
  if (sesNotification(text) === 'Complaint') {
    return { kind: 'abuse_report', reason: 'A complaint about mail sent from here (Amazon SES notification).' };
  }
  // Microsoft's junk mail reporting program returns the message with the address it was reported by.
  const hotmail = input.returnedHeaderNames?.includes('x-hmxmroriginalrecipient') ?? false;
  if (returnsMessage && (hotmail || COMPLAINT_SUBJECT.test(input.subject) || /^feedback-type\s*:/im.test(text))) {
    return { kind: 'abuse_report', reason: `A complaint about mail sent from here ("${input.subject}").` };
  }
  return null;
};

const sesEvent: Rule = ({ text }) => {
  const type = sesNotification(text);
  if (type === 'Bounce') return { kind: 'bounce', reason: 'Amazon SES reports a message it could not deliver.' };
  if (type === 'Delivery') return { kind: 'delivery_notice', reason: 'Amazon SES reports a message delivered.' };
  return null;
};

/** The mail system itself speaking: a mail daemon, Exim's X-Failed-Recipients, a postmaster reporting a failure. */
const mailSystem: Rule = ({ input, header, daemon, postmaster, nullSender, returnsMessage, text }) => {
  const who = input.fromName || input.from || header('from');
  if (isSuccessSubject(input.subject) && (daemon || postmaster || nullSender)) {
    return { kind: 'delivery_notice', reason: `A notice from the mail system (${who}) that a message went through.` };
  }
  if (daemon) return { kind: 'bounce', reason: `Sent by the mail system (${who}).` };
  if (input.headers.has('x-failed-recipients')) {
    return { kind: 'bounce', reason: `Delivery to ${header('x-failed-recipients')} failed (X-Failed-Recipients).` };
  }
  // A postmaster is sometimes a person; only its delivery failures are the mail system speaking.
  const failure = isFailureSubject(input.subject) || returnsMessage || (nullSender && saysDeliveryFailed(text));
  if (postmaster && failure) return { kind: 'bounce', reason: `A delivery failure from ${who}.` };
  return null;
};

/**
 * A failure report from a system that names itself no way we know: its words or RFC 3464's fields, and a sign
 * that no person sent it (the null sender, a no-reply sender, Auto-Submitted, a returned message).
 */
const failureReport: Rule = ({ input, text, nullSender, noReply, autoSubmitted, returnsMessage }) => {
  const machine = nullSender || noReply || autoSubmitted;
  if (!machine && !returnsMessage) return null;
  if (isFailureSubject(input.subject)) {
    return { kind: 'bounce', reason: `A delivery failure ("${input.subject.slice(0, 120)}").` };
  }
  if (machine && deliveryFieldsInText(text)) {
    return fromReport(text, 'A delivery status report: the message could not be delivered.');
  }
  if (machine && returnsMessage && saysDeliveryFailed(text)) {
    return { kind: 'bounce', reason: 'A delivery failure: sent by no one, returning a message it could not deliver.' };
  }
  return null;
};

/** A mailing-list manager refusing a post (fml, Mailman, ezmlm): the post was not delivered to the list. */
const listRefusal: Rule = ({ input, header }) => {
  const manager =
    (input.from && LIST_MANAGER_ADDRESS.test(input.from)) || input.headers.has('x-mlserver') || header('x-ml-name');
  if (!manager) return null;
  return /\bnot (a )?member\b|\bnon-?member\b|\bnot subscribed\b|\brejected\b/i.test(input.subject)
    ? { kind: 'bounce', reason: `The mailing list refused the message ("${input.subject.slice(0, 120)}").` }
    : null;
};

const autoSubmitted: Rule = ({ header }) => {
  const value = header('auto-submitted').toLowerCase();
  return value && !value.startsWith('no') ? { kind: 'auto_reply', reason: `Auto-Submitted: ${value}.` } : null;
};

const suppressesReplies: Rule = ({ header }) => {
  const value = header('x-auto-response-suppress');
  return /\b(all|oof|autoreply)\b/i.test(value)
    ? { kind: 'auto_reply', reason: `X-Auto-Response-Suppress: ${value} (sent by a program).` }
    : null;
};

const precedence: Rule = ({ header }) => {
  const value = header('precedence').toLowerCase();
  if (value === 'bulk' || value === 'list') return { kind: 'mailing_list', reason: `Precedence: ${value}.` };
  return value === 'junk' || value === 'auto_reply' ? { kind: 'auto_reply', reason: `Precedence: ${value}.` } : null;
};

const autoReplyHeaders: Rule = ({ input, header }) =>
  ['x-autoreply', 'x-autorespond', 'x-autogenerated', 'x-autoreply-from', 'x-mail-autoreply'].some((h) =>
    input.headers.has(h),
  ) || /^(vacation|autoreply)$/i.test(header('x-apple-action'))
    ? { kind: 'auto_reply', reason: 'Marked as an automatic reply (X-Autoreply).' }
    : null;

/** RFC 2369 and RFC 2919 list headers, and the older Mailing-List of ezmlm. */
const mailingList: Rule = ({ header }) => {
  const list = header('list-id') || header('list-unsubscribe') || header('list-post') || header('mailing-list');
  return list ? { kind: 'mailing_list', reason: `Sent through a mailing list (${list.slice(0, 80)}).` } : null;
};

const nullSenderRule: Rule = ({ nullReturnPath }) =>
  nullReturnPath
    ? { kind: 'auto_reply', reason: 'Sent with an empty return path (Return-Path: <>), as automatic mail is.' }
    : null;

const autoSubject: Rule = ({ input }) =>
  AUTO_SUBJECT.test(input.subject) ? { kind: 'auto_reply', reason: `The subject says so ("${input.subject}").` } : null;

const otherLoop: Rule = ({ header }) => {
  const loop = header('x-loop');
  return loop ? { kind: 'loop', reason: `Another system marked it X-Loop: ${loop}.` } : null;
};

/** Strongest evidence first: our own mail, reports, the mail system, then the headers RFC 3834 names, then hints. */
const RULES: readonly Rule[] = [
  ourOwnMail,
  report,
  complaint,
  sesEvent,
  mailSystem,
  failureReport,
  listRefusal,
  autoSubmitted,
  suppressesReplies,
  precedence,
  autoReplyHeaders,
  mailingList,
  nullSenderRule,
  autoSubject,
  otherLoop,
];

function evidenceOf(input: ClassifyInput): Evidence {
  const header = (name: string) => input.headers.get(name)?.trim() ?? '';
  const fromHeader = header('from');
  const fromDisplay = fromHeader.replace(/<[^<>]*>/g, ' ').replace(/["()]/g, ' ');
  const text = (input.text ?? '').slice(0, 16_384);
  const partTypes = input.partTypes ?? [];
  const nullReturnPath = /^<\s*(mailer-daemon(@[^>]*)?)?\s*>$/i.test(header('return-path'));
  return {
    input,
    header,
    text,
    partTypes,
    nullReturnPath,
    nullSender: nullReturnPath || input.from === null || /<\s*>/.test(fromHeader),
    noReply: input.from !== null && NO_REPLY_ADDRESS.test(input.from),
    autoSubmitted: /^(?!no\b)\S/i.test(header('auto-submitted')),
    daemon:
      (input.from !== null && DAEMON_ADDRESS.test(input.from)) ||
      DAEMON_NAME.test((input.fromName ?? '').trim()) ||
      DAEMON_NAME.test(fromDisplay.trim()),
    postmaster: (input.from !== null && POSTMASTER_ADDRESS.test(input.from)) || /^\s*postmaster\s*$/i.test(fromDisplay),
    returnsMessage:
      input.returnsMessage === true ||
      partTypes.some((t) => /^(message\/rfc822|(text|message)\/rfc822-headers)$/.test(t)) ||
      quotesReturnedMessage(text),
  };
}

export function classifyMessage(input: ClassifyInput): Classification {
  const evidence = evidenceOf(input);
  for (const rule of RULES) {
    const found = rule(evidence);
    if (found) return found;
  }
  return { kind: 'message', reason: null };
}

const HEAD = 16_384;

/** What a parsed email is, by the rules above. */
export function classifyEmail(email: ParsedEmail): Classification {
  const reports = email.attachments.filter((a) => /^message\/(global-)?delivery-status$/.test(a.contentType));
  return classifyMessage({
    headers: email.headers,
    from: email.from?.address ?? null,
    fromName: email.from?.name,
    subject: email.subject,
    contentType: email.contentType,
    partTypes: email.attachments.map((a) => a.contentType),
    deliveryReport: reports.length ? reports.map((r) => r.content.toString('utf8')).join('\n\n') : undefined,
    text: email.text.slice(0, HEAD),
    returnsMessage: email.returned !== null,
    returnedHeaderNames: email.returned?.headerNames,
  });
}
