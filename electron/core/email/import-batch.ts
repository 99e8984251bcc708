import type { AttachmentInfo } from '#shared/domain/intake.ts';
import { open } from 'node:fs/promises';
import { BLOB_PART, blobHash, blobOf, putLargeBlob } from '../blobs/blob.repository.ts';
import type { BlobSource } from '../blobs/blob.repository.ts';
import type { Db } from '../store/store.ts';
import type { InboundEmail } from './inbound-email.ts';
import { emailEntityId, messageEntityId } from '../messages/message-ids.ts';
import { contentKey } from './mail-identity.ts';
import { isStoredCopy } from './stored-copy.ts';
import type { StoredCopy } from './stored-copy.ts';
import { replyIds, threadCluesOf } from './threading.ts';
import type { ReplyLookup } from './threading.ts';

/**
 * The reads and blob writes of a batch of inbound emails, done once for the batch rather than once per message:
 * which are already here, the contacts their senders match, the incidents their reply ids point at, and every
 * raw message, attachment and HTML body stored by its hash. What a batch of one costs an IMAP fetch, a batch of
 * a hundred costs an mbox import, which is what keeps the import near the speed of parsing alone.
 */
export interface PreparedEmail {
  readonly email: InboundEmail;
  readonly id: string;
  /** The id it had before its content counted: a copy imported then is found by it (stored-copy.ts). */
  readonly legacyId: string;
  readonly contentKey: string;
  readonly rawHash: string;
  /** Already in the workspace, or earlier in the same batch. */
  readonly duplicate: boolean;
  readonly htmlHash: string | null;
  readonly attachments: readonly AttachmentInfo[];
}

export interface BatchContext {
  /** Lower-cased email address to contact id; contacts the batch creates are added. */
  readonly contacts: Map<string, string>;
  /** The addresses of the desk's own mailboxes, lower-cased: mail from them is never answered. */
  readonly ownAddresses: ReadonlySet<string>;
  readonly replyLookup: ReplyLookup;
  /** A message of the batch went onto an incident: replies to it later in the batch follow it. */
  replied(messageId: string, incidentId: string, receivedAt: string): void;
}

