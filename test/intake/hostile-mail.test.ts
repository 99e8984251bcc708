import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { MAX_CHANGE_VALUE_BYTES } from '#shared/change.ts';
import { importEmails } from '#core/email/import-email.ts';
import { contentKey } from '#core/email/mail-identity.ts';
import { emailEntityId } from '#core/messages/message-ids.ts';
import { isEnvelopeLine, envelopeDate } from '#core/email/mbox.ts';
import { safeFileName } from '#core/email/attachment-names.ts';
import { parseEmail } from '#core/email/parse-email.ts';
import { extractUuencodedFiles } from '#core/email/uuencode.ts';
import { ANNA, email, openIntakeDesk } from './intake-desk.ts';
import type { IntakeDesk } from './intake-desk.ts';

/**
 * Mail written to hurt: whatever a sender puts in a message, reading it takes time in proportion to its size
 * (one mail must never stall a mailbox), file names stay names, and what is recorded fits a change. The
 * inputs below took minutes each with the patterns they replaced; the test timeout is the guard against a
 * hang, not a measure of speed.
 */
const HANG_GUARD_MS = 30_000;

describe('reading takes time in proportion to the mail', () => {
  it(
    'a returned message whose To is a megabyte of one long word',
    async () => {
      const raw = Buffer.from(
        [
          'From: Mail Delivery System <MAILER-DAEMON@mx.example>',
          'To: support@desk.example',
          'Subject: Undelivered Mail Returned to Sender',
          'MIME-Version: 1.0',
          'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
          '',
          '--b',
          'Content-Type: text/plain',
          '',
          'Returned.',
          '--b',
          'Content-Type: text/rfc822-headers',
          '',
          `To: ${'a@'.repeat(500_000)}`,
          'Subject: [INC-1] x',
          '',
          '--b--',
          '',
        ].join('\r\n'),
      );
      const parsed = await parseEmail(raw);
      expect(parsed.returned?.recipients.length).toBeLessThanOrEqual(20);
    },
    HANG_GUARD_MS,
  );

  it(
    'a body of two hundred thousand uuencode begin lines with no end',
    () => {
      const text = 'begin 644 x\n'.repeat(200_000);
      const { text: rest, files } = extractUuencodedFiles(text);
      expect(files).toEqual([]);
      expect(rest).toBe(text);
    },
    HANG_GUARD_MS,
  );

  it('still takes a uuencoded file out of a body, and leaves what does not decode', () => {
    const body = ['Report attached.', 'begin 644 a.txt', '#:&D*', '`', 'end', 'Thanks,', 'Grace'].join('\n');
    const { text, files } = extractUuencodedFiles(body);
    expect(files.map((f) => [f.name, f.content.toString()])).toEqual([['a.txt', 'hi\n']]);
    expect(text).toBe('Report attached.\nThanks,\nGrace');
    const broken = ['begin 644 b.txt', '!!!not uuencode', 'end', 'after'].join('\n');
    expect(extractUuencodedFiles(broken)).toEqual({ text: broken, files: [] });
  });

  it(
    'an envelope line of a megabyte is not an envelope, and is turned down at once',
    () => {
      const line = `From a Mon ${'1:11 '.repeat(200_000)}`;
      expect(isEnvelopeLine(line, true)).toBe(false);
      expect(isEnvelopeLine(line, false)).toBe(false);
      expect(envelopeDate(`From a b${' '.repeat(1_000_000)}x`)).toBeNull();
      // A real one still is.
      expect(isEnvelopeLine('From anna@northwind.example Mon Mar  2 08:15:00 2026', false)).toBe(true);
    },
    HANG_GUARD_MS,
  );

  it(
    'two thousand From headers after a broken first one',
    async () => {
      const raw = Buffer.from(
        [
          'From: broken',
          ...Array.from({ length: 2_000 }, () => 'From: still broken'),
          'Subject: x',
          '',
          'Body',
          '',
        ].join('\r\n'),
      );
      await expect(parseEmail(raw)).resolves.toMatchObject({ subject: 'x' });
    },
    HANG_GUARD_MS,
  );
});

