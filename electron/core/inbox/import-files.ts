import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DeskError } from '#shared/errors.ts';
import type { ImportFailure, ImportSummary } from '#shared/domain/intake.ts';
import type { Store } from '../store/store.ts';
import { importAlertFile, isAlertFile } from '../alerts/import-alerts.ts';
import { importEmails } from '../email/import-email.ts';
import type { EmailOutcome, InboundEmail } from '../email/inbound-email.ts';
import { envelopeDate, isEnvelopeLine, readMbox } from '../email/mbox.ts';
import { whyNotAnEmail } from '../email/not-an-email.ts';
import { parseEmail } from '../email/parse-email.ts';
import { releaseSpool } from '../email/read-mail.ts';
import type { ParsedEmail } from '../email/parse-email.ts';

/**
 * Messages written per transaction: enough that the batch's shared reads and writes cost little per message,
 * few enough that a transaction (which other commands wait for) stays short.
 */
const BATCH = 100;
const BATCH_BYTES = 16 * 1024 * 1024;
/** Messages parsed ahead of the writes, by count and by size: parsing overlaps writing, memory stays flat. */
const PARSE_AHEAD = 100;
const PARSE_AHEAD_BYTES = 48 * 1024 * 1024;
/** A file not named .mbox and larger than this is read as an mbox, never into memory whole. */
const MAX_SINGLE_MESSAGE = 64 * 1024 * 1024;

interface RawMessage {
  readonly raw: Buffer;
  readonly source: string;
  readonly receivedAt?: Date | undefined;
  readonly cutShort?: boolean;
}

class Tally {
  messages = 0;
  imported = 0;
  threaded = 0;
  duplicate = 0;
  automatic = 0;
  failed = 0;
  readonly failures: ImportFailure[] = [];

  count(outcome: EmailOutcome, source: string): void {
    this.messages++;
    if (outcome.kind === 'failed') this.fail(source, outcome.reason, false);
    else this[outcome.kind]++;
  }

  fail(source: string, reason: string, counts = true): void {
    if (counts) this.messages++;
    this.failed++;
    this.failures.push({ source, reason });
  }

  summary(): ImportSummary {
    const { messages, imported, threaded, duplicate, automatic, failed, failures } = this;
    return { messages, imported, threaded, duplicate, automatic, failed, failures: [...failures] };
  }
}

const FROM = Buffer.from('From ');
const ENVELOPE_READ = 4_096;

/** Whether a file that starts with an envelope line holds more than one message (an mbox by another name). */
function holdsSeveralMessages(raw: Buffer): boolean {
  const separator = Buffer.from('\nFrom ');
  for (let at = raw.indexOf(separator); at >= 0; at = raw.indexOf(separator, at + 1)) {
    const lineEnd = raw.indexOf(0x0a, at + 1);
    // An envelope line is short: of a longer line, enough is read to see that it is too long to be one.
    const end = Math.min(lineEnd < 0 ? raw.length : lineEnd, at + 1 + ENVELOPE_READ);
    const line = raw.toString('latin1', at + 1, end).trimEnd();
    const afterBlank = raw[at - 1] === 0x0a || (raw[at - 1] === 0x0d && raw[at - 2] === 0x0a);
    if (isEnvelopeLine(line, afterBlank)) return true;
  }
  return false;
}

async function startsWithEnvelope(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(FROM.length);
    await handle.read(head, 0, head.length, 0);
    return head.equals(FROM);
  } finally {
    await handle.close();
  }
}

/** The envelope line a saved message may start with, whatever its line endings. */
function envelopeLine(raw: Buffer): string {
  if (!raw.subarray(0, FROM.length).equals(FROM)) return '';
  const end = raw.subarray(0, ENVELOPE_READ).findIndex((byte) => byte === 0x0a || byte === 0x0d);
  return raw.toString('latin1', 0, end < 0 ? Math.min(raw.length, ENVELOPE_READ) : end);
}

/**
 * The messages of one file. A .mbox (or .mbx) file is a mailbox; any other file is one message, kept byte for
 * byte (an envelope line at its top, as mail saved from a mailbox has, included), never split at a "From "
 * line its body happens to have. Two exceptions, neither of them a file named as one message: a file too large
 * to be one message that starts with an envelope line, and a file without an extension (a mail client's
 * folder, such as Thunderbird's "Inbox") that holds more than one envelope line.
 */
async function* messagesOf(file: string, name: string, size: number): AsyncGenerator<RawMessage> {
  const mailbox = async function* () {
    for await (const message of readMbox(file, name)) {
      yield {
        raw: message.raw,
        source: `${name} #${message.index + 1}`,
        receivedAt: message.deliveredAt ?? undefined,
        cutShort: message.cutShort,
      };
    }
  };
  if (/\.(mbox|mbx)$/i.test(name)) return yield* mailbox();
  if (size === 0) throw new DeskError('invalid_input', `${name} is empty: there is no message in it.`);
  if (size > MAX_SINGLE_MESSAGE) {
    if (await startsWithEnvelope(file)) return yield* mailbox();
    throw new DeskError('invalid_input', `${name} is too large to be one email (${Math.round(size / 2 ** 20)} MB).`);
  }
  const raw = await readFile(file);
  const envelope = envelopeLine(raw);
  if (envelope && !path.extname(name) && holdsSeveralMessages(raw)) return yield* mailbox();
  const notAnEmail = whyNotAnEmail(raw);
  if (notAnEmail) throw new DeskError('invalid_input', `${name} is not an email: ${notAnEmail}.`);
  yield { raw, source: name, receivedAt: envelopeDate(envelope) ?? undefined };
}

