import { v5 as uuidv5 } from 'uuid';
import type { JsonValue } from '#shared/change.ts';
import type { AttachmentInfo, MessageKind } from '#shared/domain/intake.ts';
import { planTransition } from '#shared/domain/lifecycle.ts';
import { blobHash, putBlob } from '../blobs/blob.repository.ts';
import { createIncident, recordIncidentChanges } from '../incidents/incident.service.ts';
import { findIncident } from '../incidents/incident.repository.ts';
import { saveContact } from '../reference/reference.service.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import { classifyMessage } from './classify.ts';
import type { ParsedEmail } from './parse-email.ts';
import { linkMessage } from './message-link.ts';
import { findThread, subjectTokens } from './threading.ts';

/** Namespace for the ids of imported things: the same email gets the same id on every workstation. */
const INTAKE_NAMESPACE = '6f1c5b1e-2f55-4c52-9a3f-3c1f0d6a2b71';
/** A change value is at most 64 KiB: longer bodies are cut, and the whole message stays in the raw copy. */
const MAX_BODY = 60_000;
const PREVIEW = 240;

export function messageEntityId(messageId: string | null, rawHash: string): string {
  return uuidv5(messageId ? `message-id:${messageId.toLowerCase()}` : `raw:${rawHash}`, INTAKE_NAMESPACE);
}

export type EmailOutcome =
  | { readonly kind: 'imported' | 'threaded' | 'automatic'; readonly id: string; readonly incidentId: string | null }
  | { readonly kind: 'duplicate'; readonly id: string }
  | { readonly kind: 'failed'; readonly id: string; readonly reason: string };

export interface EmailSource {
  /** Where it came from, for the agent ("import: inbox.mbox #12", "imap: Support"). */
  readonly source: string;
  /** When it arrived, if the source knows better than the Date header (an IMAP internal date). */
  readonly receivedAt?: Date | undefined;
}

function preview(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW);
}

async function storeAttachments(db: Db, email: ParsedEmail): Promise<AttachmentInfo[]> {
  const stored: AttachmentInfo[] = [];
  for (const part of email.attachments) {
    const hash = await putBlob(db, part.content);
    stored.push({
      name: part.name,
      contentType: part.contentType,
      size: part.content.length,
      hash,
      contentId: part.contentId,
      inline: part.inline,
    });
  }
  return stored;
}

/** The sender as a contact: matched by email, or added with the name they gave. */
async function contactFor(db: Db, recorder: ChangeRecorder, email: ParsedEmail): Promise<string | null> {
  const sender = email.replyTo ?? email.from;
  if (!sender?.address.includes('@')) return null;
  const known = await db
    .selectFrom('contact')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', sender.address))
    .executeTakeFirst();
  if (known) return known.id;
  const name = sender.name || sender.address.split('@')[0]!;
  return saveContact(db, recorder, {
    name: name.slice(0, 120),
    email: sender.address,
    phone: null,
    organisation: null,
  });
}

/**
 * What a person's reply does to the incident it belongs to: a resolved incident reopens, one waiting on the
 * customer is worked on again, and a closed (or cancelled) one stays closed while the reply starts a new
 * incident that points back at it.
 */
async function answerReply(
  db: Db,
  recorder: ChangeRecorder,
  incidentId: string,
  messageEntity: string,
  email: ParsedEmail,
  contactId: string | null,
): Promise<{ incidentId: string; created: boolean }> {
  const incident = await findIncident(db, incidentId);
  if (!incident) return { incidentId, created: false };
  const who = email.from?.name || email.from?.address || 'the customer';
  const actor = { actorId: '', now: recorder.at };
  if (incident.status === 'resolved') {
    const plan = planTransition(incident, { action: 'reopen', notes: `Reopened by a reply from ${who}.` }, actor);
    recordIncidentChanges(recorder, incident, plan.fields, 'reopen', plan.notes);
  } else if (incident.status === 'waiting_on_customer') {
    const plan = planTransition(incident, { action: 'resume' }, actor);
    recordIncidentChanges(recorder, incident, { status: plan.fields.status }, 'resume', `${who} replied.`);
  } else if (incident.status === 'closed' || incident.status === 'cancelled') {
    const created = await createIncident(
      db,
      recorder,
      {
        title: email.subject || `Reply from ${who}`,
        description: email.text.slice(0, 20_000),
        channel: 'email',
        reporterId: contactId,
        categoryId: incident.categoryId,
        subcategory: incident.subcategory,
        serviceId: incident.serviceId,
        impact: incident.impact,
        urgency: incident.urgency,
        priorityOverride: null,
        assigneeId: null,
        groupId: incident.groupId,
        tags: [],
      },
      null,
      { id: uuidv5(`incident-from:${messageEntity}`, INTAKE_NAMESPACE), relatedIncidentIds: [incident.id] },
    );
    recorder.append('incident', incident.id, 'note', {
      body: `A reply from ${who} arrived after this incident was closed; it started a new incident.`,
      internal: true,
      relatedIncidentId: created,
    });
    return { incidentId: created, created: true };
  }
  return { incidentId, created: false };
}

