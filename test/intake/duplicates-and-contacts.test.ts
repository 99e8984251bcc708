import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putBlob } from '#core/blobs/blob.repository.ts';
import { parseEmail } from '#core/email/parse-email.ts';
import { contactEntityId, messageEntityId } from '#core/messages/message-ids.ts';
import { call } from '../helpers/invoke.ts';
import { readBounce, readCorpus } from './corpus.ts';
import { ANNA, email, openIntakeDesk } from './intake-desk.ts';
import { describeWithBounces, describeWithCorpus } from './with-corpus.ts';
import type { IntakeDesk } from './intake-desk.ts';

/**
 * Who sent it and whether it is already here, through the real import path: senders become contacts or match
 * one (by address, whatever its case), and duplicates are recognised by Message-ID together with the message's
 * own content (sender, date, subject, body and attachments; not how it travelled), or by content alone when it
 * has no Message-ID, so importing the same mailbox twice adds nothing and two mails sharing an id are two.
 */
let desk: IntakeDesk;

beforeEach(async () => {
  desk = await openIntakeDesk();
});

afterEach(async () => {
  await desk.dispose();
});

describe('a customer writes in', () => {
  it('waits in the inbox, and the sender becomes a contact with the name they gave', async () => {
    const summary = await desk.importMail(
      email({ from: ANNA, subject: 'Printer prints blank pages', messageId: '<a1@northwind.example>' }),
    );
    expect(summary).toMatchObject({ messages: 1, imported: 1, threaded: 0, automatic: 0, duplicate: 0, failed: 0 });
    const message = await desk.messageWithId('<a1@northwind.example>');
    expect(message).toMatchObject({
      state: 'untriaged',
      kind: 'message',
      incident_id: null,
      from_address: 'anna.berg@northwind.example',
    });
    const contact = await desk.core.store.db
      .selectFrom('contact')
      .selectAll()
      .where('id', '=', message.contact_id!)
      .executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ name: 'Anna Berg', email: 'anna.berg@northwind.example' });
    // The same address on every workstation makes the same contact.
    expect(contact.id).toBe(contactEntityId('anna.berg@northwind.example'));
  });

  it('matches the contact again, whatever the case of the address, and one an agent entered by hand', async () => {
    const saved = await call(desk.core, 'contact/save', {
      name: 'Bo Lind',
      email: 'Bo.Lind@Northwind.example',
      phone: null,
      organisation: 'Northwind',
    });
    await desk.importMail(
      email({ from: ANNA, subject: 'Printer', messageId: '<c1@northwind.example>' }),
      email({
        from: 'ANNA BERG <Anna.Berg@NORTHWIND.example>',
        subject: 'Printer again',
        messageId: '<c2@northwind.example>',
      }),
      email({ from: 'Bo <bo.lind@northwind.example>', subject: 'Scanner', messageId: '<c3@northwind.example>' }),
    );
    const first = await desk.messageWithId('<c1@northwind.example>');
    expect((await desk.messageWithId('<c2@northwind.example>')).contact_id).toBe(first.contact_id);
    expect((await desk.messageWithId('<c3@northwind.example>')).contact_id).toBe(saved.id);
    expect(await desk.countOf('contact')).toBe(2);
  });
});