async function parseOrError(raw: Buffer): Promise<ParsedEmail | Error> {
  try {
    return await parseEmail(raw);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Imports .eml and .mbox files into the workspace: every message kept raw, parsed, classified, threaded or
 * put in the inbox; duplicates (by Message-ID, or content when there is none) counted and skipped. A file
 * or message that fails is reported with its reason and the import goes on with the rest.
 */
export async function importFiles(
  store: Store,
  files: readonly (string | { file: string; name: string })[],
  onProgress: (summary: ImportSummary) => void = () => {},
): Promise<ImportSummary> {
  const tally = new Tally();
  for (const entry of files) {
    // An uploaded file lives under a temporary name; its own name decides how to read it.
    const { file, name } = typeof entry === 'string' ? { file: entry, name: path.basename(entry) } : entry;
    const before = tally.messages;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new DeskError('invalid_input', `${name} is not a file.`);
      if (isAlertFile(name)) await importAlertFile(store, file, name, tally);
      else await importStream(store, messagesOf(file, name, info.size), tally, onProgress);
      if (tally.messages === before) tally.fail(name, `${name} has no message in it.`);
    } catch (error) {
      tally.fail(name, reasonOf(error).replaceAll(file, name));
    }
  }
  return tally.summary();
}

interface Pending {
  readonly message: RawMessage;
  readonly parsed: Promise<ParsedEmail | Error>;
}

function inbound(message: RawMessage, parsed: ParsedEmail | Error): InboundEmail {
  return {
    raw: message.raw,
    parsed,
    source: { source: `import: ${message.source}`, receivedAt: message.receivedAt },
    cutShort: message.cutShort ?? false,
  };
}

/** Writes one batch, then lets go of the spool files its large attachments waited in (read-mail.ts). */
async function writeBatch(store: Store, batch: readonly Pending[], tally: Tally): Promise<void> {
  const emails = await Promise.all(batch.map(async ({ message, parsed }) => inbound(message, await parsed)));
  try {
    await storeBatch(store, emails, batch, tally);
  } finally {
    for (const { parsed } of emails) if (!(parsed instanceof Error)) await releaseSpool(parsed.attachments);
  }
}

/** Stores a batch in one transaction; if that fails, each message alone, so one bad message costs only itself. */
async function storeBatch(
  store: Store,
  emails: readonly InboundEmail[],
  batch: readonly Pending[],
  tally: Tally,
): Promise<void> {
  try {
    const { value } = await store.command(null, (tx, recorder) => importEmails(tx, recorder, emails));
    value.forEach((outcome, i) => tally.count(outcome, batch[i]!.message.source));
    return;
  } catch {
    // Find the message that failed; the others go in one by one.
  }
  for (const [i, email] of emails.entries()) {
    const source = batch[i]!.message.source;
    try {
      const { value } = await store.command(null, (tx, recorder) => importEmails(tx, recorder, [email]));
      tally.count(value[0]!, source);
    } catch (error) {
      // Kept raw at least, marked as unreadable, with the reason.
      try {
        const messageId = email.parsed instanceof Error ? null : email.parsed.messageId;
        const failed = { ...email, parsed: new Error(reasonOf(error)), messageId };
        const { value } = await store.command(null, (tx, recorder) => importEmails(tx, recorder, [failed]));
        tally.count(value[0]!, source);
      } catch (again) {
        tally.fail(source, `It could not be stored: ${reasonOf(again)}`);
      }
    }
  }
}

/** Parses messages ahead while the previous batch is written, each batch in one transaction. */
async function importStream(
  store: Store,
  messages: AsyncGenerator<RawMessage>,
  tally: Tally,
  onProgress: (summary: ImportSummary) => void,
): Promise<void> {
  const ahead: Pending[] = [];
  let aheadBytes = 0;
  let exhausted = false;
  // A file that breaks off (unreadable, not an mbox after all) still imports what was read before.
  let readError: unknown = null;
  const fill = async () => {
    try {
      while (!exhausted && ahead.length < PARSE_AHEAD && aheadBytes < PARSE_AHEAD_BYTES) {
        const next = await messages.next();
        if (next.done) exhausted = true;
        else {
          ahead.push({ message: next.value, parsed: parseOrError(next.value.raw) });
          aheadBytes += next.value.raw.length;
        }
      }
    } catch (error) {
      readError = error;
      exhausted = true;
    }
  };
  await fill();
  while (ahead.length) {
    let bytes = 0;
    let count = 0;
    while (
      count < ahead.length &&
      count < BATCH &&
      (count === 0 || bytes + ahead[count]!.message.raw.length <= BATCH_BYTES)
    ) {
      bytes += ahead[count]!.message.raw.length;
      count++;
    }
    const batch = ahead.splice(0, count);
    aheadBytes -= bytes;
    const fillAgain = fill();
    await writeBatch(store, batch, tally);
    await fillAgain;
    onProgress(tally.summary());
  }
  if (readError) throw readError;
}
