import { MAX_DEPTH, param, partsOf, typeOf } from './mime-structure.ts';
import { headerBlockEnd, headerValue, readHeaderFields } from './raw-headers.ts';

/**
 * Whether a message ends before it is whole: a mailbox file that broke off (a copy stopped, a disk filled)
 * leaves its last message cut in its headers or inside an attachment. What arrived is kept and shown; the
 * agent is told it is not all. Read from the structure, so a sloppy but whole message (many real ones never
 * close their multipart) is not called cut: a multipart counts as cut only where the message also stops in
 * the middle of a line or of a base64 attachment's four-character groups.
 */

const LF = 0x0a;
const CR = 0x0d;

/**
 * Whether a base64 body stops short: inside a group of four characters (RFC 2045 §6.8), or, where the part
 * is never closed, on a full line without the shorter last line or the "=" padding its encoder ends with.
 */
function base64Cut(raw: Buffer, start: number, end: number, unclosed: boolean): boolean {
  let characters = 0;
  const lengths: number[] = [];
  let line = 0;
  let padded = false;
  for (let at = start; at < end; at++) {
    const byte = raw[at]!;
    if (byte === LF) {
      if (line) lengths.push(line);
      line = 0;
    } else if (byte !== CR && byte !== 0x20 && byte !== 0x09) {
      characters++;
      line++;
      padded = byte === 0x3d;
    }
    // Only the first line's length and the last one's are needed.
    if (lengths.length > 2) lengths.splice(1, 1);
  }
  if (line) lengths.push(line);
  if (characters % 4 !== 0) return true;
  return unclosed && lengths.length > 1 && lengths.at(-1) === lengths[0] && !padded;
}

function cutPart(
  raw: Buffer,
  start: number,
  end: number,
  depth: number,
  stopsMidLine: boolean,
  unclosed = false,
): string | null {
  if (depth > MAX_DEPTH) return null;
  const headerEnd = Math.min(headerBlockEnd(raw, start), end);
  const fields = readHeaderFields(raw, start, headerEnd);
  if (headerEnd === end) return stopsMidLine ? (depth ? 'inside an attachment' : 'in its headers') : null;
  const bodyStart = Math.min(end, headerEnd + (raw[headerEnd] === CR ? 2 : 1));
  const boundary = typeOf(fields).startsWith('multipart/')
    ? param(headerValue(fields, 'content-type') ?? '', 'boundary')
    : null;
  if (boundary) {
    const { parts, closed } = partsOf(raw, bodyStart, end, boundary);
    const last = parts.at(-1);
    if (closed || !last) return null;
    const inPart = cutPart(raw, last[0], last[1], depth + 1, stopsMidLine, true);
    return inPart ?? (stopsMidLine ? 'in the middle of a part' : null);
  }
  const encoding = headerValue(fields, 'content-transfer-encoding')?.trim().toLowerCase();
  return encoding === 'base64' && base64Cut(raw, bodyStart, end, unclosed) ? 'inside an attachment' : null;
}

/** Where the message is cut short ("in its headers", "inside an attachment"), or null when it is whole. */
export function whereCutShort(message: Buffer): string | null {
  if (!message.length) return null;
  const stopsMidLine = message[message.length - 1] !== LF;
  return cutPart(message, 0, message.length, 0, stopsMidLine);
}