describe('duplicates', () => {
  it('the same Message-ID again is a duplicate, even with other transport headers', async () => {
    const first = email({ from: ANNA, subject: 'Printer', messageId: '<d1@northwind.example>' });
    const relayed = Buffer.concat([
      Buffer.from('Received: from relay.example by mx.example; Mon, 2 Mar 2026 08:16:00 +0000\r\n'),
      first,
    ]);
    expect(await desk.importMail(first)).toMatchObject({ imported: 1 });
    expect(await desk.importMail(relayed)).toMatchObject({ messages: 1, duplicate: 1, imported: 0 });
    expect(await desk.countOf('message')).toBe(1);
  });

  it('another delivery of the same mail is a duplicate: other Return-Path, Delivered-To, an envelope line, LF', async () => {
    const first = email({ from: ANNA, subject: 'Printer', messageId: '<d2@northwind.example>' });
    const delivered = Buffer.from(
      `From anna.berg@northwind.example Mon Mar  2 08:16:00 2026\nReturn-Path: <bounce-77@northwind.example>\n` +
        `Delivered-To: support@desk.example\n${first.toString('latin1').replace(/\r\n/g, '\n')}`,
      'latin1',
    );
    expect(await desk.importMail(first)).toMatchObject({ imported: 1 });
    expect(await desk.importMail(delivered)).toMatchObject({ messages: 1, duplicate: 1, imported: 0 });
    expect(await desk.countOf('message')).toBe(1);
  });

  it('two different mails that share a Message-ID are two', async () => {
    const one = email({ from: ANNA, subject: 'Printer', messageId: '<same@northwind.example>' });
    const two = email({ from: ANNA, subject: 'Scanner', messageId: '<same@northwind.example>', body: 'Jammed.' });
    expect(await desk.importMail(one)).toMatchObject({ imported: 1 });
    expect(await desk.importMail(two)).toMatchObject({ imported: 1, duplicate: 0 });
    expect(await desk.importMail(one, two)).toMatchObject({ duplicate: 2 });
    expect(await desk.countOf('message')).toBe(2);
  });

  it('without a Message-ID, the same bytes are a duplicate and different bytes are not', async () => {
    const one = email({ from: ANNA, subject: 'No id, first' });
    const two = email({ from: ANNA, subject: 'No id, second' });
    expect(await desk.importMail(one, two)).toMatchObject({ imported: 2 });
    expect(await desk.importMail(one)).toMatchObject({ duplicate: 1 });
    expect(await desk.countOf('message')).toBe(2);
  });

  it('the same message twice in one mbox is stored once', async () => {
    const raw = email({ from: ANNA, subject: 'Twice', messageId: '<twice@northwind.example>' });
    expect(await desk.importMail(raw, raw)).toMatchObject({ messages: 2, imported: 1, duplicate: 1 });
  });

  it('importing the same mailbox twice adds nothing', async () => {
    const { messageId } = await desk.reportedIncident();
    const mailbox = [
      email({ from: ANNA, subject: 'Re: Printer', messageId: '<m1@northwind.example>', inReplyTo: messageId }),
      email({ from: 'Bo <bo@northwind.example>', subject: 'VPN', messageId: '<m2@northwind.example>' }),
      email({
        from: 'News <news@vendor.example>',
        subject: 'Offers',
        messageId: '<m3@vendor.example>',
        headers: ['Precedence: bulk'],
      }),
      email({ from: ANNA, subject: 'No id' }),
    ];
    expect(await desk.importMail(...mailbox)).toMatchObject({
      messages: 4,
      imported: 2,
      threaded: 1,
      automatic: 1,
      duplicate: 0,
    });
    const counts = [await desk.countOf('message'), await desk.countOf('incident'), await desk.countOf('contact')];
    expect(await desk.importMail(...mailbox)).toMatchObject({
      messages: 4,
      imported: 0,
      threaded: 0,
      automatic: 0,
      duplicate: 4,
    });
    expect([await desk.countOf('message'), await desk.countOf('incident'), await desk.countOf('contact')]).toEqual(
      counts,
    );
  });
});

describeWithCorpus('duplicates in real mail', () => {
  it('two different mails that share a Message-ID are two (Zammad’s mail110 and mail112)', async () => {
    const [text, mixed] = [readCorpus('zammad/mail110.box'), readCorpus('zammad/mail112.box')];
    expect((await parseEmail(text)).messageId).toBe((await parseEmail(mixed)).messageId);
    expect(await desk.importMail(text, mixed)).toMatchObject({ messages: 2, imported: 2, duplicate: 0 });
    expect(await desk.countOf('message')).toBe(2);
  });

  it('the same mail with CRLF and with LF line endings is one (the mail gem’s basic_email and basic_email_lf)', async () => {
    expect(await desk.importMail(readCorpus('mikel-mail/plain_emails/basic_email.eml'))).toMatchObject({ imported: 1 });
    expect(await desk.importMail(readCorpus('mikel-mail/plain_emails/basic_email_lf.eml'))).toMatchObject({
      duplicate: 1,
    });
    expect(await desk.countOf('message')).toBe(1);
  });
});

