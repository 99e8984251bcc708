import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { MailboxSettings } from '#shared/domain/mailbox.ts';
import type { Db, Store } from '#core/store/store.ts';
import { parseEmail } from '../email/parse-email.ts';
import type { ParsedEmail } from '../email/parse-email.ts';
import { addNotice, readCursor, saveCursor } from './mailbox.repository.ts';
import type { MailboxCursor } from './mailbox.repository.ts';
import { storeBatch } from './store-batch.ts';
import type { PassTally, ReadyMessage } from './store-batch.ts';
import { tooLargeNote, unknownSummary, unreadableNote } from './set-aside.ts';
import type { MessageSummary } from './set-aside.ts';

/** Envelopes asked for at a time: small answers, and a long folder is read in steps. */
const ENVELOPE_CHUNK = 200;
/** Messages downloaded and committed together (with the cursor), within a memory budget. */
const BATCH_MESSAGES = 32;
const BATCH_BYTES = 16 * 1024 * 1024;
/** A message the server drops the connection over this many times running is set aside, so it cannot stall the rest. */
export const MAX_ATTEMPTS = 3;

export interface PassOptions {
  readonly store: Store;
  readonly mailbox: MailboxSettings;
  /** Requests that ended with the connection lost, by UID; kept by the poller across reconnects. */
  readonly attempts: Map<number, number>;
  /** Asked between batches: a poller being stopped leaves after the batch under way. */
  readonly stopped: () => boolean;
}

type Planned =
  | { readonly kind: 'download'; readonly summary: MessageSummary }
  | { readonly kind: 'set_aside'; readonly summary: MessageSummary; readonly note: string }
  | { readonly kind: 'gone'; readonly uid: number };

/**
 * One pass over the open folder: everything after the cursor comes into the inbox, in UID order. The server
 * is asked for sizes and envelopes first, so a message over the mailbox's limit is never downloaded; the
 * rest are downloaded in small batches, parsed, and stored each with the cursor in the same transaction,
 * so a crash at any point re-imports nothing and loses nothing.
 */
export async function readNewMail(client: ImapFlow, options: PassOptions): Promise<PassTally> {
  const { store, mailbox } = options;
  if (!client.mailbox) throw new Error(`The folder “${mailbox.folder}” is not open.`);
  const validity = String(client.mailbox.uidValidity);
  const cursor = await startingCursor(store, mailbox, validity);
  const found = await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true });
  if (!Array.isArray(found)) throw new Error(`The server would not list the messages in “${mailbox.folder}”.`);
  // "n:*" always includes the newest message, even one the cursor has passed.
  const uids = [...new Set(found)].filter((uid) => uid > cursor.lastUid).sort((a, b) => a - b);
  const tally: PassTally = { imported: 0, duplicate: 0, setAside: 0 };
  for (let start = 0; start < uids.length && !options.stopped(); start += ENVELOPE_CHUNK) {
    const chunk = uids.slice(start, start + ENVELOPE_CHUNK);
    const summaries = await summarise(client, chunk, options.attempts);
    const planned = chunk.map((uid) => plan(uid, summaries.get(uid), options));
    for (const batch of batches(planned, options.attempts)) {
      if (options.stopped()) break;
      const ready = await download(client, batch, options);
      const stored = await storeBatch(store, mailbox, validity, ready);
      tally.imported += stored.imported;
      tally.duplicate += stored.duplicate;
      tally.setAside += stored.setAside;
      for (const item of batch) options.attempts.delete(item.kind === 'gone' ? item.uid : item.summary.uid);
    }
  }
  return tally;
}

/** The cursor for this UIDVALIDITY: a folder rebuilt on the server is read again from its start. */
async function startingCursor(store: Store, mailbox: MailboxSettings, validity: string): Promise<MailboxCursor> {
  const cursor = await readCursor(store.db, mailbox.id);
  if (cursor?.uidValidity === validity) return cursor;
  const fresh = { uidValidity: validity, lastUid: 0 };
  await store.db.transaction().execute(async (tx: Db) => {
    await saveCursor(tx, mailbox.id, fresh);
    if (!cursor) return;
    await addNotice(tx, mailbox.id, {
      at: new Date(store.now()).toISOString(),
      message:
        `The folder “${mailbox.folder}” was rebuilt on the server (its UIDVALIDITY changed from ${cursor.uidValidity} ` +
        `to ${validity}), so it is being read again from the start. Messages already in the inbox are recognised ` +
        'and not added twice.',
    });
  });
  return fresh;
}

