import type { JsonValue } from '#shared/change.ts';
import type { AttachmentInfo, MailAddress, MessageKind } from '#shared/domain/intake.ts';
import { recordFieldChanges } from '../store/record-fields.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import { classifyEmail } from './classify.ts';
import { linkMessage } from '../messages/message-link.ts';
import type { ParsedEmail } from './parse-email.ts';
import type { EmailOutcome, EmailSource, InboundEmail } from './inbound-email.ts';
import { findThread, threadCluesOf } from './threading.ts';
import { prepareBatch } from './import-batch.ts';
import type { BatchContext, PreparedEmail } from './import-batch.ts';
import { answerReply } from './answer-reply.ts';
import { fitList, fitText } from '../messages/fit.ts';
import { contactEntityId } from '../messages/message-ids.ts';
import { neverAnswerReason } from './never-answer.ts';

/**
 * A change value is at most 64 KiB of JSON (MAX_CHANGE_VALUE_BYTES): a longer body or a longer list of
 * recipients or attachments is cut to fit, and the whole message stays in the raw copy.
 */
const MAX_BODY_JSON = 60_000;
const MAX_LIST_JSON = 16_000;
const MAX_ATTACHMENTS_JSON = 60_000;
const PREVIEW = 240;
/** A Date header further ahead than this (spam, a wrong clock) is not believed: the message would sit on top. */
const MAX_FUTURE_MS = 24 * 3_600_000;
const EARLIEST_DATE = Date.UTC(1980, 0, 1);

const SET_ASIDE = 'Set aside as noise: automatic mail that answers no incident.';

/** How long a subject is kept, and a reason or note written on a message. */
const MAX_SUBJECT = 500;
const MAX_NOTE = 2_000;
/** A Message-ID is at most a line of mail (RFC 5322); how many reply ids are kept, newest first. */
const MAX_ID = 998;
const MAX_REFERENCES_JSON = 16_000;

function fitAddress(address: MailAddress | null): MailAddress | null {
  return address && { address: address.address.slice(0, 320), name: fitText(address.name, 200) };
}

/**
 * The parts of an email that go into changes, cut so each fits a change whatever the sender put in the
 * headers: the subject, the sender's name and address, the ids. The raw message keeps them whole.
 */
function fitted(email: ParsedEmail): ParsedEmail {
  return {
    ...email,
    subject: fitText(email.subject, MAX_SUBJECT),
    from: fitAddress(email.from),
    replyTo: fitAddress(email.replyTo),
    messageId: email.messageId?.slice(0, MAX_ID) ?? null,
    inReplyTo: email.inReplyTo?.slice(0, MAX_ID) ?? null,
    references: fitList(
      email.references
        .slice(-50)
        .map((reference) => reference.slice(0, MAX_ID))
        .reverse(),
      MAX_REFERENCES_JSON,
    ).reverse(),
  };
}

function preview(text: string): string {
  // Only the start is shown: collapsing white space in a whole long body would cost for nothing.
  return text
    .slice(0, PREVIEW * 4)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, PREVIEW);
}

function plausibleDate(date: Date | null, nowIso: string): Date | null {
  if (!date) return null;
  const ms = date.getTime();
  return ms >= EARLIEST_DATE && ms <= Date.parse(nowIso) + MAX_FUTURE_MS ? date : null;
}

/**
 * The sender as a contact: matched by email (whatever the message), or added with the name they gave when a
 * person wrote (a newsletter or an out-of-office reply adds nobody to the contacts).
 */
function contactFor(
  recorder: ChangeRecorder,
  email: ParsedEmail,
  kind: MessageKind,
  context: BatchContext,
): string | null {
  const sender = email.replyTo ?? email.from;
  if (!sender?.address.includes('@')) return null;
  const known = context.contacts.get(sender.address);
  if (known || kind !== 'message') return known ?? null;
  const name =
    sender.name || (sender.address === email.from?.address ? email.from.name : '') || sender.address.split('@')[0]!;
  const id = contactEntityId(sender.address);
  // Phone and organisation start empty, as the projection shows unset fields.
  recordFieldChanges(recorder, 'contact', id, null, { name: name.slice(0, 120), email: sender.address });
  context.contacts.set(sender.address, id);
  return id;
}

