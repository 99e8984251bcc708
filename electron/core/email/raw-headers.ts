import { isAscii } from 'node:buffer';
import { decodeWithFallbacks, decoderFor, decodes, detectedCharset, fallbackCharsets } from './charsets.ts';
/**
 * Header blocks read straight from the raw bytes, for what mailparser cannot see or decodes wrongly: header
 * bytes in a legacy charset (RFC 6532 allows only UTF-8 there, old mailers wrote Shift_JIS or Latin-1), encoded
 * words whose bytes do not fit the charset they name, and the headers of a message attached to a bounce.
 */

const LF = 0x0a;
const CR = 0x0d;

/** Where the header block of the message starting at `start` ends: the index of its blank line (or the end). */
export function headerBlockEnd(raw: Buffer, start = 0): number {
  if (raw[start] === LF) return start;
  if (raw[start] === CR && raw[start + 1] === LF) return start;
  let at = start;
  for (;;) {
    const newline = raw.indexOf(LF, at);
    if (newline < 0) return raw.length;
    const next = newline + 1;
    if (raw[next] === LF) return next;
    if (raw[next] === CR && raw[next + 1] === LF) return next;
    at = next;
  }
}

export interface RawHeader {
  /** Lower case. */
  readonly name: string;
  /** The unfolded value, bytes as they are (latin1, one character per byte). */
  readonly value: string;
  /** Where the whole field (name, value and folded lines, with its line break) sits in the raw message. */
  readonly start: number;
  readonly end: number;
}

/** The fields of a header block, unfolded; lines that are not fields (a stray envelope line) are skipped. */
export function readHeaderFields(raw: Buffer, start = 0, end = headerBlockEnd(raw, start)): RawHeader[] {
  const fields: RawHeader[] = [];
  let at = start;
  while (at < end) {
    let fieldEnd = at;
    do {
      const newline = raw.indexOf(LF, fieldEnd);
      fieldEnd = newline < 0 || newline >= end ? end : newline + 1;
    } while (fieldEnd < end && (raw[fieldEnd] === 0x20 || raw[fieldEnd] === 0x09));
    const text = raw.toString('latin1', at, fieldEnd);
    const colon = text.indexOf(':');
    const name = colon > 0 ? text.slice(0, colon).trim() : '';
    if (name && !/\s/.test(name)) {
      const value = text
        .slice(colon + 1)
        .replace(/\r?\n(?=[ \t])/g, '')
        .trim();
      fields.push({ name: name.toLowerCase(), value, start: at, end: fieldEnd });
    }
    at = fieldEnd;
  }
  return fields;
}

export function headerValue(fields: readonly RawHeader[], name: string): string | null {
  return fields.find((field) => field.name === name)?.value ?? null;
}

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;
/** Encoded words next to each other (only white space between them) form one text, possibly split mid-character. */
const ENCODED_RUN = /=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=(?:\s+=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)*/g;

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding.toLowerCase() === 'b') return Buffer.from(text, 'base64');
  const qp = text
    .replace(/_/g, ' ')
    .replace(/=([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(qp, 'latin1');
}

interface WordGroup {
  readonly charset: string;
  readonly bytes: Buffer;
}

/** The words of a run, adjacent words of the same charset joined (a character may span two words). */
function wordGroups(run: string): WordGroup[] {
  const groups: { charset: string; parts: Buffer[] }[] = [];
  for (const [, charset, encoding, text] of run.matchAll(ENCODED_WORD)) {
    const bytes = wordBytes(encoding!, text!);
    const last = groups.at(-1);
    // ISO-2022 words each end in ASCII (RFC 1468); joined, their escapes would read as an error.
    const joins = last && last.charset.toLowerCase() === charset!.toLowerCase() && !/2022/.test(charset!);
    if (joins) last.parts.push(bytes);
    else groups.push({ charset: charset!, parts: [bytes] });
  }
  return groups.map((group) => ({ charset: group.charset, bytes: Buffer.concat(group.parts) }));
}

/**
 * Decodes the encoded words in a header value (RFC 2047), and raw 8-bit bytes, trying `chain` where the bytes
 * do not fit the charset they name. For headers we read ourselves (a bounced message's Subject).
 */
export function decodeHeaderText(value: string, chain: readonly string[] = fallbackCharsets([])): string {
  const raw = decodeRawBytes(value, chain);
  return raw.replace(ENCODED_RUN, (run) =>
    wordGroups(run)
      .map((group) => decodes(group.bytes, group.charset) ?? decodeWithFallbacks(group.bytes, chain))
      .join(''),
  );
}

/** A latin1 string of raw bytes: as UTF-8 when it is, else through the fallback chain. */
function decodeRawBytes(value: string, chain: readonly string[]): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  return decodes(bytes, 'utf-8') ?? decodeWithFallbacks(bytes, chain);
}

/** Whether mailparser would get this header wrong: raw bytes that are not UTF-8, or words that lie about their charset. */
export function needsRepair(value: string): boolean {
  if (hasLegacyBytes(value)) return true;
  if (!value.includes('=?')) return false;
  for (const run of value.match(ENCODED_RUN) ?? []) {
    for (const group of wordGroups(run)) {
      if (decoderFor(group.charset) && decodes(group.bytes, group.charset) === null) return true;
    }
  }
  return false;
}

/** The same header value, readable by mailparser: raw bytes as UTF-8, lying encoded words re-encoded as UTF-8. */
function repairValue(value: string, chain: readonly string[]): string {
  const text = decodeRawBytes(value, chain);
  return text.replace(ENCODED_RUN, (run) =>
    wordGroups(run)
      .map((group) => {
        if (!decoderFor(group.charset) || decodes(group.bytes, group.charset) !== null) {
          return `=?${group.charset}?B?${group.bytes.toString('base64')}?=`;
        }
        return `=?UTF-8?B?${Buffer.from(decodeWithFallbacks(group.bytes, chain), 'utf8').toString('base64')}?=`;
      })
      .join(' '),
  );
}

const ENCODED_WORD_START = Buffer.from('=?');

/** A header block of plain ASCII without encoded words (most mail) needs nothing. */
function mayNeedRepair(raw: Buffer, end: number): boolean {
  const head = raw.subarray(0, end);
  return !isAscii(head) || head.indexOf(ENCODED_WORD_START) >= 0;
}

/** The headers the intake reads: only these are rewritten, never the ones that shape the MIME structure. */
const REPAIRED = new Set(['from', 'sender', 'reply-to', 'to', 'cc', 'subject']);

/** The charsets a message names: its own Content-Type's, else the first one any part names. */
export function declaredCharsets(raw: Buffer, fields: readonly RawHeader[]): string[] {
  const found: string[] = [];
  const top = /charset\s*=\s*"?([^";\s]+)/i.exec(headerValue(fields, 'content-type') ?? '');
  if (top) found.push(top[1]!);
  const body = /charset\s*=\s*"?([^";\s]+)/i.exec(raw.toString('latin1', 0, Math.min(raw.length, 65_536)));
  if (body) found.push(body[1]!);
  return found;
}

