import type { Attachment } from 'mailparser';
import { decodeHeaderText, headerValue, readHeaderFields } from './raw-headers.ts';

/**
 * Names for attachments: the one the part gives (Content-Disposition's filename, Content-Type's name), else
 * Content-Location's, else the one a mail client would show, made safe to save and to show.
 */

const MAX_NAME = 180;

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'text/plain': 'txt',
  'message/rfc822': 'eml',
  'message/delivery-status': 'txt',
  'message/disposition-notification': 'txt',
  'message/feedback-report': 'txt',
  'text/rfc822-headers': 'txt',
  'video/quicktime': 'mov',
  'text/calendar': 'ics',
  'application/octet-stream': 'bin',
  'application/pgp-signature': 'asc',
  'application/pkcs7-signature': 'p7s',
  'application/x-pkcs7-signature': 'p7s',
  'application/pkcs7-mime': 'p7m',
  'application/x-pkcs7-mime': 'p7m',
  'application/ms-tnef': 'dat',
};

function extensionOf(contentType: string): string {
  const known = EXTENSIONS[contentType];
  if (known) return known;
  return (
    contentType
      .split('/')[1]
      ?.split(/[;+]/)[0]
      ?.replace(/^x-/, '')
      .replace(/[^a-z0-9]/gi, '')
      .slice(0, 10) ?? ''
  );
}

/** Names Windows keeps for devices, whatever the extension. */
const RESERVED_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/** A file name that is safe to save and show: no folders, no control or reserved characters, not empty. */
export function safeFileName(name: string | undefined, contentType: string, index: number): string {
  const base = (name ?? '')
    .normalize('NFC')
    // Control characters (C0, C1, line and paragraph separators), the characters Windows reserves in file
    // names, and the direction marks that make "invoice‮fdp.exe" show as "invoiceexe.pdf".
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029<>:"|?*]/g, '_')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .split(/[\\/]/)
    .at(-1)!
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, MAX_NAME)
    .trim();
  if (base) return RESERVED_NAME.test(base) ? `_${base}` : base;
  const extension = extensionOf(contentType);
  return `attachment-${index + 1}${extension ? `.${extension}` : ''}`;
}

export function headerString(part: Attachment, name: string): string {
  const value = part.headers.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** What other help desks call the parts of a report that come without a name (Zammad, OTRS, mail clients). */
const REPORT_PART_NAMES: Readonly<Record<string, string>> = {
  'message/delivery-status': 'delivery-status.txt',
  'message/global-delivery-status': 'delivery-status.txt',
  'text/rfc822-headers': 'rfc822-headers.txt',
  'message/rfc822-headers': 'rfc822-headers.txt',
  'message/feedback-report': 'feedback-report.txt',
  'message/disposition-notification': 'disposition-notification.txt',
};

/** The file name at the end of a Content-Location (RFC 2557: a URI, absolute or relative): "dir/Photo25.jpg?x" → "Photo25.jpg". */
function locationName(location: string): string | undefined {
  const last = location.split(/[?#]/)[0]!.split('/').at(-1)?.trim();
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last; // a stray "%" is part of the name
  }
}

/** A name for a part that has none, the way a mail client would show it. */
export function nameFor(part: Attachment, contentType: string, content: Buffer): string | undefined {
  if (part.filename) return part.filename;
  const located = locationName(headerString(part, 'content-location'));
  if (located) return located;
  const extension = extensionOf(contentType);
  if (contentType === 'message/rfc822') {
    const subject = decodeHeaderText(headerValue(readHeaderFields(content), 'subject') ?? '').trim();
    if (subject) return `${subject}.eml`;
  }
  const description = decodeHeaderText(headerString(part, 'content-description'));
  if (description) return `${description}.${extension}`;
  if (REPORT_PART_NAMES[contentType]) return REPORT_PART_NAMES[contentType];
  const fromContentId = /^<?([^<>@\s]+\.[a-z0-9]{1,5})@/i.exec(part.contentId ?? '');
  return fromContentId?.[1];
}
