import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { getBlob } from '#core/blobs/blob.repository.ts';
import { importFiles } from '#core/inbox/import-files.ts';
import { parseEmail } from '#core/email/parse-email.ts';
import { repairHeaders } from '#core/email/raw-headers.ts';
import { extractUuencodedFiles, uudecode } from '#core/email/uuencode.ts';
import { FIXED_NOW, openTempStore } from '../helpers/temp-workspace.ts';
import { corpusPath, readBounce, readCorpus } from './corpus.ts';
import { describeWithBounces, describeWithCorpus } from './with-corpus.ts';

/** What the parser makes of real mail that mailparser alone gets wrong, or that an agent needs shown a certain way. */
describeWithCorpus('reading real mail', () => {
  it('decodes raw header bytes in the message’s own legacy charset (Shift_JIS in a Japanese mail)', async () => {
    const email = await parseEmail(readCorpus('zammad/mail093.box'));
    expect(email.subject).toBe('ツール');
    // The From name is an encoded word that says ISO-2022-JP but holds Shift_JIS bytes.
    expect(email.from).toEqual({ address: 'bar@example.org', name: 'ツール EXAMPLE' });
  });

  it('decodes raw Latin-1 header bytes of a Latin-1 mail', async () => {
    const email = await parseEmail(readCorpus('mikel-mail/error_emails/invalid_subject_characters.eml'));
    expect(email.subject).toBe('Formação FrenetikPolis: Mega Campanha Final Verão | Cursos de Setembro');
  });

  it('keeps ISO-2022-JP words apart, each ending in ASCII as RFC 1468 has it', async () => {
    expect((await parseEmail(readCorpus('mikel-mail/rfc2822/example14.eml'))).subject).toBe('Re: TEST テストテスト');
  });

  it('finds the sender where From is broken: a second From, Reply-To, a bare MAILER-DAEMON', async () => {
    const sender = async (file: string) => (await parseEmail(readCorpus(file))).from;
    // "From: [??????]" before the real From header.
    expect(await sender('zammad/mail017.box')).toEqual({ address: 'ghgbwum@185.com.cn', name: '都琹' });
    // From: "我" <> and the sender in Reply-To.
    expect(await sender('zammad/mail019.box')).toEqual({ address: 'vipyiming@126.com', name: '' });
    // From: MAILER-DAEMON (Mail Delivery System)
    expect(await sender('zammad/mail053.box')).toEqual({ address: 'mailer-daemon', name: 'Mail Delivery System' });
  });

  it('has no date where the Date header does not read as one, rather than the time of parsing', async () => {
    expect((await parseEmail(readCorpus('mikel-mail/error_emails/bad_date_header.eml'))).date).toBeNull();
    expect((await parseEmail(readCorpus('zammad/mail001.box'))).date).toEqual(new Date('2012-05-03T09:36:43Z'));
  });

  it('takes a uuencoded file out of a plain-text body as an attachment', async () => {
    const email = await parseEmail(readCorpus('zammad/mail025.box'));
    expect(email.attachments.map((a) => [a.name, a.contentType])).toEqual([
      ['rulesets-report.csv', 'application/octet-stream'],
    ]);
    expect(email.attachments[0]!.content.toString()).toBe(
      'RULESET_ID;NAME;ACTIV;RUN_MODE;AUDIT_MODIFY_DATE\n387;DP DHL JOIN - EN : Einladung eAC;T;SM;17.09.14\n',
    );
    expect(email.text).not.toContain('begin 644');
  });

  it('attaches the text resources of multipart/related that are not its body', async () => {
    const email = await parseEmail(readCorpus('zammad/mail062.box'));
    const html = email.attachments.filter((a) => a.contentType === 'text/html').map((a) => a.content.toString().trim());
    expect(html).toEqual(['<html>some html</html>', '<html>some html 2</html>']);
    expect(email.html).not.toContain('some html');
  });

  it('shows a text part and an HTML signature one after the other as the body', async () => {
    const email = await parseEmail(readCorpus('zammad/mail110.box'));
    expect(email.html).toContain('This is the text part');
    expect(email.html).toContain('This is the html part (signature)');
  });

  it('names a part by its Content-Location where neither Content-Disposition nor Content-Type names it', async () => {
    const names = async (file: string) => (await parseEmail(readCorpus(file))).attachments.map((a) => a.name);
    expect(await names('mikel-mail/attachment_emails/attachment_content_location.eml')).toEqual(['Photo25.jpg']);
    expect(await names('mikel-mail/error_emails/missing_content_disposition.eml')).toEqual(['somefile.jpg']);
    // Content-Type's name counts too, where Content-Disposition has none.
    expect(await names('mikel-mail/mime_emails/raw_email_with_binary_encoded.eml')).toEqual([
      '2013-08-13_19-08-28-1.jpg',
    ]);
  });

  it('names the parts of a report as other help desks do, not attachment-1.txt', async () => {
    const names = async (file: string) => (await parseEmail(readCorpus(file))).attachments.map((a) => a.name);
    expect(await names('mikel-mail/multipart_report_emails/report_530.eml')).toEqual([
      'delivery-status.txt',
      'rfc822-headers.txt',
    ]);
    expect(await names('cpython/msg_16.txt')).toEqual(['delivery-status.txt', '[scr] yeah for Ians!!.eml']);
    expect(await names('postal-mime/arf.eml')).toEqual(['feedback-report.txt']);
    // A part's own description still names it first (Zammad's "Delivery report.txt").
    expect(await names('zammad/mail053.box')).toEqual(['Delivery report.txt', 'Undelivered Message Headers.txt']);
  });

  it('reads the headers of the message a bounce returns', async () => {
    const email = await parseEmail(readCorpus('zammad/mail033-undelivered-mail-returned-to-sender.box'));
    expect(email.returned).toEqual({
      messageId: '<20150830145601.30.608881@edenhofer.zammad.com>',
      inReplyTo: null,
      references: [],
      subject: 'test [Ticket#10010]',
      recipients: ['not_existing@znuny.com'],
      headerNames: expect.arrayContaining(['message-id', 'subject', 'to', 'from']) as unknown,
    });
  });

  it('shows a message dated centuries ahead (spam) as received when it was imported, not on top of the inbox forever', async () => {
    const temp = await openTempStore();
    try {
      expect(
        (await parseEmail(readCorpus('mikel-mail/plain_emails/raw_email_bad_time.eml'))).date?.getUTCFullYear(),
      ).toBe(3609);
      await importFiles(temp.store, [corpusPath('mikel-mail/plain_emails/raw_email_bad_time.eml')]);
      const row = await temp.store.db.selectFrom('message').select('received_at').executeTakeFirstOrThrow();
      expect(row.received_at).toBe(new Date(FIXED_NOW).toISOString());
    } finally {
      await temp.dispose();
    }
  });

  it('leaves a message alone when its headers need no repair (the common case costs a scan)', () => {
    const raw = readCorpus('zammad/mail003.box');
    expect(repairHeaders(raw)).toBe(raw);
  });
});