function unreadable(recorder: ChangeRecorder, prepared: PreparedEmail, error: Error): EmailOutcome {
  const { id, rawHash, email } = prepared;
  const reason = `It could not be read as an email (${error.message}); the original is kept.`;
  const fields: Record<string, JsonValue> = {
    channel: 'email',
    kind: 'unparsed',
    state: 'untriaged',
    receivedAt: (email.source.receivedAt ?? new Date(recorder.at)).toISOString(),
    subject: '(could not be read)',
    preview: '',
    bodyText: '',
    rawHash,
    note: reason,
    source: email.source.source,
    ...(email.cutShort ? { truncated: true } : {}),
  };
  for (const [field, value] of Object.entries(fields)) recorder.set('message', id, field, value);
  return { kind: 'failed', id, reason };
}

function messageFields(
  prepared: PreparedEmail,
  email: ParsedEmail,
  recorder: ChangeRecorder,
  extra: {
    kind: MessageKind;
    note: string | null;
    neverAnswer: string | null;
    contactId: string | null;
    attachments: readonly AttachmentInfo[];
  },
): Record<string, JsonValue> {
  const receivedAt =
    prepared.email.source.receivedAt ?? plausibleDate(email.date, recorder.at) ?? new Date(recorder.at);
  const copy = (list: readonly MailAddress[]) =>
    fitList(
      list.map((a) => ({ address: a.address.slice(0, 320), name: a.name.slice(0, 200) })),
      MAX_LIST_JSON,
    );
  return {
    channel: 'email',
    kind: extra.kind,
    state: 'untriaged',
    receivedAt: receivedAt.toISOString(),
    fromAddress: email.from?.address ?? null,
    fromName: email.from?.name || null,
    to: copy(email.to),
    cc: copy(email.cc),
    subject: email.subject,
    preview: preview(email.text),
    bodyText: fitText(email.text, MAX_BODY_JSON),
    htmlHash: prepared.htmlHash,
    attachments: fitList(
      extra.attachments.map((a) => ({ ...a })),
      MAX_ATTACHMENTS_JSON,
    ),
    messageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: [...email.references],
    rawHash: prepared.rawHash,
    note: extra.note && fitText(extra.note, MAX_NOTE),
    neverAnswer: extra.neverAnswer && fitText(extra.neverAnswer, MAX_NOTE),
    truncated: Boolean(prepared.email.cutShort) || email.cutShort !== null,
    contactId: extra.contactId,
    source: prepared.email.source.source,
  };
}

/**
 * Values the message projection shows anyway when a field was never set (store/projections.ts): leaving them
 * out saves a third of the changes an import writes, and of the log every workstation downloads.
 */
const PROJECTION_DEFAULTS: Readonly<Record<string, JsonValue>> = {
  channel: 'email',
  kind: 'message',
  state: 'untriaged',
  preview: '',
  bodyText: '',
  truncated: false,
};

function isProjectionDefault(field: string, value: JsonValue): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return PROJECTION_DEFAULTS[field] === value;
}

async function isAgent(db: Db, address: string | undefined): Promise<boolean> {
  if (!address) return false;
  const agent = await db
    .selectFrom('agent')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', address))
    .executeTakeFirst();
  return agent !== undefined;
}

