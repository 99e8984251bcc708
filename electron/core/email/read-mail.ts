import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { MailParser } from 'mailparser';
import type { Attachment, ParsedMail, SimpleParserOptions } from 'mailparser';

/**
 * mailparser's MailParser read the way simpleParser reads it, except for two things that decide what one large
 * mail costs: the message goes in a slice at a time (handed whole, mailparser splits all of it into lines
 * before it decodes any), and an attachment's content goes out as it is decoded, into memory while it is small
 * and into a spool file once it is large, never into one buffer with a second copy beside it.
 */

/** Messages larger than this are handed to mailparser a slice at a time. */
const WHOLE_INPUT = 1024 * 1024;
const SLICE = 64 * 1024;
/** Attachments larger than this are spooled to a file on their way to the blob store. */
export const SPOOL_ABOVE = 4 * 1024 * 1024;
/** How much of a spooled attachment stays in memory: enough for the headers of an attached message. */
const HEAD = 64 * 1024;

/** An attachment as read: its content whole, or its head with the whole of it in a spool file. */
export interface ReadAttachment extends Attachment {
  /** The first HEAD bytes of a spooled attachment, else all of it. */
  content: Buffer;
  /** Where the whole content waits for the blob store, and its SHA-256, when it is too large to hold. */
  spooled: { readonly file: string; readonly hash: string } | null;
  size: number;
}

export type ReadMail = Omit<ParsedMail, 'attachments'> & { attachments: ReadAttachment[] };

let spoolDir: string | null = null;
let spooled = 0;

function spoolFile(): string {
  if (!spoolDir) {
    // Private to this user (mkdtemp makes it 0700), and gone when the process ends, whatever happened.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-spool-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    spoolDir = dir;
  }
  return path.join(spoolDir, `${process.pid}-${++spooled}.part`);
}

/** Removes the spool files of a message once its blobs are stored (or it turned out to be here already). */
export async function releaseSpool(
  attachments: readonly { readonly spooled: { readonly file: string } | null }[],
): Promise<void> {
  for (const { spooled: spool } of attachments) if (spool) await unlink(spool.file).catch(() => {});
}

/**
 * Reads an attachment's content as mailparser decodes it: held in memory while small; once larger than
 * SPOOL_ABOVE, written to a spool file as it comes (synchronously: the parser waits for it either way) and
 * hashed on the way, keeping only its head in memory.
 */
function collect(attachment: ReadAttachment): Promise<void> {
  const stream = attachment.content as unknown as Readable;
  const chunks: Buffer[] = [];
  let size = 0;
  let head: Buffer | null = null;
  let file: number | null = null;
  let spool = '';
  const hash = createHash('sha256');
  const take = (chunk: Buffer) => {
    size += chunk.length;
    if (file === null && size > SPOOL_ABOVE) {
      spool = spoolFile();
      file = openSync(spool, 'w', 0o600);
      const held = Buffer.concat(chunks);
      hash.update(held);
      writeSync(file, held);
      head = Buffer.from(held.subarray(0, HEAD));
      chunks.length = 0;
    }
    if (file === null) chunks.push(chunk);
    else {
      hash.update(chunk);
      writeSync(file, chunk);
    }
  };
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: unknown) => {
      if (file !== null) closeSync(file);
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      attachment.size = size;
      attachment.spooled = file === null ? null : { file: spool, hash: hash.digest('hex') };
      attachment.content = head ?? Buffer.concat(chunks, size);
      resolve();
    };
    stream.on('data', (chunk: Buffer) => {
      try {
        take(chunk);
      } catch (error) {
        stream.destroy(error as Error);
      }
    });
    stream.once('end', () => finish());
    stream.once('error', finish);
  });
}

function sliced(raw: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < raw.length; at += SLICE) yield raw.subarray(at, at + SLICE);
    })(),
  );
}

const ADDRESS_HEADERS = ['subject', 'references', 'date', 'to', 'from', 'cc', 'bcc', 'message-id', 'in-reply-to'];

export async function readMail(raw: Buffer, options: SimpleParserOptions): Promise<ReadMail> {
  const parser = new MailParser(options);
  const mail = { attachments: [] } as unknown as ReadMail & Record<string, unknown>;
  const attachments: Promise<void>[] = [];
  parser.on('headers', (headers) => {
    mail.headers = headers;
    mail.headerLines = parser.headerLines || [];
  });
  // As simpleParser reads: the next part only once an attachment has been read and released.
  let reading = false;
  const reader = (): void => {
    reading = true;
    const data = parser.read() as ({ type: string } & Record<string, unknown>) | null;
    if (data === null) {
      reading = false;
      return;
    }
    if (data.type === 'text') {
      for (const key of ['text', 'html', 'textAsHtml']) if (key in data) mail[key] = data[key];
      reader();
      return;
    }
    const attachment = data as unknown as ReadAttachment;
    const release = (data as unknown as { release: () => void }).release;
    attachment.spooled = null;
    mail.attachments.push(attachment);
    attachments.push(
      collect(attachment).finally(() => {
        release();
        reader();
      }),
    );
  };
  parser.on('readable', () => {
    if (!reading) reader();
  });
  await new Promise<void>((resolve, reject) => {
    parser.once('end', resolve);
    parser.once('error', reject);
    if (raw.length <= WHOLE_INPUT) parser.end(raw);
    else sliced(raw).once('error', reject).pipe(parser);
  });
  await Promise.all(attachments);
  for (const key of [...ADDRESS_HEADERS, 'reply-to']) {
    if (mail.headers?.has(key))
      mail[key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = mail.headers.get(key);
  }
  return mail;
}
