import { headerValue } from './raw-headers.ts';
import type { RawHeader } from './raw-headers.ts';

/** Reading a multipart body's structure from the raw bytes (RFC 2046 §5.1), for what mailparser does not say. */

const LF = 0x0a;
/** How deep parts are followed: real mail nests a few levels; a hostile one would nest thousands. */
export const MAX_DEPTH = 40;

/** A parameter of a header value ("boundary" of a Content-Type), quoted or not. */
export function param(value: string, name: string): string | null {
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** A part's media type, lower-cased: text/plain when it names none (RFC 2045 §5.2). */
export const typeOf = (fields: readonly RawHeader[]) =>
  (headerValue(fields, 'content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();

export interface Parts {
  /** The parts between the delimiter lines, as [start, end) ranges. */
  readonly parts: [number, number][];
  /** Whether the close delimiter ("--boundary--") came: a multipart that ends without it was cut or sloppy. */
  readonly closed: boolean;
}

/** The parts of a multipart body in [start, end), by its boundary. */
export function partsOf(raw: Buffer, start: number, end: number, boundary: string): Parts {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts: [number, number][] = [];
  let partStart = -1;
  let at = start;
  while (at < end) {
    const found = raw.indexOf(delimiter, at);
    if (found < 0 || found >= end) break;
    at = found + delimiter.length;
    if (found !== start && raw[found - 1] !== LF) continue;
    if (partStart >= 0) parts.push([partStart, found]);
    if (raw[at] === 0x2d && raw[at + 1] === 0x2d) return { parts, closed: true };
    const lineEnd = raw.indexOf(LF, at);
    if (lineEnd < 0 || lineEnd >= end) return { parts, closed: false };
    partStart = lineEnd + 1;
  }
  if (partStart >= 0 && partStart < end) parts.push([partStart, end]);
  return { parts, closed: false };
}
