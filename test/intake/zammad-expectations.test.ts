import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { parseEmail } from '#core/email/parse-email.ts';
import type { ParsedEmail } from '#core/email/parse-email.ts';
import { CORPUS_DIR, corpusAvailable } from './corpus.ts';
import { describeWithCorpus } from './with-corpus.ts';

/**
 * Zammad's expectations for its test mails (zammad-expected/mailNNN.json for zammad/mailNNN.box): the sender's
 * address (compared case-insensitively) and display name, the subject, and the attachments by MD5 (Zammad's own
 * rule: every expected attachment's MD5 is among the parsed ones). Where the project decides differently the
 * case is in EXCEPTIONS with the reason and what we give instead, which is asserted too: a new mismatch fails,
 * and so does an exception that no longer differs.
 *
 * Zammad also lists each mail's HTML body as an attachment ("message.html", preferences "original-format":
 * true). That does not count as an attachment here: the HTML body is kept as the message's HTML (shown
 * sanitised as the body), and listing it again among the attachments would show agents the message twice. It
 * is checked as what it is instead: where Zammad has one, we have an HTML body with the same visible text.
 */
interface ZammadAttachment {
  readonly filename: string;
  readonly md5: string;
  readonly size: number;
  readonly data_base64: string;
  readonly preferences?: Record<string, unknown>;
}

interface ZammadExpectation {
  readonly from_email: string | null;
  readonly from_display_name: string | null;
  readonly subject: string | null;
  readonly attachments?: readonly ZammadAttachment[] | null;
}

type Field = 'from_email' | 'from_display_name' | 'subject';

/** A header value where we differ on purpose: what we give instead, and why. */
interface FieldException {
  readonly mail: string;
  readonly field: Field;
  /** Our value, or how it follows from Zammad's. */
  readonly ours: string | ((zammad: string) => string);
  readonly reason: string;
}

/** How an expected attachment is there in another form. */
type AttachmentForm = 'with CRLF line endings' | 'as the text body' | 'in the HTML body';

interface AttachmentException {
  readonly mail: string;
  readonly attachment: string;
  readonly form: AttachmentForm;
  readonly reason: string;
}

const ONE_LINE =
  'The inbox shows a subject on one line: line breaks and runs of spaces become one space, none at either end.';
const oneLine = (zammad: string) => zammad.replace(/[ \t\r\n]+/g, ' ').trim();

const FIELD_EXCEPTIONS: readonly FieldException[] = [
  { mail: 'mail001', field: 'subject', ours: oneLine, reason: ONE_LINE },
  { mail: 'mail017', field: 'subject', ours: oneLine, reason: ONE_LINE },
  { mail: 'mail027', field: 'subject', ours: oneLine, reason: ONE_LINE },
  { mail: 'mail039', field: 'subject', ours: oneLine, reason: ONE_LINE },
  {
    mail: 'mail035',
    field: 'from_email',
    ours: 'finances8@firstfinanceloanfirm.example.com',
    reason:
      'From is only a quoted string holding an address; Zammad keeps the quotes as part of the address, we read the address inside, which a reply can go to.',
  },
  {
    mail: 'mail059',
    field: 'from_display_name',
    ours: 'Yangzhou ABC Lighting Equipment, LTD',
    reason:
      'The sender wrote the company name with an unquoted comma, so the header reads as two mailboxes ("Yangzhou ABC Lighting Equipment " <> and "LTD" <ly@…>); mailparser joins the name again, which is who the agent is dealing with, where Zammad keeps only "LTD".',
  },
  {
    mail: 'mail076',
    field: 'from_display_name',
    ours: '',
    reason:
      'The From header ("Millions Lottery Spain transfer"@example.com>) has no display name; Zammad makes one out of the broken address, we leave it empty rather than show an address as a name.',
  },
  {
    mail: 'mail087',
    field: 'from_email',
    ours: 'test@example.com',
    reason:
      'From: Test test@example.com is missing its angle brackets; Zammad keeps the whole text as the address, we read the address in it, so replies reach the sender and the contact matches.',
  },
  {
    mail: 'mail087',
    field: 'from_display_name',
    ours: 'Test',
    reason: 'The same header: the word before the address is the name.',
  },
];

