import { simpleParser } from 'mailparser';
import type { AddressObject, Attachment, EmailAddress, HeaderValue } from 'mailparser';
import type { MailAddress } from '#shared/domain/intake.ts';

/**
 * An email as the intake needs it, parsed by mailparser from the raw bytes (which are kept as they are).
 * Nothing here touches the store: parsing is the slow part of an import and runs ahead of the writes.
 */
export interface ParsedEmail {
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly from: MailAddress | null;
  readonly replyTo: MailAddress | null;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  readonly date: Date | null;
  readonly text: string;
  readonly html: string | null;
  readonly attachments: readonly ParsedAttachment[];
  /** Lower-cased header names to their raw values, for the auto-reply and loop rules. */
  readonly headers: ReadonlyMap<string, string>;
  readonly contentType: string;
}

export interface ParsedAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly content: Buffer;
  readonly contentId: string | null;
  readonly inline: boolean;
}

const MAX_NAME = 180;

/** A file name that is safe to save and show: no folders, no control or reserved characters, not empty. */
export function safeFileName(name: string | undefined, contentType: string, index: number): string {
  const base = (name ?? '')
    .normalize('NFC')
    .replace(/^.*[\\/]/, '')
    // Control characters and the characters Windows reserves in file names.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, MAX_NAME);
  if (base) return base;
  const extension = contentType
    .split('/')[1]
    ?.split(/[;+]/)[0]
    ?.replace(/[^a-z0-9]/gi, '')
    .slice(0, 10);
  return `attachment-${index + 1}${extension ? `.${extension}` : ''}`;
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const groups = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const flat = (list: EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flat(a.group) : [a]));
  return groups
    .flatMap((group) => flat(group.value))
    .filter((a) => a.address)
    .map((a) => ({ address: a.address!.trim().toLowerCase(), name: (a.name ?? '').trim() }));
}

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value && typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  if (value && typeof value === 'object' && 'value' in value) {
    const { value: main, params } = value as { value: unknown; params?: Record<string, string> };
    const extra = Object.entries(params ?? {}).map(([k, v]) => `; ${k}=${v}`);
    return `${String(main)}${extra.join('')}`;
  }
  return String(value);
}

function messageIds(value: string | string[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/);
  return list.map((id) => id.trim()).filter((id) => /^<.+>$/.test(id));
}

function attachment(part: Attachment, index: number): ParsedAttachment {
  const contentType = (part.contentType || 'application/octet-stream').toLowerCase();
  return {
    name: safeFileName(part.filename, contentType, index),
    contentType,
    content: part.content,
    contentId: part.contentId ? part.contentId.replace(/^<|>$/g, '') : null,
    inline: part.contentDisposition === 'inline' || Boolean(part.related),
  };
}

export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, {
    skipTextToHtml: true,
    skipImageLinks: true,
    keepCidLinks: true,
    maxHtmlLengthToParse: 2_000_000,
  });
  const headers = new Map<string, string>();
  for (const [key, value] of mail.headers) headers.set(key.toLowerCase(), headerText(value));
  const replyTo = addresses(mail.replyTo)[0] ?? null;
  return {
    messageId: mail.messageId?.trim() || null,
    inReplyTo: messageIds(mail.inReplyTo)[0] ?? null,
    references: messageIds(mail.references),
    from: addresses(mail.from)[0] ?? null,
    replyTo,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    text: mail.text ?? '',
    html: typeof mail.html === 'string' && mail.html.trim() ? mail.html : null,
    attachments: mail.attachments.map(attachment),
    headers,
    contentType: headers.get('content-type') ?? 'text/plain',
  };
}