/** One message of a batch, its blobs already stored: what it is, who sent it, where it belongs. */
async function importOne(
  db: Db,
  recorder: ChangeRecorder,
  prepared: PreparedEmail,
  context: BatchContext,
): Promise<EmailOutcome> {
  const { id, email: inbound } = prepared;
  if (prepared.duplicate) return { kind: 'duplicate', id };
  if (inbound.parsed instanceof Error) return unreadable(recorder, prepared, inbound.parsed);
  const classified = classifyEmail(inbound.parsed);
  const email = fitted(inbound.parsed);
  const contactId = contactFor(recorder, email, classified.kind, context);
  // An abuse report is about mail sent from here, not part of any incident's conversation: it waits in the inbox.
  const { target, refusal } =
    classified.kind === 'abuse_report'
      ? { target: null, refusal: null }
      : await findThread(db, threadCluesOf(email, classified.kind !== 'message'), context.replyLookup);

  let incidentId = target?.incidentId ?? null;
  let created = false;
  let react = () => {};
  // An agent's own mail on the thread (a copy to the desk) is part of the work, not the customer answering.
  if (target && classified.kind === 'message' && !(await isAgent(db, email.from?.address))) {
    // The incident's state is read from the store: what this batch recorded so far must be in it.
    await recorder.flush();
    ({ incidentId, created, react } = await answerReply(db, recorder, target.incidentId, id, email, contactId));
  }
  // Automatic mail (an auto-reply, a bounce, a loop) that answers no incident needs no triage: it is set aside
  // under Noise, kept and findable, so the inbox's "To triage" holds what the import summary calls new. An abuse
  // report is the exception: someone must read it.
  const setAside = classified.kind !== 'message' && classified.kind !== 'abuse_report' && !incidentId;
  const note =
    [classified.reason, target?.note, refusal, setAside ? SET_ASIDE : null].filter(Boolean).join(' ') || null;
  const fields = messageFields(prepared, email, recorder, {
    kind: classified.kind,
    note,
    neverAnswer: neverAnswerReason(email, classified, context.ownAddresses),
    contactId,
    attachments: prepared.attachments,
  });
  if (setAside) fields.state = 'noise';
  for (const [field, value] of Object.entries(fields)) {
    if (!isProjectionDefault(field, value)) recorder.set('message', id, field, value);
  }
  if (incidentId) {
    const linked = { id, channel: 'email', kind: classified.kind, from: email.from, subject: email.subject };
    linkMessage(
      recorder,
      { ...linked, preview: fields.preview as string },
      incidentId,
      created ? 'incident' : 'threaded',
    );
    react();
    if (email.messageId) context.replied(email.messageId, incidentId, fields.receivedAt as string);
    // Later messages of the batch may read this incident (a second reply): it is written now.
    await recorder.flush();
  }
  if (classified.kind !== 'message') return { kind: 'automatic', id, incidentId };
  return { kind: incidentId ? 'threaded' : 'imported', id, incidentId };
}

/**
 * Stores inbound emails (inside the caller's transaction): the raw bytes always, then for each what it is, who
 * sent it, where it belongs, and the inbox item or timeline entry that shows it. Blobs, duplicates, contacts
 * and reply targets are looked up and written for the whole batch at once; a message that touches an incident
 * is applied at once, so the next one of the batch sees it. Everything is applied when this returns.
 */
export async function importEmails(
  db: Db,
  recorder: ChangeRecorder,
  emails: readonly InboundEmail[],
): Promise<EmailOutcome[]> {
  const { prepared, context } = await prepareBatch(db, emails);
  const outcomes: EmailOutcome[] = [];
  // Applied once at the end (and where a message touches an incident): every statement in a transaction waits
  // its turn behind the parsing going on meanwhile, so fewer statements make a shorter transaction.
  for (const message of prepared) outcomes.push(await importOne(db, recorder, message, context));
  await recorder.flush();
  return outcomes;
}

/** One email, as an IMAP fetch brings it: the same rules as a batch of one. */
export async function importEmail(
  db: Db,
  recorder: ChangeRecorder,
  raw: Buffer,
  parsed: ParsedEmail | Error,
  from: EmailSource,
  messageId?: string | null,
): Promise<EmailOutcome> {
  const [outcome] = await importEmails(db, recorder, [{ raw, parsed, source: from, messageId }]);
  return outcome!;
}
