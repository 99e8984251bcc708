import type { MailboxSettings } from '#shared/domain/mailbox.ts';
import type { ChangeRecorder, Db, Store } from '#core/store/store.ts';
import { importEmail } from '../email/import-email.ts';
import { createFromNewMail } from '../inbox/triage.service.ts';
import { releaseSpool } from '../email/read-mail.ts';
import type { ParsedEmail } from '../email/parse-email.ts';
import { addNotice, countImported, recordError, saveCursor } from './mailbox.repository.ts';
import { formatBytes, recordSetAside, whereOnServer } from './set-aside.ts';
import type { MessageSummary } from './set-aside.ts';

/** A message of the folder, ready to be stored: downloaded and parsed, set aside, or gone from the server. */
export type ReadyMessage =
  | {
      readonly kind: 'email';
      readonly summary: MessageSummary;
      readonly raw: Buffer;
      readonly parsed: ParsedEmail | Error;
      /** Kept when storing it parsed failed and it is stored raw instead (InboundEmail.messageId). */
      readonly messageId?: string | null;
    }
  | { readonly kind: 'set_aside'; readonly summary: MessageSummary; readonly note: string }
  | { readonly kind: 'gone'; readonly uid: number };

export interface PassTally {
  /** New inbox items read as email. */
  imported: number;
  /** Already in the inbox (a folder read again, or a message that also came another way). */
  duplicate: number;
  /** New inbox items of kind `unparsed`: not an email, too large, or not downloadable. */
  setAside: number;
}

type Stored = keyof PassTally | 'gone';

const uidOf = (message: ReadyMessage) => (message.kind === 'gone' ? message.uid : message.summary.uid);

function describe(summary: MessageSummary): string {
  const from = summary.from ? ` from ${summary.from.address}` : '';
  const subject = summary.subject ? ` (“${summary.subject.slice(0, 80)}”, ${formatBytes(summary.size)})` : '';
  return `Message UID ${summary.uid}${from}${subject}`;
}

function emptyTally(): PassTally {
  return { imported: 0, duplicate: 0, setAside: 0 };
}

async function storeOne(
  db: Db,
  recorder: ChangeRecorder,
  mailbox: MailboxSettings,
  message: ReadyMessage,
): Promise<Stored> {
  if (message.kind === 'gone') return 'gone';
  const notice = (text: string) => addNotice(db, mailbox.id, { at: recorder.at, message: text });
  if (message.kind === 'set_aside') {
    if ((await recordSetAside(db, recorder, mailbox, message.summary, message.note)) === 'duplicate')
      return 'duplicate';
    await notice(`${describe(message.summary)}: ${message.note}`);
    return 'setAside';
  }
  const outcome = await importEmail(
    db,
    recorder,
    message.raw,
    message.parsed,
    { source: `imap: ${mailbox.name} #${message.summary.uid}`, receivedAt: message.summary.internalDate ?? undefined },
    message.messageId,
  );
  if (outcome.kind === 'duplicate') return 'duplicate';
  if (outcome.kind === 'failed') {
    await notice(`${describe(message.summary)}: ${outcome.reason} It is in the inbox as “Could not be read”.`);
    return 'setAside';
  }
  // A person's mail that threaded onto nothing: this mailbox makes it an incident rather than an inbox item.
  if (mailbox.incidentPerMail && outcome.kind === 'imported' && outcome.incidentId === null) {
    await createFromNewMail(db, recorder, outcome.id);
    await recorder.flush();
  }
  return 'imported';
}

/** Stores the messages in UID order, each followed by the cursor, all in the caller's transaction. */
async function storeAll(
  db: Db,
  recorder: ChangeRecorder,
  mailbox: MailboxSettings,
  validity: string,
  messages: readonly ReadyMessage[],
): Promise<PassTally> {
  const tally = emptyTally();
  for (const message of messages) {
    const stored = await storeOne(db, recorder, mailbox, message);
    if (stored !== 'gone') tally[stored]++;
    await saveCursor(db, mailbox.id, { uidValidity: validity, lastUid: uidOf(message) });
  }
  await countImported(db, mailbox.id, tally.imported + tally.setAside);
  return tally;
}

/**
 * Commits a batch in one transaction. Should one message spoil it (the import itself throws), the batch is
 * stored message by message, so that one alone is set aside: kept raw as unreadable if that can be stored,
 * or else passed over with the failure and its place on the server in the mailbox's health. The cursor
 * always moves on, so one bad message never stalls the rest; a store that cannot write at all fails the
 * last step too, and the pass ends with the cursor where it was.
 */
export async function storeBatch(
  store: Store,
  mailbox: MailboxSettings,
  validity: string,
  messages: readonly ReadyMessage[],
): Promise<PassTally> {
  try {
    return await storeInOrder(store, mailbox, validity, messages);
  } finally {
    // The spool files large attachments waited in (read-mail.ts): their blobs are stored, or never will be.
    for (const message of messages) {
      if (message.kind === 'email' && !(message.parsed instanceof Error))
        await releaseSpool(message.parsed.attachments);
    }
  }
}

async function storeInOrder(
  store: Store,
  mailbox: MailboxSettings,
  validity: string,
  messages: readonly ReadyMessage[],
): Promise<PassTally> {
  try {
    const { value } = await store.command(null, (tx, rec) => storeAll(tx, rec, mailbox, validity, messages));
    return value;
  } catch {
    const tally = emptyTally();
    for (const message of messages) {
      const alone = await storeAlone(store, mailbox, validity, message);
      tally.imported += alone.imported;
      tally.duplicate += alone.duplicate;
      tally.setAside += alone.setAside;
    }
    return tally;
  }
}

async function storeAlone(
  store: Store,
  mailbox: MailboxSettings,
  validity: string,
  message: ReadyMessage,
): Promise<PassTally> {
  const attempt = (item: ReadyMessage) =>
    store.command(null, (tx, rec) => storeAll(tx, rec, mailbox, validity, [item])).then(({ value }) => value);
  let reason: string;
  try {
    return await attempt(message);
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  if (message.kind === 'email') {
    try {
      const messageId = message.parsed instanceof Error ? null : message.parsed.messageId;
      return await attempt({ ...message, parsed: new Error(`storing it failed: ${reason}`), messageId });
    } catch {
      // Not even the raw bytes could be stored: pass it over below.
    }
  }
  if (message.kind === 'gone') throw new Error(reason);
  const text = `${describe(message.summary)} could not be stored (${reason}). It is still on the server: ${whereOnServer(mailbox, message.summary.uid)}.`;
  const at = new Date(store.now()).toISOString();
  await store.db.transaction().execute(async (tx: Db) => {
    await saveCursor(tx, mailbox.id, { uidValidity: validity, lastUid: message.summary.uid });
    await recordError(tx, mailbox.id, text, at);
    await addNotice(tx, mailbox.id, { at, message: text });
  });
  return emptyTally();
}
