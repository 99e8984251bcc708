import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import { INTAKE_CHANNELS } from '#shared/domain/intake.ts';
import type {
  AttachmentInfo,
  InboundMessage,
  InboxItem,
  InboxPage,
  InboxState,
  IntakeChannel,
  MailAddress,
  MessageKind,
} from '#shared/domain/intake.ts';
import { DeskError } from '#shared/errors.ts';
import type { MessageTable } from '../store/schema.ts';
import type { Db } from '../store/store.ts';

type MessageRow = Selectable<MessageTable>;

export function messageRowToItem(row: MessageRow): InboxItem {
  return {
    id: row.id,
    channel: row.channel as IntakeChannel,
    kind: row.kind as MessageKind,
    state: row.state as InboxState,
    receivedAt: row.received_at,
    from: row.from_address || row.from_name ? { address: row.from_address ?? '', name: row.from_name ?? '' } : null,
    subject: row.subject,
    preview: row.preview,
    attachmentCount: (JSON.parse(row.attachments) as unknown[]).length,
    incidentId: row.incident_id,
    contactId: row.contact_id,
  };
}

export function messageRowToModel(row: MessageRow): InboundMessage {
  return {
    ...messageRowToItem(row),
    to: JSON.parse(row.recipients) as MailAddress[],
    cc: JSON.parse(row.copies) as MailAddress[],
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    references: JSON.parse(row.refs) as string[],
    bodyText: row.body_text,
    hasHtml: row.html_hash !== null,
    attachments: JSON.parse(row.attachments) as AttachmentInfo[],
    rawHash: row.raw_hash,
    note: row.note,
    neverAnswer: row.never_answer,
    truncated: row.truncated === 1,
    alert:
      row.alert_fingerprint && row.alert_status
        ? { fingerprint: row.alert_fingerprint, status: row.alert_status as 'firing' | 'resolved' }
        : null,
  };
}

export async function getMessageRow(db: Db, id: string): Promise<MessageRow> {
  const row = await db.selectFrom('message').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DeskError('not_found', `No inbox item with id ${id}.`);
  return row;
}

export async function findInboxPage(
  db: Db,
  query: { channels?: IntakeChannel[]; states?: InboxState[]; text?: string; offset: number; limit: number },
): Promise<InboxPage> {
  let select = db.selectFrom('message');
  if (query.channels?.length) select = select.where('channel', 'in', query.channels);
  select = select.where('state', 'in', query.states?.length ? query.states : ['untriaged']);
  const text = query.text?.trim().toLowerCase();
  if (text) {
    select = select.where(
      sql<boolean>`(instr(lower(subject), ${text}) > 0 OR instr(lower(coalesce(from_address, '')), ${text}) > 0
        OR instr(lower(coalesce(from_name, '')), ${text}) > 0 OR instr(lower(preview), ${text}) > 0)`,
    );
  }
  const [rows, total, counts] = await Promise.all([
    select.selectAll().orderBy('received_at', 'desc').orderBy('id').limit(query.limit).offset(query.offset).execute(),
    select.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    db
      .selectFrom('message')
      .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', '=', 'untriaged')
      .groupBy('channel')
      .execute(),
  ]);
  const untriaged = Object.fromEntries(INTAKE_CHANNELS.map((c) => [c, 0])) as Record<IntakeChannel, number>;
  for (const row of counts) untriaged[row.channel as IntakeChannel] = row.n;
  return { items: rows.map(messageRowToItem), total: total?.n ?? 0, untriaged };
}
