import type { Selectable } from 'kysely';
import { MAILBOX_MODES, SMTP_SECURITIES } from '#shared/domain/mailbox.ts';
import type { MailboxMode, MailboxNotice, MailboxSettings, OutgoingSettings } from '#shared/domain/mailbox.ts';
import type { MailboxTable } from '#core/store/schema.ts';
import type { Db } from '#core/store/store.ts';

/**
 * SQL for mailboxes: the synced settings (the `mailbox` projection, read only here: writes go through the
 * change recorder), and this workstation's own cursor, health and notices, which never sync.
 */
type MailboxRow = Selectable<MailboxTable>;

/** Notices kept per mailbox: enough to explain the last few surprises, not a log. */
const MAX_NOTICES = 20;
const noticesKey = (mailboxId: string) => `mailbox_notices:${mailboxId}`;

/** Outgoing settings as stored (one JSON value); anything unreadable counts as none rather than as a guess. */
function outgoingFromColumn(value: string | null): OutgoingSettings | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as OutgoingSettings;
    if (typeof parsed?.host !== 'string' || !(SMTP_SECURITIES as readonly string[]).includes(parsed.security)) {
      return null;
    }
    return {
      address: parsed.address,
      displayName: parsed.displayName ?? '',
      host: parsed.host,
      port: Number(parsed.port),
      security: parsed.security,
      username: parsed.username ?? '',
      sameAsImap: Boolean(parsed.sameAsImap),
      signature: parsed.signature ?? '',
    };
  } catch {
    return null;
  }
}

export function mailboxRowToSettings(row: MailboxRow): MailboxSettings {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: Number(row.port),
    tls: Boolean(Number(row.tls)),
    username: row.username,
    folder: row.folder,
    mode: (MAILBOX_MODES as readonly string[]).includes(row.mode) ? (row.mode as MailboxMode) : 'idle',
    pollSeconds: Number(row.poll_seconds),
    maxMessageBytes: Number(row.max_message_bytes),
    enabled: Boolean(Number(row.enabled)),
    outgoing: outgoingFromColumn(row.outgoing),
    incidentPerMail: Boolean(Number(row.incident_per_mail)),
  };
}

export async function findMailbox(db: Db, id: string): Promise<MailboxSettings | null> {
  const row = await db
    .selectFrom('mailbox')
    .selectAll()
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row ? mailboxRowToSettings(row) : null;
}

export async function listMailboxes(db: Db): Promise<MailboxSettings[]> {
  const rows = await db
    .selectFrom('mailbox')
    .selectAll()
    .where('deleted', '=', 0)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(mailboxRowToSettings);
}

export interface MailboxCursor {
  /** UIDVALIDITY as the server sent it (a 32-bit unsigned number, kept as text). */
  readonly uidValidity: string;
  /** The highest UID that is in the inbox (or was deliberately passed over). */
  readonly lastUid: number;
}

export async function readCursor(db: Db, mailboxId: string): Promise<MailboxCursor | null> {
  const row = await db.selectFrom('mailbox_cursor').selectAll().where('mailbox_id', '=', mailboxId).executeTakeFirst();
  return row ? { uidValidity: row.uid_validity, lastUid: row.last_uid } : null;
}

/** Moves the cursor; called inside the transaction that stored the message it points at. */
export async function saveCursor(db: Db, mailboxId: string, cursor: MailboxCursor): Promise<void> {
  await db
    .insertInto('mailbox_cursor')
    .values({ mailbox_id: mailboxId, uid_validity: cursor.uidValidity, last_uid: cursor.lastUid })
    .onConflict((oc) =>
      oc.column('mailbox_id').doUpdateSet({ uid_validity: cursor.uidValidity, last_uid: cursor.lastUid }),
    )
    .execute();
}

export interface HealthRecord {
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly imported: number;
  readonly notices: readonly MailboxNotice[];
}

const NO_HEALTH: HealthRecord = { lastSuccessAt: null, lastError: null, lastErrorAt: null, imported: 0, notices: [] };

export async function readHealth(db: Db, mailboxId: string): Promise<HealthRecord> {
  const [row, notices] = await Promise.all([
    db.selectFrom('mailbox_health').selectAll().where('mailbox_id', '=', mailboxId).executeTakeFirst(),
    readNotices(db, mailboxId),
  ]);
  if (!row) return { ...NO_HEALTH, notices };
  return {
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    imported: row.imported,
    notices,
  };
}

async function ensureHealthRow(db: Db, mailboxId: string): Promise<void> {
  await db
    .insertInto('mailbox_health')
    .values({ mailbox_id: mailboxId })
    .onConflict((oc) => oc.column('mailbox_id').doNothing())
    .execute();
}

/** Counts new inbox items; called in the transaction that stored them, so the count never drifts. */
export async function countImported(db: Db, mailboxId: string, count: number): Promise<void> {
  if (count === 0) return;
  await ensureHealthRow(db, mailboxId);
  await db
    .updateTable('mailbox_health')
    .set((eb) => ({ imported: eb('imported', '+', count) }))
    .where('mailbox_id', '=', mailboxId)
    .execute();
}

export async function recordSuccess(db: Db, mailboxId: string, at: string): Promise<void> {
  await ensureHealthRow(db, mailboxId);
  await db.updateTable('mailbox_health').set({ last_success_at: at }).where('mailbox_id', '=', mailboxId).execute();
}

export async function recordError(db: Db, mailboxId: string, message: string, at: string): Promise<void> {
  await ensureHealthRow(db, mailboxId);
  await db
    .updateTable('mailbox_health')
    .set({ last_error: message, last_error_at: at })
    .where('mailbox_id', '=', mailboxId)
    .execute();
}

async function readNotices(db: Db, mailboxId: string): Promise<MailboxNotice[]> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', noticesKey(mailboxId)).executeTakeFirst();
  if (!row) return [];
  try {
    return JSON.parse(row.value) as MailboxNotice[];
  } catch {
    return [];
  }
}

/** Newest first, the oldest dropped past MAX_NOTICES. */
export async function addNotice(db: Db, mailboxId: string, notice: MailboxNotice): Promise<void> {
  const notices = [notice, ...(await readNotices(db, mailboxId))].slice(0, MAX_NOTICES);
  const value = JSON.stringify(notices);
  await db
    .insertInto('meta')
    .values({ key: noticesKey(mailboxId), value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** A deleted mailbox leaves nothing of this workstation's own behind. */
export async function forgetMailboxState(db: Db, mailboxId: string): Promise<void> {
  await db.deleteFrom('mailbox_cursor').where('mailbox_id', '=', mailboxId).execute();
  await db.deleteFrom('mailbox_health').where('mailbox_id', '=', mailboxId).execute();
  await db.deleteFrom('meta').where('key', '=', noticesKey(mailboxId)).execute();
}
