import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { headerBlockEnd, readHeaderFields } from '#core/email/raw-headers.ts';
import { REPO_ROOT } from '../helpers/child-process.ts';

/**
 * The shared corpus of real-world test emails (../shared/corpus/email beside the repository, or the folder
 * DESK_EMAIL_CORPUS names): Zammad's, CPython's, mailparser's, postal-mime's and the Ruby mail gem's fixtures.
 */
export const CORPUS_DIR = process.env.DESK_EMAIL_CORPUS ?? path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'email');

export const corpusAvailable = existsSync(path.join(CORPUS_DIR, 'zammad'));

/**
 * The corpus of real automatic mail (../shared/corpus/bounces, or DESK_BOUNCE_CORPUS): sisimai's bounces,
 * auto-replies, abuse reports and delivery notices, each file's class in sisimai/expected.json.
 */
export const BOUNCE_DIR =
  process.env.DESK_BOUNCE_CORPUS ?? path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'bounces');

export const bouncesAvailable = existsSync(path.join(BOUNCE_DIR, 'sisimai', 'expected.json'));

/** The class sisimai's test tables give a file of the bounce corpus. */
export type BounceClass = 'bounce' | 'auto_reply' | 'feedback_report' | 'delivery_success';

/** Every file of the bounce corpus with its expected class, as paths relative to its sisimai folder (bsd/…). */
export function bounceFiles(): { file: string; expected: BounceClass }[] {
  const { expected } = JSON.parse(readFileSync(path.join(BOUNCE_DIR, 'sisimai', 'expected.json'), 'utf8')) as {
    expected: Record<string, BounceClass>;
  };
  return Object.entries(expected)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, cls]) => ({ file, expected: cls }));
}

export function bouncePath(relative: string): string {
  return path.join(BOUNCE_DIR, 'sisimai', relative);
}

export function readBounce(relative: string): Buffer {
  return readFileSync(bouncePath(relative));
}

/** Whether a missing corpus fails the tests that need it rather than skipping them. */
export const corpusRequired = process.env.DESK_REQUIRE_CORPUS === '1';

/** Why corpus tests are skipped, or with DESK_REQUIRE_CORPUS=1, why they fail. */
export const CORPUS_MISSING = `The email corpus is not at ${CORPUS_DIR}; set DESK_EMAIL_CORPUS to its folder.`;
export const BOUNCES_MISSING = `The bounce corpus is not at ${BOUNCE_DIR}; set DESK_BOUNCE_CORPUS to its folder.`;

/** Not messages: licences, read-mes, Zammad's expectations (.yml, .json) and dot files (.gitattributes). */
const NOT_A_MESSAGE = /^(LICENSE|README|MIT-LICENSE)|\.(ya?ml|json|md)$|^\./i;

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

/** Every message file of the corpus, in every folder, as paths relative to the corpus folder. */
export function corpusFiles(): string[] {
  return walk(CORPUS_DIR)
    .filter((file) => !NOT_A_MESSAGE.test(path.basename(file)))
    .map((file) => path.relative(CORPUS_DIR, file));
}

export function corpusPath(relative: string): string {
  return path.join(CORPUS_DIR, relative);
}

export function readCorpus(relative: string): Buffer {
  return readFileSync(corpusPath(relative));
}

const FROM = Buffer.from('From ');

/** A saved message without the envelope line some start with (the mbox writer puts its own). */
export function withoutEnvelopeLine(raw: Buffer): Buffer {
  if (!raw.subarray(0, FROM.length).equals(FROM)) return raw;
  const newline = raw.indexOf(0x0a);
  return newline < 0 ? Buffer.alloc(0) : raw.subarray(newline + 1);
}

/** The message with its Message-ID replaced (or one added at the top when it has none). */
export function withMessageId(raw: Buffer, messageId: string): Buffer {
  const fields = readHeaderFields(raw, 0, headerBlockEnd(raw));
  const eol = raw.indexOf('\r\n') >= 0 ? '\r\n' : '\n';
  const header = Buffer.from(`Message-ID: ${messageId}${eol}`, 'latin1');
  const existing = fields.find((field) => field.name === 'message-id');
  if (!existing) return Buffer.concat([header, raw]);
  return Buffer.concat([raw.subarray(0, existing.start), header, raw.subarray(existing.end)]);
}

/** What an mbox holds of a message: ending in a line break, as every line of an mbox does. */
export function asMboxMessage(raw: Buffer): Buffer {
  return raw.length && raw[raw.length - 1] === 0x0a ? raw : Buffer.concat([raw, Buffer.from('\n')]);
}

/** One mboxrd entry: an envelope line, the message with "From " lines quoted (">From ", ">>From "…), a blank line. */
export function mboxEntry(
  message: Buffer,
  envelope = 'From desk-test@intake.example Mon Mar  2 09:30:00 2026',
): Buffer {
  const quoted = asMboxMessage(message)
    .toString('latin1')
    .replace(/^(>*From )/gm, '>$1');
  return Buffer.concat([Buffer.from(`${envelope}\n`, 'latin1'), Buffer.from(quoted, 'latin1'), Buffer.from('\n')]);
}

/** The corpus messages that are not empty, in a fixed order, without their own envelope lines. */
export function corpusMessages(): { file: string; raw: Buffer }[] {
  return corpusFiles()
    .map((file) => ({ file, raw: withoutEnvelopeLine(readCorpus(file)) }))
    .filter((message) => message.raw.length > 0);
}

/**
 * Writes an mbox of `count` messages taken round-robin from the corpus, each with its own Message-ID so none is
 * a duplicate of another. Streams to disk: a 10,000-message file is about 200 MB.
 */
export async function writeCorpusMbox(file: string, count: number): Promise<{ bytes: number }> {
  const messages = corpusMessages();
  const handle = await open(file, 'w');
  let bytes = 0;
  try {
    for (let i = 0; i < count; i++) {
      const { raw } = messages[i % messages.length]!;
      const entry = mboxEntry(withMessageId(raw, `<corpus-${i}@intake.example>`));
      await handle.write(entry);
      bytes += entry.length;
    }
  } finally {
    await handle.close();
  }
  return { bytes };
}
