import type { JsonValue } from '#shared/change.ts';
import { DeskError } from '#shared/errors.ts';
import { isOpenStatus } from '#shared/domain/enums.ts';
import { acknowledgement } from '#shared/domain/lifecycle.ts';
import { isOutgoingAddress } from '#shared/domain/mail-header.ts';
import type { OutgoingRecipient } from '#shared/domain/mail-header.ts';
import type { MailboxSettings } from '#shared/domain/mailbox.ts';
import type { OutgoingAttachment, SendReplyCommand } from '#shared/domain/outbox.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { getIncident } from '#core/incidents/incident.repository.ts';
import { listMailboxes } from '#core/mailboxes/mailbox.repository.ts';
import { findAgent, findContact } from '#core/reference/reference.repository.ts';
import type { ChangeRecorder, Db } from '#core/store/store.ts';
import { queueOutgoingMail } from './outgoing-mail.service.ts';

/** The mail of the incident that a reply answers: the newest one a person sent to the desk. */
export interface AnsweredMail {
  readonly messageId: string;
  readonly references: readonly string[];
  readonly subject: string;
  readonly from: OutgoingRecipient | null;
  readonly others: readonly OutgoingRecipient[];
}

function recipientsOf(json: string): OutgoingRecipient[] {
  try {
    return (JSON.parse(json) as { address?: string; name?: string }[])
      .filter((r) => typeof r.address === 'string' && isOutgoingAddress(r.address))
      .map((r) => ({ address: r.address!, name: r.name ?? '' }));
  } catch {
    return [];
  }
}

export async function answeredMail(db: Db, incidentId: string): Promise<AnsweredMail | null> {
  const row = await db
    .selectFrom('message')
    .select(['message_id', 'refs', 'subject', 'from_address', 'from_name', 'recipients', 'copies'])
    .where('incident_id', '=', incidentId)
    .where('channel', '=', 'email')
    .where('kind', '=', 'message')
    .where('message_id', 'is not', null)
    .orderBy('received_at', 'desc')
    .executeTakeFirst();
  if (!row?.message_id) return null;
  const from =
    row.from_address && isOutgoingAddress(row.from_address)
      ? { address: row.from_address, name: row.from_name ?? '' }
      : null;
  return {
    messageId: row.message_id,
    references: JSON.parse(row.refs) as string[],
    subject: row.subject,
    from,
    others: [...recipientsOf(row.recipients), ...recipientsOf(row.copies)],
  };
}

/** The mailbox a reply goes out from: the one chosen, the one the answered mail was sent to, or the first that sends. */
export async function sendingMailbox(
  db: Db,
  chosen: string | undefined,
  answered: AnsweredMail | null,
): Promise<MailboxSettings> {
  const sending = (await listMailboxes(db)).filter((m) => m.outgoing);
  if (chosen) {
    const mailbox = sending.find((m) => m.id === chosen);
    if (!mailbox)
      throw new DeskError('invalid_input', 'That mailbox does not exist or has no outgoing (SMTP) settings.');
    return mailbox;
  }
  const addressedTo = new Set(answered?.others.map((r) => r.address.toLowerCase()) ?? []);
  const mailbox = sending.find((m) => addressedTo.has(m.outgoing!.address.toLowerCase())) ?? sending[0];
  if (!mailbox) {
    throw new DeskError('invalid_input', 'No mailbox can send mail yet: add outgoing (SMTP) settings to a mailbox.');
  }
  return mailbox;
}

function replySubject(incident: Incident, answered: AnsweredMail | null): string {
  if (!answered?.subject) return incident.title;
  return /^\s*re\s*:/i.test(answered.subject) ? answered.subject : `Re: ${answered.subject}`;
}

/** The agent's sign-off: their name, then the mailbox's signature ("-- " starts a signature, RFC 3676). */
export function signedText(text: string, agentName: string, signature: string): string {
  const lines = [agentName, signature.trim()].filter(Boolean);
  return lines.length ? `${text.trimEnd()}\n\n-- \n${lines.join('\n')}\n` : text;
}

/**
 * Who a reply goes to unless the agent chooses: the reporter (or whoever wrote the answered mail), copied to
 * the others the answered mail went to, not the desk's own mailboxes, not its agents.
 */
export async function defaultRecipients(
  db: Db,
  incident: Incident,
  answered: AnsweredMail | null,
): Promise<{ to: OutgoingRecipient[]; cc: OutgoingRecipient[] }> {
  // The desk's own addresses: what it sends from, and the accounts it reads (often the same address).
  const ours = new Set(
    (await listMailboxes(db))
      .flatMap((m) => [m.username, ...(m.outgoing ? [m.outgoing.address] : [])])
      .map((a) => a.toLowerCase()),
  );
  const agentEmails = new Set(
    (await db.selectFrom('agent').select('email').execute()).map((a) => a.email.toLowerCase()),
  );
  const reporter = incident.reporterId ? await findContact(db, incident.reporterId) : null;
  const reporterAddress =
    reporter?.email && isOutgoingAddress(reporter.email) ? { address: reporter.email, name: reporter.name } : null;
  const to = [reporterAddress ?? answered?.from].filter((r): r is OutgoingRecipient => Boolean(r));
  const cc = (answered?.others ?? []).filter(
    (r) =>
      !ours.has(r.address.toLowerCase()) &&
      !agentEmails.has(r.address.toLowerCase()) &&
      !to.some((t) => t.address.toLowerCase() === r.address.toLowerCase()),
  );
  return { to, cc };
}

export const NOBODY_TO_WRITE_TO = 'The incident has no reporter with an email address: say who the reply goes to.';

/**
 * A public reply by an agent (inside the caller's command): to the reporter, copied to the others the
 * answered mail went to (not the desk's own mailboxes, not its agents) unless the agent chose, threaded
 * to the newest mail of the incident, signed, and queued in the outbox for this workstation to send.
 * Writing to the reporter is working the incident, so it acknowledges an open one. Answers the outbox id.
 */
export async function recordReply(
  db: Db,
  recorder: ChangeRecorder,
  command: SendReplyCommand,
  actorId: string,
  attachments: readonly OutgoingAttachment[],
): Promise<string> {
  const incident = await getIncident(db, command.incidentId);
  const answered = await answeredMail(db, incident.id);
  const mailbox = await sendingMailbox(db, command.mailboxId, answered);
  const defaults = await defaultRecipients(db, incident, answered);
  const to = command.to ?? defaults.to;
  if (!to.length) throw new DeskError('invalid_input', NOBODY_TO_WRITE_TO);
  const cc = command.cc ?? defaults.cc;
  const agent = await findAgent(db, actorId);
  const outboxId = await queueOutgoingMail(db, recorder, {
    incidentId: incident.id,
    mailboxId: mailbox.id,
    automatic: false,
    authorId: actorId,
    to,
    cc,
    subject: replySubject(incident, answered),
    text: signedText(command.text, agent?.name ?? '', mailbox.outgoing!.signature),
    attachments,
    inReplyTo: answered?.messageId ?? null,
    references: answered?.references ?? [],
  });
  if (isOpenStatus(incident.status)) {
    const fields = acknowledgement(incident, { actorId, now: recorder.at });
    for (const [field, value] of Object.entries(fields))
      recorder.set('incident', incident.id, field, value as JsonValue);
  }
  return outboxId;
}
