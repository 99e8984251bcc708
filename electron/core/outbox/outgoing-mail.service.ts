import { domainToASCII } from 'node:url';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import type { JsonValue } from '#shared/change.ts';
import { DeskError } from '#shared/errors.ts';
import { addressDomain, isOutgoingAddress } from '#shared/domain/mail-header.ts';
import type { OutgoingRecipient } from '#shared/domain/mail-header.ts';
import { AUTOMATION_SENDER, MAX_ATTEMPTS, retryDelayMs } from '#shared/domain/outbox.ts';
import type { OutgoingAttachment, OutgoingMail } from '#shared/domain/outbox.ts';
import { findMailbox } from '#core/mailboxes/mailbox.repository.ts';
import type { ChangeRecorder, Db } from '#core/store/store.ts';
import { findOutgoingMail, MAIL_CONTENT_FIELDS } from './outgoing-mail.repository.ts';

const REPLY_ENTRY_NAMESPACE = '5d3c8e0a-61b2-4f1e-9a47-0c2b7d9e4f18';
const PREVIEW = 240;
/** A References header keeps the first message and the newest ones (RFC 5322 §3.6.4 leaves the middle out). */
const MAX_REFERENCES = 20;

/**
 * What a caller asks to send: a person's reply, or a rule's template. Everything else (the Message-ID, who
 * sends it, its state) is decided here, so every mail the desk sends is made the same way.
 */
export interface OutgoingDraft {
  readonly incidentId: string | null;
  readonly mailboxId: string;
  /** No person wrote it: it goes out with Auto-Submitted, sent by the automation lease holder. */
  readonly automatic: boolean;
  readonly authorId: string | null;
  readonly to: readonly OutgoingRecipient[];
  readonly cc?: readonly OutgoingRecipient[];
  readonly subject: string;
  readonly text: string;
  readonly attachments?: readonly OutgoingAttachment[];
  /** The Message-ID of the message it answers, and that message's References. */
  readonly inReplyTo?: string | null;
  readonly references?: readonly string[];
  /**
   * A rule's mail passes an id derived from its occasion, so two devices running the same rule queue one mail;
   * queueing an id that exists does nothing.
   */
  readonly id?: string;
}

/** One line of header text: a line break smuggled in (a decoded subject can hold one) becomes a space. */
// eslint-disable-next-line no-control-regex
const CONTROL_RUN = /[\u0000-\u001f\u007f]+/g;

function oneLine(text: string, max: number): string {
  return text.replace(CONTROL_RUN, ' ').trim().slice(0, max);
}

function checkedRecipients(list: readonly OutgoingRecipient[], what: string): OutgoingRecipient[] {
  const seen = new Set<string>();
  const checked: OutgoingRecipient[] = [];
  for (const recipient of list) {
    if (!isOutgoingAddress(recipient.address)) {
      throw new DeskError('invalid_input', `${what}: “${oneLine(recipient.address, 80)}” is not an email address.`);
    }
    const key = recipient.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    checked.push({ address: recipient.address, name: oneLine(recipient.name, 200) });
  }
  return checked;
}

/** A Message-ID on the mailbox's own domain (ASCII: an internationalised domain in its punycode form). */
export function newMessageId(id: string, fromAddress: string): string {
  const domain = domainToASCII(addressDomain(fromAddress)) || 'incident-desk.invalid';
  return `<${id}@${domain}>`;
}

/**
 * Queues a mail (inside the caller's command): the outbox record, with its Message-ID fixed now, and the
 * `reply` entry on the incident's timeline (shared/domain/responses.ts). A person's mail is sent by this
 * device; automatic mail by whichever device holds the automation lease. Answers the outbox id.
 */
export async function queueOutgoingMail(db: Db, recorder: ChangeRecorder, draft: OutgoingDraft): Promise<string> {
  if (draft.id && (await findOutgoingMail(db, draft.id))) return draft.id;
  const mailbox = await findMailbox(db, draft.mailboxId);
  if (!mailbox) throw new DeskError('not_found', `No mailbox with id ${draft.mailboxId}.`);
  if (!mailbox.outgoing) {
    throw new DeskError('invalid_input', `${mailbox.name} has no outgoing (SMTP) settings, so it cannot send mail.`);
  }
  const to = checkedRecipients(draft.to, 'To');
  const cc = checkedRecipients(draft.cc ?? [], 'Cc').filter(
    (c) => !to.some((t) => t.address.toLowerCase() === c.address.toLowerCase()),
  );
  if (!to.length) throw new DeskError('invalid_input', 'The mail has nobody to go to: add a recipient.');
  const id = draft.id ?? uuidv7();
  const subject = oneLine(draft.subject, 500);
  const references = [...(draft.references ?? []), ...(draft.inReplyTo ? [draft.inReplyTo] : [])]
    .map((ref) => oneLine(ref, 998))
    .filter((ref, i, all) => ref && all.indexOf(ref) === i);
  const kept =
    references.length > MAX_REFERENCES ? [references[0]!, ...references.slice(-MAX_REFERENCES + 1)] : references;
  const fields: Record<string, JsonValue> = {
    incidentId: draft.incidentId,
    mailboxId: mailbox.id,
    automatic: draft.automatic,
    authorId: draft.authorId,
    sender: draft.automatic ? AUTOMATION_SENDER : recorder.device,
    to: to as unknown as JsonValue,
    cc: cc as unknown as JsonValue,
    subject,
    text: draft.text,
    attachments: (draft.attachments ?? []).map((a) => ({ ...a })),
    messageId: newMessageId(id, mailbox.outgoing.address),
    inReplyTo: draft.inReplyTo ? oneLine(draft.inReplyTo, 998) : null,
    references: kept,
    createdAt: recorder.at,
  };
  // The state (queued) and attempts (0) are the projection's defaults and are not written: a second device
  // queueing the same rule's mail (same id) before it has seen the first would otherwise, with a later clock,
  // put a mail already sent back in the queue. What it writes is what the first wrote.

  for (const [field, value] of Object.entries(fields)) recorder.set('outgoing', id, field, value);
  if (draft.incidentId) {
    recorder.append(
      'incident',
      draft.incidentId,
      'reply',
      {
        outboxId: id,
        automatic: draft.automatic,
        to: to.map((r) => r.address),
        cc: cc.map((r) => r.address),
        subject,
        preview: draft.text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW),
      },
      uuidv5(`reply:${id}`, REPLY_ENTRY_NAMESPACE),
    );
  }
  return id;
}

