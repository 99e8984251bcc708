import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { withLineFeeds } from './line-endings.ts';
import { headerBlockEnd, headerValue, readHeaderFields } from './raw-headers.ts';

/**
 * What makes a message itself, apart from how it travelled (DESIGN §5): its sender, date and subject as
 * written, and its body with every part and attachment in it. Two deliveries of one mail (fetched twice, or
 * along two routes that added other Received headers, saved with CRLF by one program and LF by another) have
 * the same content key; two mails that share a Message-ID (senders and tools that reuse or fix their ids) do
 * not. Read from the raw bytes, not from what a parser makes of them, so every workstation and every version
 * of the desk derives the same key, and so the same message id.
 */

const CR = 0x0d;
const LF = 0x0a;
const FROM = Buffer.from('From ');
/** How much body is copied at a time while its CRs are left out. */
const SLICE = 64 * 1024;

/** The message without the mbox envelope line a saved message may start with. */
function withoutEnvelope(raw: Buffer): Buffer {
  if (!raw.subarray(0, FROM.length).equals(FROM)) return raw;
  const newline = raw.indexOf(LF);
  return newline < 0 ? raw.subarray(raw.length) : raw.subarray(newline + 1);
}

/** A header value as written, whatever a relay did to its folding and spacing. */
function normalised(value: string | null): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** Where the body ends once trailing white space (an mbox writer's blank line, a final line break) is left out. */
function contentEnd(body: Buffer): number {
  let end = body.length;
  while (
    end > 0 &&
    (body[end - 1] === LF || body[end - 1] === CR || body[end - 1] === 0x20 || body[end - 1] === 0x09)
  ) {
    end--;
  }
  return end;
}

/** Feeds the body to the hash with line endings as LF alone (its CRs left out). */
function hashBody(hash: Hash, body: Buffer): void {
  if (body.indexOf(CR) < 0) {
    hash.update(body);
    return;
  }
  const slice = Buffer.allocUnsafe(SLICE);
  for (let start = 0; start < body.length; start += SLICE) {
    const end = Math.min(body.length, start + SLICE);
    let kept = 0;
    for (let i = start; i < end; i++) {
      const byte = body[i]!;
      if (byte !== CR) slice[kept++] = byte;
    }
    hash.update(slice.subarray(0, kept));
  }
}

/** The content key of a raw message: SHA-256, hex. */
export function contentKey(raw: Buffer): string {
  const message = withLineFeeds(withoutEnvelope(raw));
  const headerEnd = headerBlockEnd(message);
  const fields = readHeaderFields(message, 0, headerEnd);
  const hash = createHash('sha256');
  for (const name of ['from', 'date', 'subject']) {
    hash.update(`${name}:${normalised(headerValue(fields, name))}\n`, 'latin1');
  }
  const bodyStart = Math.min(message.length, headerEnd + (message[headerEnd] === CR ? 2 : 1));
  const body = message.subarray(bodyStart);
  hashBody(hash, body.subarray(0, contentEnd(body)));
  return hash.digest('hex');
}