const ATTACHMENT_EXCEPTIONS: readonly AttachmentException[] = [
  {
    mail: 'mail033-undelivered-mail-returned-to-sender',
    attachment: 'Delivery report.txt',
    form: 'with CRLF line endings',
    reason:
      'The mail uses CRLF; we keep each part byte for byte, where Zammad turns text parts to LF. The content is the same.',
  },
  {
    mail: 'mail033-undelivered-mail-returned-to-sender',
    attachment: 'test [Ticket#10010].eml',
    form: 'with CRLF line endings',
    reason: 'As above: the returned message keeps its CRLF line endings, as the original was sent.',
  },
  {
    mail: 'mail039',
    attachment: 'signature.asc',
    form: 'with CRLF line endings',
    reason: 'As above; a PGP/MIME signature is made over CRLF text, so the CRLF bytes are the ones that verify.',
  },
  {
    mail: 'mail085',
    attachment: 'document.html',
    form: 'in the HTML body',
    reason:
      'Apple Mail sent one body as two HTML parts side by side (multipart/mixed); mailparser shows them one after the other as the body, as the sender saw it, where Zammad shows the first and attaches the second.',
  },
  {
    mail: 'mail087',
    attachment: 'file',
    form: 'as the text body',
    reason:
      'The text part has no Content-Type, so it is text/plain (RFC 2045): it is the message, shown as its body, where Zammad attaches it as "file" and shows no body at all.',
  },
];

/** The HTML bodies whose visible text differs from Zammad's, and why. */
const HTML_EXCEPTIONS: Readonly<Record<string, string>> = {
  mail021: 'A byte that is not UTF-8 in a UTF-8 body shows as the replacement character; Zammad guesses Latin-1 ("î").',
  mail072:
    'The body is windows-1258; we decode "à" and "août" where Zammad shows "ŕ" and "aoűt" (it decoded with another code page).',
};

const md5 = (bytes: Buffer | string) => createHash('md5').update(bytes).digest('hex');