/**
 * Stores one inbound email (inside the caller's transaction): the raw bytes always, then what it is, who
 * sent it, where it belongs, and the inbox item or timeline entry that shows it. The recorder is flushed
 * at the end, so the next email of the same import sees this one (a reply to it threads onto the same
 * incident).
 */
export async function importEmail(
  db: Db,
  recorder: ChangeRecorder,
  raw: Buffer,
  parsed: ParsedEmail | Error,
  from: EmailSource,
): Promise<EmailOutcome> {
  const rawHash = blobHash(raw);
  const id = messageEntityId(parsed instanceof Error ? null : parsed.messageId, rawHash);
  if (await db.selectFrom('message').select('id').where('id', '=', id).executeTakeFirst()) {
    return { kind: 'duplicate', id };
  }
  await putBlob(db, raw, rawHash);
  const receivedAt = (from.receivedAt ?? new Date(recorder.at)).toISOString();
  if (parsed instanceof Error) {
    const reason = `It could not be read as an email (${parsed.message}); the original is kept.`;
    const fields: Record<string, JsonValue> = {
      channel: 'email',
      kind: 'unparsed',
      state: 'untriaged',
      receivedAt,
      subject: '(could not be read)',
      preview: '',
      bodyText: '',
      rawHash,
      note: reason,
      source: from.source,
    };
    for (const [field, value] of Object.entries(fields)) recorder.set('message', id, field, value);
    await recorder.flush();
    return { kind: 'failed', id, reason };
  }

  const email = parsed;
  const classified = classifyMessage({
    headers: email.headers,
    from: email.from?.address ?? null,
    subject: email.subject,
    contentType: email.contentType,
  });
  const person = classified.kind === 'message' || classified.kind === 'auto_reply';
  const contactId = person ? await contactFor(db, recorder, email) : null;
  // The contact must be readable by the threading rules below (a reporter replying for the first time).
  await recorder.flush();
  const attachments = await storeAttachments(db, email);
  const htmlHash = email.html ? await putBlob(db, Buffer.from(email.html, 'utf8')) : null;
  const thread = await findThread(db, {
    subject: email.subject,
    from: email.from?.address ?? null,
    inReplyTo: email.inReplyTo,
    references: email.references,
  });
  const refused = !thread && subjectTokens(email.subject).length > 0;
  const notes = [
    classified.reason,
    thread?.note,
    refused ? 'The subject names an incident, but the sender is not part of it, so it waits here.' : null,
  ].filter(Boolean);

  let incidentId = thread?.incidentId ?? null;
  let created = false;
  if (thread && classified.kind === 'message') {
    ({ incidentId, created } = await answerReply(db, recorder, thread.incidentId, id, email, contactId));
  }
  const kind: MessageKind = classified.kind;
  const fields: Record<string, JsonValue> = {
    channel: 'email',
    kind,
    state: 'untriaged',
    receivedAt: (from.receivedAt ?? email.date ?? new Date(recorder.at)).toISOString(),
    fromAddress: email.from?.address ?? null,
    fromName: email.from?.name || null,
    to: email.to.map((a) => ({ ...a })),
    cc: email.cc.map((a) => ({ ...a })),
    subject: email.subject.slice(0, 500),
    preview: preview(email.text),
    bodyText: email.text.slice(0, MAX_BODY),
    htmlHash,
    attachments: attachments.map((a) => ({ ...a })),
    messageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references.slice(-50),
    rawHash,
    note: notes.join(' ') || null,
    contactId,
    source: from.source,
  };
  for (const [field, value] of Object.entries(fields)) {
    if (value !== null) recorder.set('message', id, field, value);
  }
  if (incidentId) {
    const linked = {
      id,
      channel: 'email',
      kind,
      from: email.from,
      subject: email.subject,
      preview: preview(email.text),
    };
    linkMessage(recorder, linked, incidentId, created ? 'incident' : 'threaded');
  }
  await recorder.flush();
  if (kind !== 'message') return { kind: 'automatic', id, incidentId };
  return { kind: incidentId ? 'threaded' : 'imported', id, incidentId };
}
