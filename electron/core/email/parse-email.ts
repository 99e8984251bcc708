import { simpleParser } from 'mailparser';
import type { AddressObject, EmailAddress, HeaderValue, SimpleParserOptions } from 'mailparser';
import type { MailAddress } from '#shared/domain/intake.ts';
import { withLineFeeds } from './line-endings.ts';
import { contentKey } from './mail-identity.ts';
import { whereCutShort } from './cut-short.ts';
import { embeddedMessageHeaders, prepareParts } from './mime-parts.ts';
import { decodeHeaderText, headerBlockEnd, headerValue, readHeaderFields, repairHeaders } from './raw-headers.ts';
import { extractUuencodedFiles, uudecode } from './uuencode.ts';
import { headerString, nameFor, safeFileName } from './attachment-names.ts';
import { readMail } from './read-mail.ts';
import type { ReadAttachment, ReadMail } from './read-mail.ts';

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
  /** The Date header, when it reads as a date; never the time of parsing. */
  readonly date: Date | null;
  readonly text: string;
  readonly html: string | null;
  readonly attachments: readonly ParsedAttachment[];
  /** Lower-cased header names to their raw values, for the auto-reply and loop rules. */
  readonly headers: ReadonlyMap<string, string>;
  readonly contentType: string;
  /** The message a bounce or a report carries back (attached whole, or its headers): how it finds its incident. */
  readonly returned: ReturnedMessage | null;
  /** What makes the message itself apart from how it travelled (mail-identity.ts): with the Message-ID, its id. */
  readonly contentKey: string;
  /** Where it ends before it is whole ("inside an attachment"), or null (cut-short.ts). */
  readonly cutShort: string | null;
}

export interface ParsedAttachment {
  readonly name: string;
  readonly contentType: string;
  /** The content; of a spooled attachment only its first 64 KiB (read-mail.ts). */
  readonly content: Buffer;
  readonly size: number;
  /** Where a large attachment's content waits for the blob store, and its SHA-256. */
  readonly spooled: { readonly file: string; readonly hash: string } | null;
  readonly contentId: string | null;
  readonly inline: boolean;
}

export interface ReturnedMessage {
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly subject: string;
  /** Everyone it was addressed to, lower-cased. */
  readonly recipients: readonly string[];
  /** The names of its header fields, lower-cased (a provider's own marks tell whose complaint it is). */
  readonly headerNames: readonly string[];
}

/**
 * mailparser's options for the intake, shared with the benchmark's floor so both parse alike. Delivery reports
 * stay attachments (an agent opens them; they are not the body). Plain text parts beside HTML are turned into
 * HTML, so a mail of a text part and an HTML signature shows both; without finding links in them, which would
 * more than halve the speed of parsing (mailparser's link finder on every text body) for links the sanitised
 * view can still show as text.
 */
export const MAIL_PARSER_OPTIONS: SimpleParserOptions = {
  skipTextLinks: true,
  skipImageLinks: true,
  keepCidLinks: true,
  keepDeliveryStatus: true,
  maxHtmlLengthToParse: 2_000_000,
};

/** How much of a returned message's To and Cc is read, and how many addresses of it count. */
const MAX_RETURNED_HEADER = 16_384;
const MAX_RETURNED_RECIPIENTS = 20;
/** How many header names of a returned message are kept. */
const MAX_RETURNED_FIELDS = 100;
/** How many From headers are tried when the first has no address (real mail has two; spam may have thousands). */
const MAX_FROM_LINES = 5;

function isAddressObject(value: unknown): value is AddressObject {
  return typeof value === 'object' && value !== null && Array.isArray((value as { value?: unknown }).value);
}