describe('attachment names', () => {
  it.each([
    ['a\u2028/../../x', 'x'],
    ['x\n/../y', 'y'],
    ['. ..', 'attachment-1.pdf'],
    ['..', 'attachment-1.pdf'],
    ['C:\\Users\\me\\report.pdf', 'report.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['tab\tname.pdf', 'tab_name.pdf'],
    ['con.pdf', '_con.pdf'],
    ['report.pdf. ', 'report.pdf'],
    ['Grüße.pdf', 'Grüße.pdf'],
  ])('%j is saved and shown as %j', (name, safe) => {
    expect(safeFileName(name, 'application/pdf', 0)).toBe(safe);
  });
});

describe('what is recorded', () => {
  let desk: IntakeDesk;

  beforeEach(async () => {
    desk = await openIntakeDesk();
  });

  afterEach(async () => {
    await desk.dispose();
  });

  async function largestValue(): Promise<number> {
    const row = await desk.core.store.db
      .selectFrom('change')
      .select(sql<number>`max(length(value))`.as('largest'))
      .executeTakeFirstOrThrow();
    return Number(row.largest);
  }

  it('fits a change when a reply to a closed incident has a subject of seventy thousand characters', async () => {
    const { detail, messageId } = await desk.reportedIncident('closed');
    const summary = await desk.importMail(
      email({
        from: ANNA,
        subject: `Re: [INC-${detail.incident.number}] ${'A'.repeat(70_000)}`,
        messageId: '<long-reply@northwind.example>',
        inReplyTo: messageId,
        headers: [`X-Long: ${'"'.repeat(1_000)}`],
        body: '\u0001'.repeat(30_000),
      }),
    );
    expect(summary).toMatchObject({ threaded: 1, failed: 0 });
    expect(await largestValue()).toBeLessThanOrEqual(MAX_CHANGE_VALUE_BYTES);
    const reply = await desk.messageWithId('<long-reply@northwind.example>');
    const started = await desk.incident(reply.incident_id!);
    expect(started.incident.id).not.toBe(detail.incident.id);
    expect(started.incident.title.length).toBeLessThanOrEqual(200);
    expect(started.incident.title.startsWith(`Re: [INC-${detail.incident.number}] AAA`)).toBe(true);
  });

  it('fits a change when an automatic reply explains itself with a long header', async () => {
    const summary = await desk.importMail(
      email({
        from: 'Robot <robot@vendor.example>',
        subject: 'Automatic reply',
        messageId: '<auto-long@vendor.example>',
        headers: [`Auto-Submitted: auto-replied; ${'x'.repeat(70_000)}`],
      }),
    );
    expect(summary).toMatchObject({ automatic: 1, failed: 0 });
    expect(await largestValue()).toBeLessThanOrEqual(MAX_CHANGE_VALUE_BYTES);
  });

  it('keeps the id of a message stored raw after storing it parsed failed, so a later import finds it', async () => {
    const raw = email({ from: ANNA, subject: 'Printer', messageId: '<kept-id@northwind.example>' });
    const { value } = await desk.core.store.command(null, (tx, recorder) =>
      importEmails(tx, recorder, [
        {
          raw,
          parsed: new Error('storing it failed: a reference is gone'),
          source: { source: 'test' },
          messageId: '<kept-id@northwind.example>',
        },
      ]),
    );
    expect(value[0]).toMatchObject({
      kind: 'failed',
      id: emailEntityId('<kept-id@northwind.example>', contentKey(raw)),
    });
    const again = await desk.importMail(raw);
    expect(again).toMatchObject({ duplicate: 1, imported: 0 });
    expect(await desk.countOf('message')).toBe(1);
  });
});