describeWithBounces('reading real automatic mail', () => {
  it('reads the headers of a returned message that mailparser shows inline (a Hotmail complaint)', async () => {
    const email = await parseEmail(readBounce('bsd/arf-22.eml'));
    expect(email.attachments).toEqual([]);
    expect(email.returned).toMatchObject({
      messageId: '<0000000000fffffffff0000000000000@example.com>',
      subject: 'Nyaan',
      recipients: ['kijitora@example.com'],
    });
    expect(email.returned?.headerNames).toContain('x-hmxmroriginalrecipient');
  });
});

describe('raw 8-bit headers in a charset nobody names', () => {
  /** A Chinese mailer's message: header bytes in GB2312, without RFC 2047 words, and no charset named anywhere. */
  function chineseMail(): Buffer {
    const gb = (text: string) => iconv.encode(text, 'gb2312');
    const crlf = (text: string) => Buffer.from(`${text}\r\n`, 'latin1');
    return Buffer.concat([
      Buffer.from('From: "'),
      gb('张伟'),
      crlf('" <zhang.wei@example.cn>'),
      Buffer.from('Subject: '),
      gb('关于服务器故障的报告'),
      crlf(''),
      crlf('Date: Mon, 02 Mar 2026 08:15:00 +0800'),
      crlf('MIME-Version: 1.0'),
      crlf('Content-Type: multipart/mixed; boundary="part"'),
      crlf(''),
      crlf('--part'),
      crlf('Content-Type: text/plain'),
      crlf(''),
      crlf('See the attached report.'),
      crlf('--part'),
      Buffer.from('Content-Type: application/msword; name="'),
      gb('故障报告'),
      crlf('.doc"'),
      crlf('Content-Transfer-Encoding: base64'),
      crlf(''),
      crlf(Buffer.from('report').toString('base64')),
      crlf('--part--'),
    ]);
  }

  it('decodes them as the detector reads them, in the subject, the sender and an attachment name', async () => {
    const email = await parseEmail(chineseMail());
    expect(email.subject).toBe('关于服务器故障的报告');
    expect(email.from).toEqual({ address: 'zhang.wei@example.cn', name: '张伟' });
    expect(email.attachments.map((a) => a.name)).toEqual(['故障报告.doc']);
  });
});

describe('unreadable mail', () => {
  it('is kept raw and shown as such, with the reason', async () => {
    // mailsplit refuses a header block over 1 MB.
    const raw = Buffer.from(`Subject: huge\r\nX-Junk: ${'a'.repeat(1_100_000)}\r\n\r\nbody\r\n`);
    const temp = await openTempStore();
    try {
      const file = path.join(path.dirname(temp.file), 'huge.eml');
      await writeFile(file, raw);
      const summary = await importFiles(temp.store, [file]);
      expect(summary).toMatchObject({ messages: 1, failed: 1 });
      expect(summary.failures[0]!.reason).toBe(
        'It could not be read as an email (Max header size for a MIME node exceeded); the original is kept.',
      );
      const hash = createHash('sha256').update(raw).digest('hex');
      const row = await temp.store.db.selectFrom('message').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        kind: 'unparsed',
        state: 'untriaged',
        raw_hash: hash,
        subject: '(could not be read)',
      });
      expect((await getBlob(temp.store.db, hash))?.equals(raw)).toBe(true);
    } finally {
      await temp.dispose();
    }
  });
});

describe('uuencode', () => {
  it('decodes lines with and without their begin and end lines', () => {
    const lines = ',2&5L;&\\@6F%M;6%D\n`\n';
    expect(uudecode(lines)?.toString()).toBe('Hello Zammad');
    expect(uudecode(`begin 644 hello.txt\n${lines}end\n`)?.toString()).toBe('Hello Zammad');
  });

  it('leaves text that only looks like a begin line in the body', () => {
    const text = 'Please begin 644 tests before lunch.\nbegin 644 notes.txt\nthis is not uuencode!\nend\n';
    const { text: rest, files } = extractUuencodedFiles(text);
    expect(files).toEqual([]);
    expect(rest).toBe(text);
  });
});
