import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPublicResponse } from '#shared/domain/responses.ts';
import { call } from '../helpers/invoke.ts';
import { startTestSmtp } from '../helpers/smtp-server.ts';
import type { TestSmtp } from '../helpers/smtp-server.ts';
import {
  addMailbox,
  customerMail,
  incidentFromMail,
  mailboxWithOutgoing,
  openSendingDesk,
  outbox,
  parse,
} from './outbox-desk.ts';
import type { SendingDesk } from './outbox-desk.ts';

describe('a public reply from the incident', () => {
  let smtp: TestSmtp;
  let desk: SendingDesk;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    smtp.received.length = 0;
    desk = await openSendingDesk();
  });
  afterEach(async () => {
    await desk.dispose();
  });

  it('reaches the reporter threaded to their mail, with [INC-n], our Message-ID and the agent’s signature', async () => {
    const { core } = desk;
    await addMailbox(core, mailboxWithOutgoing(smtp));
    const incidentId = await incidentFromMail(
      desk,
      customerMail({ cc: 'Lee Colleague <lee@northwind.example>, Service Desk <support@desk.test>' }),
    );
    const detail = await call(core, 'incident/reply', { incidentId, text: 'We are sending a technician.' });
    const number = detail.incident.number!;
    const entry = detail.timeline.find((e) => e.type === 'reply')!;
    expect(entry.reply).toMatchObject({
      automatic: false,
      to: ['dana@northwind.example'],
      cc: ['lee@northwind.example'],
      state: 'queued',
    });
    // Writing to the reporter is a public response (it counts for the SLA clocks), and acknowledges.
    expect(isPublicResponse({ type: entry.type, payload: { automatic: false } })).toBe(true);
    expect(detail.incident.acknowledgedAt).not.toBeNull();

    expect(await core.sendOutbox()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(smtp.received).toHaveLength(1);
    const [delivered] = smtp.received;
    expect(delivered!.from).toBe('support@desk.test');
    expect([...delivered!.to].sort()).toEqual(['dana@northwind.example', 'lee@northwind.example']);
    const mail = await parse(delivered!.raw);
    expect(mail.subject).toBe(`[INC-${number}] Re: The printer on floor 2 jams`);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@desk\.test>$/);
    expect(mail.inReplyTo).toBe('<jam-1@northwind.example>');
    expect(mail.references).toBe('<jam-1@northwind.example>');
    expect(mail.from?.value).toEqual([{ address: 'support@desk.test', name: 'Service Desk' }]);
    expect(mail.headers.get('auto-submitted')).toBeUndefined();
    expect(mail.headers.get('x-loop')).toBe('incident-desk');
    expect(mail.text).toBe(
      'We are sending a technician.\n\n-- \nSam Supervisor\nService Desk, Northwind\nhttps://help.northwind.example\n',
    );

    // The outbox keeps it sent, with its Message-ID fixed when it was made and the raw message as sent.
    const [sent] = await outbox(core);
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, lastError: null, messageId: mail.messageId });
    const raw = await core.store.db
      .selectFrom('blob')
      .select('data')
      .where('hash', '=', sent!.rawHash!)
      .executeTakeFirst();
    expect(Buffer.from(raw!.data).toString('latin1')).toBe(delivered!.raw.toString('latin1'));
    const after = await call(core, 'incident/get', { id: incidentId });
    expect(after.timeline.find((e) => e.type === 'reply')!.reply).toMatchObject({ state: 'sent', lastError: null });
  });

  it('goes to the people the agent chose, and refuses an incident with nobody to write to', async () => {
    const { core } = desk;
    await addMailbox(core, mailboxWithOutgoing(smtp));
    const incidentId = await incidentFromMail(desk, customerMail());
    await call(core, 'incident/reply', {
      incidentId,
      text: 'Copying your manager.',
      to: [{ address: 'dana@northwind.example', name: 'Dana' }],
      cc: [{ address: 'manager@northwind.example', name: 'Zoë Ångström' }],
    });
    await core.sendOutbox();
    const mail = await parse(smtp.received[0]!.raw);
    expect(mail.cc).toMatchObject({ value: [{ address: 'manager@northwind.example', name: 'Zoë Ångström' }] });

    const bare = await call(core, 'incident/create', { title: 'Walk-in', channel: 'walk_in', impact: 3, urgency: 3 });
    const outcome = await core.invoke('incident/reply', { incidentId: bare.incident.id, text: 'Hello' });
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/no reporter/) },
    });
  });

  it('counts a logged call back to the reporter as a public response', async () => {
    const { core } = desk;
    const incidentId = await incidentFromMail(desk, customerMail());
    const detail = await call(core, 'intake/logContact', {
      channel: 'phone',
      contactId: null,
      subject: 'Called Dana back',
      notes: 'Explained the workaround.',
      incidentId,
      direction: 'outbound',
    });
    const call_ = detail.timeline.filter((e) => e.type === 'message').at(-1)!;
    expect(call_.message).toMatchObject({ channel: 'phone', direction: 'outbound' });
    const stored = await core.store.db
      .selectFrom('timeline_event')
      .select(['type', 'payload'])
      .where('id', '=', call_.id)
      .executeTakeFirstOrThrow();
    expect(isPublicResponse({ type: stored.type, payload: JSON.parse(stored.payload) })).toBe(true);
  });
});
