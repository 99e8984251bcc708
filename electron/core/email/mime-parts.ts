import { isAscii } from 'node:buffer';
import {
  applyEdits,
  headerBlockEnd,
  headerCharsets,
  headerValue,
  needsRepair,
  readHeaderFields,
  repairedField,
} from './raw-headers.ts';
import type { Edit, RawHeader } from './raw-headers.ts';
import { MAX_DEPTH, param, partsOf, typeOf } from './mime-structure.ts';

/**
 * The parts of a multipart message, as mailparser should read them; the stored raw message is untouched.
 *
 * - In multipart/related only the root part is the body; the others are resources it refers to (RFC 2387),
 *   shown by mail clients as attachments when the body does not use them. mailparser appends every inline
 *   text part to the body instead, so a text/html resource would run on below the signature: such parts are
 *   marked `Content-Disposition: attachment`.
 * - A part's Content-Type or Content-Disposition with a file name in raw 8-bit bytes of a legacy charset
 *   (GB2312 from an old Chinese mailer) is rewritten in UTF-8, so the attachment keeps its name.
 */

const CR = 0x0d;
const RELATED = ['/related', '/Related', '/RELATED'].map((needle) => Buffer.from(needle));
const NAMING = new Set(['content-type', 'content-disposition']);

interface Walk {
  readonly raw: Buffer;
  readonly edits: Edit[];
  /** The charsets to read raw header bytes with, worked out the first time a part needs them. */
  readonly chain: () => readonly string[];
  readonly mark: Buffer;
}

function repairNames(walk: Walk, fields: readonly RawHeader[]): void {
  for (const field of fields) {
    // A boundary must keep its bytes: the delimiter lines in the body are not rewritten.
    if (!NAMING.has(field.name) || /boundary\s*=/i.test(field.value) || !needsRepair(field.value)) continue;
    walk.edits.push({ start: field.start, end: field.end, bytes: repairedField(walk.raw, field, walk.chain()) });
  }
}

function markResources(walk: Walk, contentType: string, parts: readonly [number, number][]): void {
  const partFields = parts.map(([s, e]) => readHeaderFields(walk.raw, s, Math.min(headerBlockEnd(walk.raw, s), e)));
  const rootId = param(contentType, 'start');
  const root = Math.max(0, rootId ? partFields.findIndex((f) => headerValue(f, 'content-id') === rootId) : 0);
  partFields.forEach((fields, index) => {
    const resource =
      index !== root && typeOf(fields).startsWith('text/') && !headerValue(fields, 'content-disposition');
    if (resource) walk.edits.push({ start: parts[index]![0], end: parts[index]![0], bytes: walk.mark });
  });
}

function visit(walk: Walk, start: number, end: number, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const headerEnd = Math.min(headerBlockEnd(walk.raw, start), end);
  const fields = readHeaderFields(walk.raw, start, headerEnd);
  if (depth > 0) repairNames(walk, fields);
  const contentType = headerValue(fields, 'content-type') ?? '';
  const boundary = typeOf(fields).startsWith('multipart/') ? param(contentType, 'boundary') : null;
  if (!boundary) return;
  const bodyStart = headerEnd + (walk.raw[headerEnd] === CR ? 2 : 1);
  const { parts } = partsOf(walk.raw, bodyStart, end, boundary);
  if (typeOf(fields) === 'multipart/related' && parts.length > 1) markResources(walk, contentType, parts);
  for (const [partStart, partEnd] of parts) visit(walk, partStart, partEnd, depth + 1);
}

/** The message with its parts prepared for mailparser (or itself, when nothing needs it: most mail). */
export function prepareParts(raw: Buffer, topContentType: string | null): Buffer {
  // Only a multipart message has parts; only one with related parts or 8-bit bytes can need anything.
  if (!/^\s*multipart\//i.test(topContentType ?? '')) return raw;
  if (!RELATED.some((needle) => raw.indexOf(needle) >= 0) && isAscii(raw)) return raw;
  let chain: readonly string[] | null = null;
  const walk: Walk = {
    raw,
    edits: [],
    chain: () => (chain ??= headerCharsets(raw, readHeaderFields(raw))),
    mark: Buffer.from(`Content-Disposition: attachment${raw.indexOf('\r\n') >= 0 ? '\r\n' : '\n'}`, 'latin1'),
  };
  visit(walk, 0, raw.length, 0);
  return applyEdits(raw, walk.edits);
}

const EMBEDDED = /^(message\/rfc822|message\/global|(text|message)\/rfc822-headers)$/;
const EMBEDDED_NEEDLES = ['rfc822', 'RFC822', 'Rfc822', 'message/global'].map((needle) => Buffer.from(needle));

function findEmbedded(raw: Buffer, start: number, end: number, depth: number): Buffer | null {
  if (depth > MAX_DEPTH) return null;
  const headerEnd = Math.min(headerBlockEnd(raw, start), end);
  const fields = readHeaderFields(raw, start, headerEnd);
  const type = typeOf(fields);
  const bodyStart = Math.min(end, headerEnd + (raw[headerEnd] === CR ? 2 : 1));
  if (depth > 0 && EMBEDDED.test(type)) {
    // Only an unencoded message is read here; an encoded one is an attachment mailparser decodes.
    const encoding = headerValue(fields, 'content-transfer-encoding')?.toLowerCase() ?? '';
    if (/base64|quoted-printable/.test(encoding)) return null;
    return raw.subarray(bodyStart, Math.min(headerBlockEnd(raw, bodyStart), end));
  }
  const boundary = type.startsWith('multipart/') ? param(headerValue(fields, 'content-type') ?? '', 'boundary') : null;
  if (!boundary) return null;
  for (const [partStart, partEnd] of partsOf(raw, bodyStart, end, boundary).parts) {
    const found = findEmbedded(raw, partStart, partEnd, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The header block of the first message a multipart message carries (message/rfc822, or only its headers in
 * text/rfc822-headers), read from the raw bytes: mailparser shows a message/rfc822 part marked inline as body
 * text, where its headers (how a bounce or a complaint finds the message it is about) are lost.
 */
export function embeddedMessageHeaders(raw: Buffer, topContentType: string | null): Buffer | null {
  if (!/^\s*multipart\//i.test(topContentType ?? '')) return null;
  if (!EMBEDDED_NEEDLES.some((needle) => raw.indexOf(needle) >= 0)) return null;
  return findEmbedded(raw, 0, raw.length, 0);
}