describeWithBounces('duplicates in real automatic mail', () => {
  it('the same bounce with LF, CRLF and CR alone is one', async () => {
    const copies = ['bsd', 'dos', 'mac'].map((folder) => readBounce(`${folder}/lhost-postfix-01.eml`));
    expect(await desk.importMail(copies[0]!)).toMatchObject({ automatic: 1 });
    expect(await desk.importMail(copies[1]!)).toMatchObject({ duplicate: 1 });
    expect(await desk.importMail(copies[2]!)).toMatchObject({ duplicate: 1 });
    expect(await desk.countOf('message')).toBe(1);
  });
});

describe('two workstations', () => {
  it('importing the same mail, one from an mbox with LF and one from an .eml with CRLF, make the same message', async () => {
    const other = await openIntakeDesk();
    try {
      const mail = email({ from: ANNA, subject: 'Printer', messageId: '<converge@northwind.example>' });
      const asLf = Buffer.from(mail.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
      await desk.importMail(mail);
      await other.importMail(asLf, email({ from: ANNA, subject: 'Other', messageId: '<o@northwind.example>' }));
      const here = await desk.messageWithId('<converge@northwind.example>');
      const there = await other.messageWithId('<converge@northwind.example>');
      expect(there.id).toBe(here.id);
    } finally {
      await other.dispose();
    }
  });
});

describe('a workspace with messages imported before their content counted', () => {
  /** A message as the importer stored it then: its id from its Message-ID alone, its raw copy kept. */
  async function storedAsBefore(raw: Buffer, options: { keepRaw: boolean }): Promise<string> {
    const parsed = await parseEmail(raw);
    const rawHash = createHash('sha256').update(raw).digest('hex');
    const id = messageEntityId(parsed.messageId, rawHash);
    await desk.core.store.command(null, async (tx, recorder) => {
      if (options.keepRaw) await putBlob(tx, raw, rawHash);
      const fields = {
        channel: 'email',
        kind: 'message',
        state: 'untriaged',
        receivedAt: '2026-03-02T08:15:00.000Z',
        fromAddress: parsed.from?.address ?? null,
        fromName: parsed.from?.name ?? null,
        subject: parsed.subject,
        preview: parsed.text.slice(0, 240),
        bodyText: parsed.text,
        messageId: parsed.messageId,
        rawHash,
        source: 'import: before.eml',
      };
      for (const [field, value] of Object.entries(fields)) recorder.set('message', id, field, value);
    });
    return id;
  }

  const first = email({ from: ANNA, subject: 'Printer', messageId: '<before@northwind.example>' });
  const relayed = Buffer.concat([
    Buffer.from('Received: from relay.example by mx.example; Mon, 2 Mar 2026\r\n'),
    first,
  ]);
  const other = email({ from: ANNA, subject: 'Scanner', messageId: '<before@northwind.example>', body: 'Jammed.' });

  it('finds them again: the same file and another delivery of it add nothing, a different mail is added', async () => {
    const id = await storedAsBefore(first, { keepRaw: true });
    expect(await desk.importMail(first)).toMatchObject({ duplicate: 1 });
    expect(await desk.importMail(relayed)).toMatchObject({ duplicate: 1 });
    expect(await desk.countOf('message')).toBe(1);
    expect(await desk.importMail(other)).toMatchObject({ imported: 1 });
    expect(await desk.countOf('message')).toBe(2);
    expect((await desk.messageWithId('<before@northwind.example>')).id).toBeDefined();
    expect(id).toBe(messageEntityId('<before@northwind.example>', createHash('sha256').update(first).digest('hex')));
  });

  it('finds them by what was stored where the raw copy is on another workstation', async () => {
    await storedAsBefore(first, { keepRaw: false });
    expect(await desk.importMail(relayed)).toMatchObject({ duplicate: 1 });
    expect(await desk.importMail(other)).toMatchObject({ imported: 1 });
    expect(await desk.countOf('message')).toBe(2);
  });
});