function addresses(value: AddressObject | AddressObject[] | HeaderValue | undefined): MailAddress[] {
  const groups = (Array.isArray(value) ? value : [value]).filter(isAddressObject);
  const flat = (list: EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flat(a.group) : [a]));
  return groups
    .flatMap((group) => flat(group.value))
    .filter((a) => a.address?.includes('@'))
    .map((a) => ({ address: a.address!.trim().toLowerCase(), name: (a.name ?? '').trim() }));
}

function messageIds(value: string | string[] | undefined | null): string[] {
  const list = !value ? [] : Array.isArray(value) ? value : value.split(/\s+/);
  return list.map((id) => id.trim()).filter((id) => /^<.+>$/.test(id));
}

/** A raw header line's value, unfolded. */
function lineValue(line: string): string {
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n(?=[ \t])/g, '')
    .trim();
}

/** `From: MAILER-DAEMON (Mail Delivery System)`: an address without a domain, and the name in a comment. */
const LOCAL_SENDER = /^([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+)\s*(?:\(([^()]*)\))?$/;

/**
 * Who sent it. mailparser reads the first From header only, and yields no address for a local name; real mail
 * has a broken first From before a good one, a bounce "From: MAILER-DAEMON (Mail Delivery System)", or an empty
 * `<>` with the sender in Reply-To. In that order: a From with an address, a From naming a local mailbox,
 * then Sender, Reply-To and Return-Path (Zammad falls back the same way).
 */
async function senderOf(mail: ReadMail): Promise<MailAddress | null> {
  const first = addresses(mail.from)[0];
  if (first) return first;
  const fromLines = mail.headerLines.filter((line) => line.key === 'from').map((line) => line.line);
  for (const line of fromLines.slice(1, MAX_FROM_LINES)) {
    const other = await simpleParser(Buffer.from(`${line}\r\n\r\n`, 'binary'));
    const found = addresses(other.from)[0];
    if (found) return found;
  }
  for (const line of fromLines) {
    const local = LOCAL_SENDER.exec(decodeHeaderText(lineValue(line)));
    if (local) return { address: local[1]!.toLowerCase(), name: (local[2] ?? '').trim() };
  }
  for (const key of ['sender', 'reply-to', 'return-path']) {
    const found = addresses(mail.headers.get(key))[0];
    if (found) return found;
  }
  return null;
}

/** mailparser puts the time of parsing where a Date header does not read as a date; that is no date at all. */
function dateOf(mail: ReadMail): Date | null {
  const line = mail.headerLines.find((header) => header.key === 'date');
  if (!line || Number.isNaN(new Date(lineValue(line.line)).getTime())) return null;
  return mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
}

function attachment(part: ReadAttachment, index: number): ParsedAttachment {
  const contentType = (part.contentType || 'application/octet-stream').toLowerCase();
  const uuencoded = !part.spooled && /^(x-)?uu(encode|e)?$/i.test(headerString(part, 'content-transfer-encoding'));
  const decoded = uuencoded ? uudecode(part.content.toString('latin1')) : null;
  const content = decoded ?? part.content;
  return {
    name: safeFileName(nameFor(part, contentType, content), contentType, index),
    contentType,
    content,
    size: decoded ? decoded.length : part.size,
    spooled: part.spooled,
    contentId: part.contentId ? part.contentId.replace(/^<|>$/g, '') : null,
    inline: part.contentDisposition === 'inline' || Boolean(part.related),
  };
}

const RETURNED_PART = /^(message\/rfc822|message\/global|(text|message)\/rfc822-headers)$/;

/** The header block of the message a bounce or a report carries back: attached, or inline (mime-parts.ts). */
function returnedHeaderBlock(attachments: readonly ParsedAttachment[], message: PreparedMessage): Buffer | null {
  const part = attachments.find((a) => RETURNED_PART.test(a.contentType));
  if (part) return part.content.subarray(0, headerBlockEnd(part.content));
  return embeddedMessageHeaders(message.bytes, message.contentType);
}

/** The headers of the message a bounce carries back, read from its header block. */
function returnedMessage(block: Buffer | null): ReturnedMessage | null {
  if (!block) return null;
  const fields = readHeaderFields(block, 0, block.length);
  if (!fields.length) return null;
  const value = (name: string) => headerValue(fields, name);
  const recipients = ['to', 'cc']
    .flatMap(
      (name) =>
        value(name)
          ?.slice(0, MAX_RETURNED_HEADER)
          .match(/[^\s<>,;:"()@]+@[^\s<>,;:"()@]+/g) ?? [],
    )
    .slice(0, MAX_RETURNED_RECIPIENTS)
    .map((address) => address.toLowerCase());
  return {
    messageId: messageIds(value('message-id'))[0] ?? null,
    inReplyTo: messageIds(value('in-reply-to'))[0] ?? null,
    references: messageIds(value('references')),
    subject: oneLine(decodeHeaderText(value('subject') ?? '')),
    recipients,
    headerNames: [...new Set(fields.map((field) => field.name))].slice(0, MAX_RETURNED_FIELDS),
  };
}

/**
 * A subject as the inbox shows it, on one line: line breaks, tabs and runs of spaces become one space. Other
 * white space is text (an ideographic space in a Chinese subject is part of how it is written).
 */
function oneLine(subject: string): string {
  return subject.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** The message without the mbox envelope line a single saved message may start with ("From sender date"). */
function withoutEnvelope(raw: Buffer): Buffer {
  if (raw.length < 5 || raw.toString('latin1', 0, 5) !== 'From ') return raw;
  const newline = raw.indexOf(0x0a);
  return newline < 0 ? raw.subarray(raw.length) : raw.subarray(newline + 1);
}

/**
 * The bytes mailparser reads: the message with line feeds it knows (line-endings.ts), without an envelope line,
 * with headers it would misread rewritten, and its parts prepared (mime-parts.ts). The stored raw message is
 * never changed.
 */
interface PreparedMessage {
  readonly bytes: Buffer;
  readonly contentType: string | null;
}

function forMailparser(raw: Buffer): PreparedMessage {
  const message = withoutEnvelope(withLineFeeds(raw));
  const repaired = repairHeaders(message, headerBlockEnd(message));
  const contentType = headerValue(readHeaderFields(repaired, 0, headerBlockEnd(repaired)), 'content-type');
  return { bytes: prepareParts(repaired, contentType), contentType };
}

export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const prepared = forMailparser(raw);
  const mail = await readMail(prepared.bytes, MAIL_PARSER_OPTIONS);
  // The header values as written (the first of each name), not as mailparser interprets them: the rules read
  // them literally, and mailparser replaces an unreadable Date with the time of parsing.
  const headers = new Map<string, string>();
  for (const { key, line } of mail.headerLines) if (!headers.has(key)) headers.set(key, lineValue(line));
  const parts = mail.attachments.map(attachment);
  const { text, files } = extractUuencodedFiles(mail.text ?? '');
  const attachments = [
    ...parts,
    ...files.map((file, i) => ({
      name: safeFileName(file.name, 'application/octet-stream', parts.length + i),
      contentType: 'application/octet-stream',
      content: file.content,
      size: file.content.length,
      spooled: null,
      contentId: null,
      inline: false,
    })),
  ];
  return {
    messageId: mail.messageId?.trim() || null,
    inReplyTo: messageIds(mail.inReplyTo)[0] ?? null,
    references: messageIds(mail.references),
    from: await senderOf(mail),
    replyTo: addresses(mail.replyTo)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: oneLine(mail.subject ?? ''),
    date: dateOf(mail),
    text,
    html: typeof mail.html === 'string' && mail.html.trim() ? mail.html : null,
    attachments,
    headers,
    contentType: headers.get('content-type') ?? 'text/plain',
    returned: returnedMessage(returnedHeaderBlock(attachments, prepared)),
    contentKey: contentKey(raw),
    cutShort: whereCutShort(prepared.bytes),
  };
}
