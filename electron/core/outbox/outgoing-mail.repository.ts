import type { ExpressionBuilder, Selectable } from 'kysely';
import { AUTOMATION_SENDER, isOutboxState } from '#shared/domain/outbox.ts';
import type { OutboxListInput, OutboxState, OutgoingAttachment, OutgoingMail } from '#shared/domain/outbox.ts';
import type { OutgoingRecipient } from '#shared/domain/mail-header.ts';
import type { Database, OutgoingMailTable } from '#core/store/schema.ts';
import type { Db } from '#core/store/store.ts';

/** SQL for the outbox: the `outgoing_mail` projection, read only here (writes go through the change recorder). */
type OutgoingMailRow = Selectable<OutgoingMailTable>;

function list<T>(json: string): T[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

export function outgoingRowToModel(row: OutgoingMailRow): OutgoingMail {
  return {
    id: row.id,
    incidentId: row.incident_id,
    mailboxId: row.mailbox_id,
    automatic: Boolean(Number(row.automatic)),
    authorId: row.author_id,
    sender: row.sender,
    to: list<OutgoingRecipient>(row.recipients),
    cc: list<OutgoingRecipient>(row.copies),
    subject: row.subject,
    text: row.body_text,
    attachments: list<OutgoingAttachment>(row.attachments),
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    references: list<string>(row.refs),
    state: isOutboxState(row.state) ? row.state : 'queued',
    attempts: Number(row.attempts),
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    rawHash: row.raw_hash,
    createdAt: row.created_at,
  };
}

export async function findOutgoingMail(db: Db, id: string): Promise<OutgoingMail | null> {
  const row = await db.selectFrom('outgoing_mail').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? outgoingRowToModel(row) : null;
}

/** Newest first. */
export async function listOutgoingMail(db: Db, filter: OutboxListInput): Promise<OutgoingMail[]> {
  let query = db.selectFrom('outgoing_mail').selectAll();
  if (filter.states?.length) query = query.where('state', 'in', filter.states);
  if (filter.incidentId) query = query.where('incident_id', '=', filter.incidentId);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
  return rows.map(outgoingRowToModel);
}

export async function countOutgoingByState(db: Db): Promise<Record<OutboxState, number>> {
  const rows = await db
    .selectFrom('outgoing_mail')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const counts: Record<OutboxState, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) if (isOutboxState(row.state)) counts[row.state] = Number(row.n);
  return counts;
}

export interface DueQuery {
  /** This device: it sends its own agents' mail, and resumes what it was sending when it stopped. */
  readonly device: string;
  /** Whether it runs the team's duties now, and so sends automatic mail. */
  readonly automation: boolean;
  readonly now: string;
  /** A claim by another device older than this is taken over (that device stopped in the middle). */
  readonly staleBefore: string;
  readonly limit: number;
}

/** The fields of an outgoing mail that say what is sent, to whom and from where (and the bytes built of it). */
export const MAIL_CONTENT_FIELDS = [
  'incidentId',
  'mailboxId',
  'automatic',
  'authorId',
  'sender',
  'to',
  'cc',
  'subject',
  'text',
  'attachments',
  'messageId',
  'inReplyTo',
  'references',
  'rawHash',
] as const;

/** The mail's own fields among `fields` whose last writer is (`=`) or is not (`!=`) `device`. */
function writtenBy(
  eb: ExpressionBuilder<Database, 'outgoing_mail'>,
  fields: readonly string[],
  operator: '=' | '!=',
  device: string,
) {
  return eb
    .selectFrom('field_state')
    .select('field_state.field')
    .whereRef('field_state.entity_id', '=', 'outgoing_mail.id')
    .where('field_state.entity', '=', 'outgoing')
    .where('field_state.field', 'in', fields)
    .where('field_state.device', operator, device);
}

/**
 * The mail this device should send now: its own that is due, what it had claimed when it stopped, and (while
 * it runs the duties) automatic mail that is due or whose sender stopped long ago in the middle of sending.
 */
export async function findDueMail(db: Db, query: DueQuery): Promise<OutgoingMail[]> {
  const senders = query.automation ? [query.device, AUTOMATION_SENDER] : [query.device];
  const rows = await db
    .selectFrom('outgoing_mail')
    .selectAll()
    .where((eb) => {
      // A person's mail goes out from the workstation that wrote it, through its SMTP account: only when this
      // workstation wrote every field that says what is sent and to whom (a retry here that takes a mail over
      // writes them again). Another device naming this one as the sender, or rewriting the recipients of a
      // mail queued here, as a hostile member can push, gets nothing sent; the mail stays queued, in view.
      const sentFromHere = eb.or([
        eb('sender', '=', AUTOMATION_SENDER),
        eb.and([
          eb.exists(writtenBy(eb, ['sender'], '=', query.device)),
          eb.not(eb.exists(writtenBy(eb, MAIL_CONTENT_FIELDS, '!=', query.device))),
        ]),
      ]);
      return eb.or([
        eb.and([
          eb('state', '=', 'queued'),
          eb('sender', 'in', senders),
          sentFromHere,
          eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', query.now)]),
        ]),
        eb.and([
          eb('state', '=', 'sending'),
          eb('claimed_by', '=', query.device),
          eb('sender', 'in', senders),
          sentFromHere,
        ]),
        ...(query.automation
          ? [
              eb.and([
                eb('state', '=', 'sending'),
                eb('sender', '=', AUTOMATION_SENDER),
                eb('claimed_by', '!=', query.device),
                eb('claimed_at', '<', query.staleBefore),
              ]),
            ]
          : []),
      ]);
    })
    .orderBy('created_at')
    .orderBy('id')
    .limit(query.limit)
    .execute();
  return rows.map(outgoingRowToModel);
}

/** When the next queued mail of this device falls due, to wake the sender then. */
export async function nextDueAt(db: Db, device: string, automation: boolean): Promise<string | null> {
  const senders = automation ? [device, AUTOMATION_SENDER] : [device];
  const row = await db
    .selectFrom('outgoing_mail')
    .select((eb) => eb.fn.min('next_attempt_at').as('next'))
    .where('state', '=', 'queued')
    .where('sender', 'in', senders)
    .where('next_attempt_at', 'is not', null)
    .executeTakeFirst();
  return (row?.next as string | null | undefined) ?? null;
}

/** The incidents these outbox entries belong to (for telling the screens which incidents changed). */
export async function incidentsOfOutgoing(db: Db, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('outgoing_mail')
    .select('incident_id')
    .distinct()
    .where('id', 'in', [...ids])
    .where('incident_id', 'is not', null)
    .execute();
  return rows.map((row) => row.incident_id!);
}

/** The incident a mail we sent belongs to, by its Message-ID (a reply names it in In-Reply-To or References). */
export async function incidentOfSentMessageIds(db: Db, messageIds: readonly string[]): Promise<string | null> {
  if (!messageIds.length) return null;
  const row = await db
    .selectFrom('outgoing_mail')
    .select('incident_id')
    .where('message_id', 'in', [...messageIds])
    .where('incident_id', 'is not', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.incident_id ?? null;
}
