import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DeskError } from '#shared/errors.ts';
import type { ImportFailure, ImportSummary } from '#shared/domain/intake.ts';
import type { Store } from '../store/store.ts';
import { importEmail } from './import-email.ts';
import type { EmailOutcome, EmailSource } from './import-email.ts';
import { readMbox } from './mbox.ts';
import { parseEmail } from './parse-email.ts';
import type { ParsedEmail } from './parse-email.ts';

/** Messages written per transaction: large enough that commits cost little, small enough to stay responsive. */
const BATCH = 32;
/** Messages parsed ahead of the writes: parsing is the slow part, and memory stays flat. */
const PARSE_AHEAD = 32;

interface RawMessage {
  readonly raw: Buffer;
  readonly source: string;
  readonly receivedAt?: Date | undefined;
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
    return { messages, imported, threaded, duplicate, automatic, failed, failures };
  }
}

async function looksLikeMbox(file: string, name: string): Promise<boolean> {
  if (/\.(mbox|mbx)$/i.test(name)) return true;
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    return head.toString('latin1') === 'From ';
  } finally {
    await handle.close();
  }
}

async function* messagesOf(file: string, name: string): AsyncGenerator<RawMessage> {
  if (await looksLikeMbox(file, name)) {
    for await (const message of readMbox(file)) {
      yield { raw: message.raw, source: `${name} #${message.index + 1}`, receivedAt: message.deliveredAt ?? undefined };
    }
  } else {
    yield { raw: await readFile(file), source: name };
  }
}

async function parseOrError(raw: Buffer): Promise<ParsedEmail | Error> {
  try {
    return await parseEmail(raw);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
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
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new DeskError('invalid_input', `${name} is not a file.`);
      await importStream(store, messagesOf(file, name), tally, onProgress);
    } catch (error) {
      tally.fail(name, (error instanceof Error ? error.message : String(error)).replace(file, name));
    }
  }
  return tally.summary();
}

/** Parses a few messages ahead while the previous ones are written, in batches of one transaction each. */
async function importStream(
  store: Store,
  messages: AsyncGenerator<RawMessage>,
  tally: Tally,
  onProgress: (summary: ImportSummary) => void,
): Promise<void> {
  const ahead: { message: RawMessage; parsed: Promise<ParsedEmail | Error> }[] = [];
  let exhausted = false;
  const fill = async () => {
    while (!exhausted && ahead.length < PARSE_AHEAD) {
      const next = await messages.next();
      if (next.done) exhausted = true;
      else ahead.push({ message: next.value, parsed: parseOrError(next.value.raw) });
    }
  };
  await fill();
  while (ahead.length) {
    const batch = ahead.splice(0, Math.min(BATCH, ahead.length));
    const fillAgain = fill();
    await store.command(null, async (tx, recorder) => {
      for (const { message, parsed } of batch) {
        const source: EmailSource = { source: `import: ${message.source}`, receivedAt: message.receivedAt };
        tally.count(await importEmail(tx, recorder, message.raw, await parsed, source), message.source);
      }
    });
    await fillAgain;
    onProgress(tally.summary());
  }
}