/** What a browser would show of an HTML fragment, roughly: the words, without tags, entities or layout. */
function visibleText(html: string): string {
  return html
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Case {
  readonly mail: string;
  readonly expected: ZammadExpectation;
  parsed: ParsedEmail;
}

const cases: Case[] = corpusAvailable
  ? readdirSync(path.join(CORPUS_DIR, 'zammad'))
      .filter((name) => name.endsWith('.box'))
      .sort()
      .map((name) => {
        const mail = name.replace(/\.box$/, '');
        const json = readFileSync(path.join(CORPUS_DIR, 'zammad-expected', `${mail}.json`), 'utf8');
        return { mail, expected: JSON.parse(json) as ZammadExpectation, parsed: null as unknown as ParsedEmail };
      })
  : [];

function actual(parsed: ParsedEmail, field: Field): string {
  if (field === 'from_email') return parsed.from?.address ?? '';
  if (field === 'from_display_name') return parsed.from?.name ?? '';
  return parsed.subject;
}

function expectedValue(expected: ZammadExpectation, field: Field): string {
  const value = expected[field] ?? '';
  return field === 'from_email' ? value.toLowerCase() : value;
}

/** The expected attachments that count: all but the HTML body Zammad lists as one. */
function countedAttachments(expected: ZammadExpectation): ZammadAttachment[] {
  return (expected.attachments ?? []).filter((a) => a.preferences?.['original-format'] !== true);
}

function inOtherForm(parsed: ParsedEmail, attachment: ZammadAttachment, form: AttachmentForm): boolean {
  const content = Buffer.from(attachment.data_base64, 'base64');
  if (form === 'with CRLF line endings') {
    return parsed.attachments.some(
      (a) => a.content.includes('\r\n') && md5(a.content.toString('latin1').replace(/\r\n/g, '\n')) === attachment.md5,
    );
  }
  if (form === 'as the text body') return parsed.text.trim() === content.toString('utf8').trim();
  return visibleText(parsed.html ?? '').includes(visibleText(content.toString('utf8')));
}

describeWithCorpus("Zammad's expectations for its test mails", () => {
  beforeAll(async () => {
    for (const entry of cases) {
      entry.parsed = await parseEmail(readFileSync(path.join(CORPUS_DIR, 'zammad', `${entry.mail}.box`)));
    }
  });

  it('has all 56 mails and their expectations', () => {
    expect(cases).toHaveLength(56);
  });

  for (const field of ['from_email', 'from_display_name', 'subject'] as const) {
    it(`${field}: every mail matches Zammad or is a named exception`, () => {
      const matched: string[] = [];
      for (const { mail, expected, parsed } of cases) {
        const exception = FIELD_EXCEPTIONS.find((e) => e.mail === mail && e.field === field);
        const ours = field === 'from_email' ? actual(parsed, field).toLowerCase() : actual(parsed, field);
        const theirs = expectedValue(expected, field);
        if (!exception) {
          expect(ours, `${mail} ${field}`).toBe(theirs);
          matched.push(mail);
          continue;
        }
        expect(ours, `${mail} ${field} now matches Zammad: drop the exception`).not.toBe(theirs);
        const instead = typeof exception.ours === 'string' ? exception.ours : exception.ours(theirs);
        expect(ours, `${mail} ${field}: ${exception.reason}`).toBe(instead);
      }
      const exceptions = FIELD_EXCEPTIONS.filter((e) => e.field === field).length;
      expect(matched.length + exceptions).toBe(cases.length);
    });
  }

  it('attachments: every expected MD5 is among ours, or the content is there in a named other form', () => {
    let mailsMatching = 0;
    for (const { mail, expected, parsed } of cases) {
      const ours = new Set(parsed.attachments.map((a) => md5(a.content)));
      let all = true;
      for (const attachment of countedAttachments(expected)) {
        const exception = ATTACHMENT_EXCEPTIONS.find((e) => e.mail === mail && e.attachment === attachment.filename);
        if (!exception) {
          expect(ours.has(attachment.md5), `${mail}: ${attachment.filename} (${attachment.md5})`).toBe(true);
          continue;
        }
        all = false;
        expect(ours.has(attachment.md5), `${mail}: ${attachment.filename} now matches: drop the exception`).toBe(false);
        expect(
          inOtherForm(parsed, attachment, exception.form),
          `${mail}: ${attachment.filename} ${exception.form}`,
        ).toBe(true);
      }
      if (all) mailsMatching++;
    }
    const mailsWithExceptions = new Set(ATTACHMENT_EXCEPTIONS.map((e) => e.mail)).size;
    expect(mailsMatching).toBe(cases.length - mailsWithExceptions);
  });

  it('the HTML body Zammad lists as message.html is our HTML body, with the same visible text', () => {
    for (const { mail, expected, parsed } of cases) {
      const original = (expected.attachments ?? []).find((a) => a.preferences?.['original-format'] === true);
      if (!original) continue;
      expect(parsed.html, `${mail} has an HTML body`).not.toBeNull();
      const theirs = visibleText(Buffer.from(original.data_base64, 'base64').toString('utf8'));
      const same = visibleText(parsed.html!).includes(theirs);
      if (HTML_EXCEPTIONS[mail]) expect(same, `${mail} now matches: drop the exception`).toBe(false);
      else expect(same, `${mail}: our HTML body shows what Zammad's does`).toBe(true);
    }
  });

  it('names attachments the way a mail client would, even where the part has no file name', () => {
    const names = (mail: string) => cases.find((c) => c.mail === mail)!.parsed.attachments.map((a) => a.name);
    // A delivery report is named by its description, the returned message by its subject, an inline image by its Content-ID.
    expect(names('mail033-undelivered-mail-returned-to-sender')).toEqual([
      'Delivery report.txt',
      'test [Ticket#10010].eml',
    ]);
    expect(names('mail062')).toEqual(expect.arrayContaining(['image001.jpg', 'image000.jpg', 'Video1.MOV']));
    // A file name in raw GB2312 bytes (the message's charset) keeps its Chinese name.
    expect(names('mail015')).toEqual(['绩效管理,究竟谁错了.xls']);
    // The uuencoded part is decoded: its name is kept, its content is the file, not the encoding.
    const uuencoded = cases.find((c) => c.mail === 'mail078-content_transfer_encoding_x_uuencode')!.parsed;
    expect(uuencoded.attachments.map((a) => [a.name, a.content.length])).toEqual([
      ['PGP_Cmts_on_12-14-01_Pkg.txt', 12],
    ]);
  });
});