/** This device takes the mail to send it: from now on nobody else does, unless it stops for long. */
export function recordClaim(recorder: ChangeRecorder, mail: OutgoingMail, rawHash: string): void {
  recorder.set('outgoing', mail.id, 'state', 'sending');
  recorder.set('outgoing', mail.id, 'claimedBy', recorder.device);
  recorder.set('outgoing', mail.id, 'claimedAt', recorder.at);
  recorder.set('outgoing', mail.id, 'attempts', mail.attempts + 1);
  if (mail.rawHash !== rawHash) recorder.set('outgoing', mail.id, 'rawHash', rawHash);
}

/** The server took it. `note` says who it was not delivered to, when the server refused some recipients. */
export function recordSent(recorder: ChangeRecorder, mail: OutgoingMail, note: string | null): void {
  recorder.set('outgoing', mail.id, 'state', 'sent');
  recorder.set('outgoing', mail.id, 'sentAt', recorder.at);
  if (mail.lastError !== note) recorder.set('outgoing', mail.id, 'lastError', note);
  if (mail.nextAttemptAt !== null) recorder.set('outgoing', mail.id, 'nextAttemptAt', null);
}

/**
 * An attempt failed. A passing failure (a server away, a refused login that may be fixed) goes back to the
 * queue for a later attempt, with backoff, until MAX_ATTEMPTS; a final one (a refused recipient, a message
 * the server will never take) is failed at once and waits for an agent.
 */
export function recordFailure(
  recorder: ChangeRecorder,
  mail: OutgoingMail,
  failure: { readonly message: string; readonly final: boolean },
  attempts: number,
): void {
  const giveUp = failure.final || attempts >= MAX_ATTEMPTS;
  recorder.set('outgoing', mail.id, 'state', giveUp ? 'failed' : 'queued');
  recorder.set('outgoing', mail.id, 'lastError', failure.message);
  const next = giveUp ? null : new Date(Date.parse(recorder.at) + retryDelayMs(attempts)).toISOString();
  recorder.set('outgoing', mail.id, 'nextAttemptAt', next);
  recorder.set('outgoing', mail.id, 'claimedBy', null);
}

/**
 * Puts a mail that was not sent back in the queue, due now. A person's mail is taken over by the device of the
 * agent who retries it (its author's may be gone); automatic mail stays with the automation lease holder.
 */
export async function retryOutgoingMail(db: Db, recorder: ChangeRecorder, id: string): Promise<void> {
  const mail = await findOutgoingMail(db, id);
  if (!mail) throw new DeskError('not_found', `No outgoing mail with id ${id}.`);
  if (mail.state === 'sent') throw new DeskError('conflict', 'This mail was sent already.');
  if (mail.state === 'sending') throw new DeskError('conflict', 'This mail is being sent now.');
  recorder.set('outgoing', id, 'state', 'queued');
  recorder.set('outgoing', id, 'attempts', 0);
  recorder.set('outgoing', id, 'nextAttemptAt', null);
  if (!mail.automatic && mail.sender !== recorder.device) await takeOver(db, recorder, id);
}

/**
 * This workstation sends the mail from now on: it writes again, as they stand, the fields that say what is sent
 * and to whom (findDueMail sends a person's mail only when its own workstation wrote them), and names itself.
 */
async function takeOver(db: Db, recorder: ChangeRecorder, id: string): Promise<void> {
  const fields = await db
    .selectFrom('field_state')
    .select(['field', 'value'])
    .where('entity', '=', 'outgoing')
    .where('entity_id', '=', id)
    .where('field', 'in', MAIL_CONTENT_FIELDS)
    .execute();
  for (const { field, value } of fields) {
    if (field !== 'sender') recorder.set('outgoing', id, field, JSON.parse(value) as JsonValue);
  }
  recorder.set('outgoing', id, 'sender', recorder.device);
}
