import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactEntityId } from '#core/messages/message-ids.ts';
import { call } from '../helpers/invoke.ts';
import { ANNA, email, openIntakeDesk } from './intake-desk.ts';
import type { IntakeDesk } from './intake-desk.ts';

/**
 * Who sent it and whether it is already here, through the real import path: senders become contacts or match
 * one (by address, whatever its case), and duplicates are recognised by Message-ID, or by content when there
 * is none, so importing the same mailbox twice adds nothing.
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
