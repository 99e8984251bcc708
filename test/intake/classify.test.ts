import { describe, expect, it } from 'vitest';
import { classifyEmail, classifyMessage, deliveryFailure } from '#core/email/classify.ts';
import { parseEmail } from '#core/email/parse-email.ts';
import type { MessageKind } from '#shared/domain/intake.ts';
import { readBounce, readCorpus } from './corpus.ts';
import { describeWithBounces, describeWithCorpus } from './with-corpus.ts';

/**
 * What a message is, from the headers real mail carries: the corpus messages as they are, and real messages
 * with one real header line added (taken from a corpus message where it appears) where the corpus has no
 * message in which that header alone decides.
 */
async function classify(raw: Buffer) {
  return classifyEmail(await parseEmail(raw));
}

/** A real message with header lines put at the top, as a relay or the sender's system would add them. */
function withHeaders(file: string, ...lines: string[]): Buffer {
  return Buffer.concat([Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'latin1'), readCorpus(file)]);
}

/** A person's message: Günther asks to join a beta test (Thunderbird, no automatic headers). */
const PERSON = 'zammad/mail003.box';

interface Case {
  readonly name: string;
  readonly raw: () => Buffer;
  readonly kind: MessageKind;
  readonly reason: RegExp;
}

const CASES: readonly Case[] = [
  {
    name: 'a person writing',
    raw: () => readCorpus(PERSON),
    kind: 'message',
    reason: /^$/,
  },
  {
    name: 'Postfix bounce: multipart/report delivery-status from MAILER-DAEMON, the failed address named',
    raw: () => readCorpus('zammad/mail033-undelivered-mail-returned-to-sender.box'),
    kind: 'bounce',
    reason: /^Delivery to not_existing@znuny\.com failed \(5\.1\.1: 550 5\.1\.1/,
  },
  {
    name: 'a bounce whose From is "MAILER-DAEMON (Mail Delivery System)", no domain',
    raw: () => readCorpus('zammad/mail053.box'),
    kind: 'bounce',
    reason: /^Delivery to john_example@example\.com failed/,
  },
  {
    name: 'sendmail bounce for several recipients',
    raw: () => readCorpus('mikel-mail/multipart_report_emails/multi_address_bounce1.eml'),
    kind: 'bounce',
    reason: /^Delivery to bbbbvhvbbvkjbhfbvbvjhb@gmail\.com and 4 more failed/,
  },
  {
    name: 'a delay warning is a delivery report too, saying it is delayed',
    raw: () => readCorpus('mikel-mail/multipart_report_emails/report_422.eml'),
    kind: 'bounce',
    reason: /^Delivery to fraser@oooooooo\.com\.au is delayed \(4\.2\.2/,
  },
  {
    name: 'Amazon SES bounce from MAILER-DAEMON@amazonses.com',
    raw: () => readCorpus('mailparser/delivery-status.eml'),
    kind: 'bounce',
    reason: /^Delivery to xxxx@xxxx\.com failed \(5\.1\.1/,
  },
  {
    name: 'a postmaster reporting a failure (multipart/report without report-type, Return-Path <>)',
    raw: () => readCorpus('cpython/msg_16.txt'),
    kind: 'bounce',
    reason: /^Delivery to jangel1@cougar\.noc\.ucla\.edu failed/,
  },
  {
    name: 'a bounce recognised by its sender name "Mail Delivery Subsystem" alone',
    raw: () => readCorpus('cpython/msg_42.txt'),
    kind: 'bounce',
    reason: /Sent by the mail system \(Mail Delivery Subsystem\)/,
  },
  {
    name: 'an abuse feedback report (ARF) is an abuse report, not a person and not an automatic reply',
    raw: () => readCorpus('postal-mime/arf.eml'),
    kind: 'abuse_report',
    reason: /^An abuse report \(RFC 5965 feedback report\)/,
  },
  {
    name: 'a delivery status report of success (Action: delivered, 2.0.0) is a delivery notice, not a bounce',
    raw: () =>
      Buffer.from(
        readCorpus('zammad/mail033-undelivered-mail-returned-to-sender.box')
          .toString('latin1')
          .replace('Action: failed', 'Action: delivered')
          .replace('Status: 5.1.1', 'Status: 2.0.0'),
        'latin1',
      ),
    kind: 'delivery_notice',
    reason: /^Delivered to not_existing@znuny\.com \(2\.0\.0\)\.$/,
  },
  {
    name: 'a ServiceNow notification: Auto-Submitted: auto-generated',
    raw: () => readCorpus('zammad/mail089.box'),
    kind: 'auto_reply',
    reason: /^Auto-Submitted: auto-generated\.$/,
  },
  {
    name: 'Auto-Submitted: auto-replied (as mail055 carries it) on a person’s message',
    raw: () => withHeaders(PERSON, 'Auto-Submitted: auto-replied'),
    kind: 'auto_reply',
    reason: /^Auto-Submitted: auto-replied\.$/,
  },
  {
    name: 'Auto-Submitted: no is a person',
    raw: () => withHeaders(PERSON, 'Auto-Submitted: no'),
    kind: 'message',
    reason: /^$/,
  },
  {
    name: 'X-Auto-Response-Suppress: All (Exchange, as on mail055)',
    raw: () => withHeaders(PERSON, 'X-Auto-Response-Suppress: All'),
    kind: 'auto_reply',
    reason: /^X-Auto-Response-Suppress: All/,
  },
  {
    name: 'a newsletter with Precedence: bulk and List-Unsubscribe',
    raw: () => readCorpus('zammad/mail043.box'),
    kind: 'mailing_list',
    reason: /^Precedence: bulk\.$/,
  },
  {
    name: 'spam with Precedence: junk',
    raw: () => readCorpus('mikel-mail/error_emails/bad_date_header.eml'),
    kind: 'auto_reply',
    reason: /^Precedence: junk\.$/,
  },
  {
    name: 'a FreeBSD list message: Precedence: bulk beside X-Loop: FreeBSD.org',
    raw: () => readCorpus('cpython/msg_32.txt'),
    kind: 'mailing_list',
    reason: /^Precedence: bulk\.$/,
  },
  {
    name: 'a mailing list message with List-Id only',
    raw: () => readCorpus('mikel-mail/error_emails/empty_in_reply_to.eml'),
    kind: 'mailing_list',
    reason: /^Sent through a mailing list \(abuser@rg\.com Mailing List\)\.$/,
  },
  {
    name: 'List-Unsubscribe alone (as mail043 carries it)',
    raw: () =>
      withHeaders(PERSON, 'List-Unsubscribe: <http://www.example.com/unsubscribe>, <mailto:unsubscribe@example.com>'),
    kind: 'mailing_list',
    reason: /^Sent through a mailing list/,
  },
  {
    name: 'Return-Path: <> (the null sender of automatic mail)',
    raw: () => readCorpus('zammad/mail035.box'),
    kind: 'auto_reply',
    reason: /Return-Path: <>/,
  },
  {
    name: 'another system’s X-Loop (as cpython msg_32 carries it) on a person’s message',
    raw: () => withHeaders(PERSON, 'X-Loop: FreeBSD.org'),
    kind: 'loop',
    reason: /^Another system marked it X-Loop: FreeBSD\.org\.$/,
  },
  {
    name: 'our own notification coming back: X-Loop: incident-desk',
    raw: () => withHeaders(PERSON, 'X-Loop: incident-desk'),
    kind: 'loop',
    reason: /Incident Desk sent/,
  },
  {
    name: 'our own notification coming back: X-Incident-Desk, even with Auto-Submitted',
    raw: () => withHeaders(PERSON, 'Auto-Submitted: auto-replied', 'X-Incident-Desk: INC-12'),
    kind: 'loop',
    reason: /Incident Desk sent/,
  },
];

describeWithCorpus('what a message is, from real headers', () => {
  for (const { name, raw, kind, reason } of CASES) {
    it(name, async () => {
      const found = await classify(raw());
      expect(found.kind).toBe(kind);
      expect(found.reason ?? '').toMatch(reason);
    });
  }
});

/** Real automatic mail of the bounce corpus that the intake called a person's message or the wrong kind. */
const AUTOMATIC: readonly { file: string; kind: MessageKind; reason: RegExp }[] = [
  { file: 'bsd/lhost-dragonfly-02.eml', kind: 'bounce', reason: /^Sent by the mail system \(MAILER-DAEMON <>\)\.$/ },
  { file: 'bsd/lhost-dragonfly-28.eml', kind: 'bounce', reason: /^Sent by the mail system/ },
  { file: 'bsd/lhost-trendmicro-01.eml', kind: 'bounce', reason: /^A delivery failure from InterScan MSS\.$/ },
  { file: 'bsd/lhost-trendmicro-03.eml', kind: 'bounce', reason: /^A delivery failure from/ },
  { file: 'bsd/lhost-fml-02.eml', kind: 'bounce', reason: /^The mailing list refused the message/ },
  { file: 'bsd/lhost-amazonses-10.eml', kind: 'bounce', reason: /^Amazon SES reports a message it could not deliver/ },
  { file: 'bsd/lhost-amazonses-12.eml', kind: 'delivery_notice', reason: /^Amazon SES reports a message delivered/ },
  { file: 'bsd/lhost-kddi-02.eml', kind: 'bounce', reason: /returning a message it could not deliver/ },
  { file: 'bsd/lhost-verizon-01.eml', kind: 'bounce', reason: /^Sent by the mail system \(MMSC NDR Administrator\)/ },
  { file: 'bsd/lhost-mfilter-03.eml', kind: 'bounce', reason: /^A delivery failure \("failure notice"\)/ },
  // multipart/report without a report-type, from "Mail Delivery System".
  { file: 'bsd/lhost-x3-02.eml', kind: 'bounce', reason: /^Sent by the mail system \(Mail Delivery System\)/ },
  { file: 'bsd/arf-20.eml', kind: 'abuse_report', reason: /RFC 5965/ },
  // Hotmail's junk mail reports: the complaint's own format, the reported message inline.
  { file: 'bsd/arf-22.eml', kind: 'abuse_report', reason: /^A complaint about mail sent from here/ },
  { file: 'bsd/arf-26.eml', kind: 'abuse_report', reason: /^An unsubscribe request sent by Apple Mail/ },
  // Auto-Submitted: auto-replied with the null sender, and nothing failed: an automatic reply.
  { file: 'bsd/rfc3834-05.eml', kind: 'auto_reply', reason: /^Auto-Submitted: auto-replied\.$/ },
  { file: 'mac/rfc3464-01.eml', kind: 'bounce', reason: /^Delivery to/ },
];

describeWithBounces('what real automatic mail is', () => {
  for (const { file, kind, reason } of AUTOMATIC) {
    it(`${file} is ${kind}`, async () => {
      const found = await classify(readBounce(file));
      expect(found.kind).toBe(kind);
      expect(found.reason ?? '').toMatch(reason);
    });
  }
});

describe('auto-reply subjects', () => {
  const headers = new Map<string, string>();
  const kindOf = (subject: string) =>
    classifyMessage({ headers, from: 'someone@example.com', subject, contentType: 'text/plain' }).kind;

  for (const subject of [
    'Automatic reply: [INC-12] Printer on floor 3',
    'Automatische Antwort: Drucker',
    'Abwesenheitsnotiz: Drucker',
    'Out of Office: Printer',
    'Réponse automatique : Imprimante',
    'AUTO: Anna Smith is out of the office (returning 03/09/2026)',
    'Autoreply: your message',
  ]) {
    it(`"${subject}" is an automatic reply`, () => expect(kindOf(subject)).toBe('auto_reply'));
  }

  for (const subject of ['Absence request form does not open', 'Automatic replies are not sent', 'Out of paper']) {
    it(`"${subject}" is a person's subject`, () => expect(kindOf(subject)).toBe('message'));
  }
});

describe('delivery status reports', () => {
  it('names the failed recipients and the reason, not the delayed or delivered ones', () => {
    const report = [
      'Reporting-MTA: dns; mx1.example.com',
      '',
      'Final-Recipient: rfc822; ok@example.com',
      'Action: delivered',
      'Status: 2.0.0',
      '',
      'Final-Recipient: rfc822; gone@example.com',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
    ].join('\r\n');
    expect(deliveryFailure(report)).toBe('Delivery to gone@example.com failed (5.1.1: 550 5.1.1 User unknown).');
  });

  it('says nothing when the report names no recipient', () => {
    expect(deliveryFailure('Reporting-MTA: dns; mx1.example.com\r\n')).toBeNull();
  });
});
