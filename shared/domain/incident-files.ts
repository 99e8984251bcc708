import { z } from 'zod';
import { idSchema } from './schemas.ts';

/**
 * Files on an incident: added by an agent (an `attachment` entry on the timeline) or sent with a reply. The
 * bytes are kept by their SHA-256 on the workstation that received them; what syncs is the entry that names them.
 */

/** A file named on the timeline: what the agent sees, and the hash it is asked for by. */
export interface TimelineFile {
  /** A safe file name (no folders, no control or direction characters, no device names). */
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  /** SHA-256 of the content, hex. */
  readonly hash: string;
}

/** One file may be this large: a screenshot, a log, a report, not a disk image. */
export const MAX_INCIDENT_FILE_BYTES = 25 * 1024 * 1024;
/** At most this many files are added at once. */
export const MAX_INCIDENT_FILES = 20;

export const contentTypeSchema = z
  .string()
  .max(255)
  .regex(/^[\w.+-]+\/[\w.+-]+$/, { message: 'must be a content type' });
export const fileHashSchema = z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256' });

/** Files the agent chose or dropped, already uploaded (`upload/begin`, `upload/chunk`), added to an incident. */
export const attachFilesInput = z.strictObject({
  incidentId: idSchema,
  files: z
    .array(z.strictObject({ uploadId: idSchema, contentType: contentTypeSchema }))
    .min(1, { message: 'choose at least one file' })
    .max(MAX_INCIDENT_FILES, { message: `at most ${MAX_INCIDENT_FILES} files at once` }),
});
export type AttachFilesInput = z.input<typeof attachFilesInput>;

/** One file of an incident (added to it or sent with one of its replies), by its hash. */
export const incidentFileInput = z.strictObject({ incidentId: idSchema, hash: fileHashSchema });
export type IncidentFileInput = z.input<typeof incidentFileInput>;

/**
 * Types a browser may be told as they are, because none of them runs anything when opened: raster images,
 * PDF, plain text, office documents, archives, audio and video. Everything else (HTML, SVG, XML, scripts and
 * whatever a sender claims) is served as opaque bytes, so that a file is never rendered as a page of ours.
 */
const PLAIN_TYPES =
  /^(image\/(png|jpeg|gif|webp|bmp)|application\/pdf|text\/(plain|csv)|application\/(zip|gzip|x-7z-compressed|msword|rtf|vnd\.ms-[\w.-]+|vnd\.openxmlformats-officedocument\.[\w.-]+|vnd\.oasis\.opendocument\.[\w.-]+)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

export function safeContentType(contentType: string): string {
  const type = contentType.trim().toLowerCase();
  return PLAIN_TYPES.test(type) ? type : 'application/octet-stream';
}

/** Types the browser shows by itself without running anything: what "Open" offers to show in a new tab. */
export function isViewable(contentType: string): boolean {
  return /^(image\/(png|jpeg|gif|webp|bmp)|application\/pdf|text\/plain)$/.test(safeContentType(contentType));
}

/**
 * `Content-Disposition: attachment` with the name twice: an ASCII stand-in for old clients and the real name
 * encoded (RFC 6266, RFC 8187). Quotes, backslashes and anything outside printable ASCII never reach the header
 * as they are, so a name cannot end the header or add another.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