/** Whether a header value holds raw 8-bit bytes that are not UTF-8. */
function hasLegacyBytes(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(value) && decodes(Buffer.from(value, 'latin1'), 'utf-8') === null;
}

/**
 * The charsets to read a message's raw header bytes with: the ones it declares, UTF-8, and what the detector
 * reads all its legacy header bytes as together (a subject, a name and a file name tell more than each alone:
 * two Chinese characters of a name read as well as Russian).
 */
export function headerCharsets(raw: Buffer, fields: readonly RawHeader[]): string[] {
  const chain = fallbackCharsets(declaredCharsets(raw, fields));
  const legacy = fields.filter((field) => hasLegacyBytes(field.value)).map((field) => field.value);
  const detected = legacy.length ? detectedCharset(Buffer.from(legacy.join(' '), 'latin1')) : null;
  return detected ? [...new Set([...chain, detected.toLowerCase()])] : chain;
}

/**
 * The message as mailparser should see it: the same bytes, except top-level address and subject headers that
 * it would decode wrongly, which are rewritten as UTF-8. Answers the input itself when nothing needs it (almost
 * always), so the common case costs one scan of the header block.
 */
export function repairHeaders(raw: Buffer, end = headerBlockEnd(raw)): Buffer {
  if (!mayNeedRepair(raw, end)) return raw;
  const all = readHeaderFields(raw, 0, end);
  const fields = all.filter((field) => REPAIRED.has(field.name) && needsRepair(field.value));
  if (!fields.length) return raw;
  const chain = headerCharsets(raw, all);
  return applyEdits(
    raw,
    fields.map((field) => ({ start: field.start, end: field.end, bytes: repairedField(raw, field, chain) })),
  );
}

/** The field rewritten as mailparser reads it right: on one line, in UTF-8, with its own line break. */
export function repairedField(raw: Buffer, field: RawHeader, chain: readonly string[]): Buffer {
  const line = raw.toString('latin1', field.start, field.end);
  const name = line.slice(0, line.indexOf(':'));
  const eol = line.endsWith('\r\n') ? '\r\n' : '\n';
  return Buffer.from(`${name}: ${repairValue(field.value, chain)}${eol}`, 'utf8');
}

/** A change to the bytes mailparser reads: [start, end) replaced (an insertion where they are equal). */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly bytes: Buffer;
}

export function applyEdits(raw: Buffer, edits: readonly Edit[]): Buffer {
  if (!edits.length) return raw;
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: Buffer[] = [];
  let at = 0;
  for (const edit of ordered) {
    pieces.push(raw.subarray(at, edit.start), edit.bytes);
    at = edit.end;
  }
  pieces.push(raw.subarray(at));
  return Buffer.concat(pieces);
}