/** Ids per `IN (…)` list: far below SQLite's limit on bound values. */
const IDS_PER_QUERY = 500;
/** Blobs per insert statement, and bytes: one statement, not a hundred, without building a huge one. */
const BLOBS_PER_INSERT = 100;
const BYTES_PER_INSERT = 32 * 1024 * 1024;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function storedCopies(db: Db, ids: readonly string[]): Promise<Map<string, StoredCopy>> {
  const found = new Map<string, StoredCopy>();
  for (const part of chunks([...new Set(ids)], IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('message')
      .select(['id', 'kind', 'raw_hash', 'from_address', 'subject', 'body_text'])
      .where('id', 'in', part)
      .execute();
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

/** A spooled attachment's content, read from its file a part at a time. */
function spooledBlob(spooled: { readonly file: string; readonly hash: string }, size: number): BlobSource {
  return {
    hash: spooled.hash,
    size,
    read: async (start, length) => {
      const handle = await open(spooled.file, 'r');
      try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, start);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
  };
}

type Blob = Buffer | BlobSource;

async function putBlobs(db: Db, blobs: ReadonlyMap<string, Blob>): Promise<void> {
  let batch: { hash: string; size: number; data: Buffer }[] = [];
  let bytes = 0;
  const write = async () => {
    if (!batch.length) return;
    await db
      .insertInto('blob')
      .values(batch)
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute();
    batch = [];
    bytes = 0;
  };
  for (const [hash, data] of blobs) {
    if (!Buffer.isBuffer(data) || data.length > BLOB_PART) {
      await putLargeBlob(db, Buffer.isBuffer(data) ? blobOf(data, hash) : data);
      continue;
    }
    if (batch.length >= BLOBS_PER_INSERT || (batch.length && bytes + data.length > BYTES_PER_INSERT)) await write();
    batch.push({ hash, size: data.length, data });
    bytes += data.length;
  }
  await write();
}

async function contactsByEmail(db: Db, addresses: readonly string[]): Promise<Map<string, string>> {
  const contacts = new Map<string, string>();
  for (const part of chunks([...new Set(addresses)], IDS_PER_QUERY)) {
    // lower(email) cannot use the index: one scan for the batch instead of one per message.
    const rows = await db
      .selectFrom('contact')
      .select(['id', (eb) => eb.fn<string>('lower', ['email']).as('address')])
      .where((eb) => eb(eb.fn('lower', ['email']), 'in', part))
      .orderBy('id')
      .execute();
    for (const row of rows) if (!contacts.has(row.address)) contacts.set(row.address, row.id);
  }
  return contacts;
}

/** The addresses the desk's mailboxes read (their user names, where those are addresses). */
async function mailboxAddresses(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('mailbox').select('username').where('deleted', '=', 0).execute();
  return new Set(rows.map((row) => row.username.trim().toLowerCase()).filter((name) => name.includes('@')));
}

interface ReplyTarget {
  readonly incidentId: string;
  readonly receivedAt: string;
}

async function replyTargets(db: Db, messageIds: readonly string[]): Promise<Map<string, ReplyTarget>> {
  const targets = new Map<string, ReplyTarget>();
  for (const part of chunks([...new Set(messageIds)], IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('message')
      .select(['message_id', 'incident_id', 'received_at'])
      .where('message_id', 'in', part)
      .where('incident_id', 'is not', null)
      .execute();
    for (const row of rows) {
      const known = targets.get(row.message_id!);
      if (!known || row.received_at > known.receivedAt) {
        targets.set(row.message_id!, { incidentId: row.incident_id!, receivedAt: row.received_at });
      }
    }
    // Mail the desk sent from an incident: the reporter's answer names its Message-ID.
    const sent = await db
      .selectFrom('outgoing_mail')
      .select(['message_id', 'incident_id', 'created_at'])
      .where('message_id', 'in', part)
      .where('incident_id', 'is not', null)
      .execute();
    for (const row of sent) {
      if (!targets.has(row.message_id)) {
        targets.set(row.message_id, { incidentId: row.incident_id!, receivedAt: row.created_at });
      }
    }
  }
  return targets;
}

function prepare(email: InboundEmail, blobs: Map<string, Blob>): Omit<PreparedEmail, 'duplicate'> {
  const rawHash = blobHash(email.raw);
  const parsed = email.parsed instanceof Error ? null : email.parsed;
  const messageId = parsed ? parsed.messageId : (email.messageId ?? null);
  const key = parsed ? parsed.contentKey : contentKey(email.raw);
  const ids = { id: emailEntityId(messageId, key), legacyId: messageEntityId(messageId, rawHash), contentKey: key };
  if (!parsed) {
    blobs.set(rawHash, email.raw);
    return { email, ...ids, rawHash, htmlHash: null, attachments: [] };
  }
  const attachments = parsed.attachments.map((part) => ({
    name: part.name,
    contentType: part.contentType,
    size: part.size,
    hash: part.spooled?.hash ?? blobHash(part.content),
    contentId: part.contentId,
    inline: part.inline,
  }));
  const html = parsed.html === null ? null : Buffer.from(parsed.html, 'utf8');
  const htmlHash = html ? blobHash(html) : null;
  // A duplicate's blobs are dropped again; hashing them costs little next to parsing.
  blobs.set(rawHash, email.raw);
  parsed.attachments.forEach((part, i) =>
    blobs.set(attachments[i]!.hash, part.spooled ? spooledBlob(part.spooled, part.size) : part.content),
  );
  if (html && htmlHash) blobs.set(htmlHash, html);
  return { email, ...ids, rawHash, htmlHash, attachments };
}

/**
 * Whether each message is here already: under its id, or (imported before its content counted) under its old
 * id as the same mail, or earlier in this batch.
 */
async function markDuplicates(db: Db, messages: readonly Omit<PreparedEmail, 'duplicate'>[]): Promise<boolean[]> {
  const stored = await storedCopies(
    db,
    messages.flatMap((m) => [m.id, m.legacyId]),
  );
  const seen = new Set<string>();
  const duplicates: boolean[] = [];
  for (const message of messages) {
    const legacy = stored.get(message.legacyId);
    const here =
      seen.has(message.id) ||
      stored.has(message.id) ||
      (legacy !== undefined && (await isStoredCopy(db, legacy, message)));
    seen.add(message.id);
    duplicates.push(here);
  }
  return duplicates;
}

export async function prepareBatch(
  db: Db,
  emails: readonly InboundEmail[],
): Promise<{ prepared: PreparedEmail[]; context: BatchContext }> {
  const hashed = emails.map((email) => {
    const own = new Map<string, Blob>();
    return { message: prepare(email, own), own };
  });
  const duplicates = await markDuplicates(
    db,
    hashed.map((h) => h.message),
  );
  const blobs = new Map<string, Blob>();
  const prepared = hashed.map(({ message, own }, i) => {
    const duplicate = duplicates[i]!;
    if (!duplicate) for (const [hash, bytes] of own) blobs.set(hash, bytes);
    return { ...message, duplicate };
  });
  const fresh = prepared.filter((p) => !p.duplicate && !(p.email.parsed instanceof Error));
  const parsed = fresh.map((p) => p.email.parsed as Exclude<InboundEmail['parsed'], Error>);
  const senders = parsed.map((email) => (email.replyTo ?? email.from)?.address).filter((a): a is string => !!a);
  // Sent together, not one after another: each statement of a transaction otherwise waits its turn behind
  // the parsing of the next batch.
  const [, contacts, targets, ownAddresses] = await Promise.all([
    putBlobs(db, blobs),
    contactsByEmail(db, senders),
    replyTargets(
      db,
      // Looked up with the returned message's ids whatever the message turns out to be: a few more ids, never fewer.
      parsed.flatMap((email) => replyIds(threadCluesOf(email, true))),
    ),
    mailboxAddresses(db),
  ]);
  const context: BatchContext = {
    contacts,
    ownAddresses,
    replyLookup: async (ids) => {
      let best: ReplyTarget | null = null;
      for (const id of ids) {
        const target = targets.get(id);
        if (target && (!best || target.receivedAt > best.receivedAt)) best = target;
      }
      return best?.incidentId ?? null;
    },
    replied: (messageId, incidentId, receivedAt) => targets.set(messageId, { incidentId, receivedAt }),
  };
  return { prepared, context };
}