/** "3:7,9,12:13": a short way to name many UIDs in one command. */
export function uidSet(uids: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < uids.length;) {
    let j = i;
    while (j + 1 < uids.length && uids[j + 1] === uids[j]! + 1) j++;
    parts.push(j > i ? `${uids[i]}:${uids[j]}` : `${uids[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function toDate(value: Date | string | undefined): Date | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function toSummary(message: FetchMessageObject): MessageSummary {
  const envelope = message.envelope;
  const from = envelope?.from?.find((a) => a.address);
  return {
    uid: message.uid,
    known: true,
    size: message.size ?? 0,
    messageId: envelope?.messageId?.trim() || null,
    from: from ? { address: from.address!.trim().toLowerCase(), name: (from.name ?? '').trim() } : null,
    subject: (envelope?.subject ?? '').replace(/\s+/g, ' ').trim(),
    date: toDate(envelope?.date),
    internalDate: toDate(message.internalDate),
  };
}

const DROPPED = `the connection to the server dropped each of the ${MAX_ATTEMPTS} times it was asked for`;

interface Asking {
  /** Sends one FETCH for these UIDs, keeping what comes back. */
  readonly ask: (uids: readonly number[]) => Promise<void>;
  readonly answered: (uid: number) => boolean;
  readonly refused: (uid: number, reason: string) => void;
}

/**
 * Asks the server about these messages. A refusal (the connection still up) is narrowed down by asking for
 * each unanswered message alone. A lost connection counts against every message asked for (a server may
 * answer part of a message before it drops the line, so an answer is no alibi) and ends the pass; the next
 * pass asks for those alone, so the one the server drops the connection over is found and, after
 * MAX_ATTEMPTS, set aside without asking again.
 */
async function askFor(
  client: ImapFlow,
  uids: readonly number[],
  attempts: Map<number, number>,
  asking: Asking,
): Promise<void> {
  try {
    await asking.ask(uids);
  } catch (error) {
    if (!client.usable) {
      for (const uid of uids) attempts.set(uid, (attempts.get(uid) ?? 0) + 1);
      throw error;
    }
    if (uids.length === 1) asking.refused(uids[0]!, `the server refused it: ${(error as Error).message}`);
    else for (const uid of uids.filter((u) => !asking.answered(u))) await askFor(client, [uid], attempts, asking);
  }
}

/** Sizes and envelopes (or why there are none), asking together for the unsuspected and alone for the rest. */
async function summarise(
  client: ImapFlow,
  uids: readonly number[],
  attempts: Map<number, number>,
): Promise<Map<number, MessageSummary | string>> {
  const summaries = new Map<number, MessageSummary | string>();
  const query = { uid: true, size: true, envelope: true, internalDate: true };
  const asking: Asking = {
    ask: async (set) => {
      for await (const message of client.fetch(uidSet(set), query, { uid: true })) {
        summaries.set(message.uid, toSummary(message));
      }
    },
    answered: (uid) => summaries.has(uid),
    refused: (uid, reason) => summaries.set(uid, reason),
  };
  const tries = (uid: number) => attempts.get(uid) ?? 0;
  for (const uid of uids) if (tries(uid) >= MAX_ATTEMPTS) summaries.set(uid, DROPPED);
  const together = uids.filter((uid) => tries(uid) === 0);
  if (together.length) await askFor(client, together, attempts, asking);
  for (const uid of uids.filter((u) => tries(u) > 0 && tries(u) < MAX_ATTEMPTS)) {
    if (!summaries.has(uid)) await askFor(client, [uid], attempts, asking);
  }
  return summaries;
}

function plan(uid: number, summary: MessageSummary | string | undefined, options: PassOptions): Planned {
  const { mailbox } = options;
  // Expunged between the search and now: someone removed it from the folder, nothing to bring in.
  if (summary === undefined) return { kind: 'gone', uid };
  if (typeof summary === 'string') {
    const unknown = unknownSummary(uid);
    return { kind: 'set_aside', summary: unknown, note: unreadableNote(mailbox, unknown, summary) };
  }
  if (summary.size > mailbox.maxMessageBytes) {
    return { kind: 'set_aside', summary, note: tooLargeNote(mailbox, summary) };
  }
  if ((options.attempts.get(uid) ?? 0) >= MAX_ATTEMPTS) {
    return { kind: 'set_aside', summary, note: unreadableNote(mailbox, summary, DROPPED) };
  }
  return { kind: 'download', summary };
}

/** Consecutive messages up to the batch limits; a message that lost a connection before goes alone. */
function* batches(planned: readonly Planned[], attempts: ReadonlyMap<number, number>): Generator<Planned[]> {
  let batch: Planned[] = [];
  let bytes = 0;
  for (const item of planned) {
    const size = item.kind === 'download' ? item.summary.size : 0;
    const alone = item.kind === 'download' && attempts.has(item.summary.uid);
    if (batch.length && (alone || batch.length >= BATCH_MESSAGES || bytes + size > BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
    if (alone) {
      yield batch;
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length) yield batch;
}

async function parseOrError(raw: Buffer): Promise<ParsedEmail | Error> {
  try {
    return await parseEmail(raw);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Downloads the batch's messages (in one FETCH when all goes well) and parses them. */
async function download(client: ImapFlow, batch: readonly Planned[], options: PassOptions): Promise<ReadyMessage[]> {
  const wanted = batch.flatMap((item) => (item.kind === 'download' ? [item.summary.uid] : []));
  const sources = new Map<number, Buffer>();
  const refused = new Map<number, string>();
  const asking: Asking = {
    ask: async (set) => {
      for await (const message of client.fetch(uidSet(set), { uid: true, source: true }, { uid: true })) {
        if (message.source) sources.set(message.uid, message.source);
      }
    },
    answered: (uid) => sources.has(uid),
    refused: (uid, reason) => refused.set(uid, reason),
  };
  if (wanted.length) await askFor(client, wanted, options.attempts, asking);
  const parsed = await Promise.all(
    batch.map((item) => {
      const raw = item.kind === 'download' ? sources.get(item.summary.uid) : undefined;
      return raw ? parseOrError(raw) : null;
    }),
  );
  return batch.map((item, index): ReadyMessage => {
    if (item.kind !== 'download') return item;
    const { summary } = item;
    const raw = sources.get(summary.uid);
    const result = parsed[index];
    if (raw && result) return { kind: 'email', summary, raw, parsed: result };
    const reason = refused.get(summary.uid);
    if (reason) return { kind: 'set_aside', summary, note: unreadableNote(options.mailbox, summary, reason) };
    return { kind: 'gone', uid: summary.uid };
  });
}
