import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '#core/index.ts';
import { queueOutgoingMail } from '#core/outbox/outgoing-mail.service.ts';
import { pushOk, TestDevice } from '../helpers/hub-requests.ts';
import { call } from '../helpers/invoke.ts';
import { startTestSmtp } from '../helpers/smtp-server.ts';
import type { TestSmtp } from '../helpers/smtp-server.ts';
import { startTeamWorkstations } from '../helpers/team-workstations.ts';
import type { TeamWorkstations } from '../helpers/team-workstations.ts';
import { addMailbox, mailboxWithOutgoing, withoutAutomaticMail } from '../outbox/outbox-desk.ts';

/**
 * DESIGN §8: nothing a member's device sends may speak for another device. A person's mail goes out from the
 * workstation that wrote it (its `sender`), through that workstation's SMTP account. A device that pushes an
 * outgoing mail naming another workstation as its sender must not get it sent from there.
 */
let team: TeamWorkstations;
let smtp: TestSmtp;
let sam: Core;
let mailboxId: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  team = await startTeamWorkstations();
  // Sends only when told (sendOutbox), so what it sends is what the test let it see.
  sam = await team.join('Sam Supervisor', { duties: true, autoSync: false });
  await withoutAutomaticMail(sam);
  mailboxId = (await addMailbox(sam, mailboxWithOutgoing(smtp))).id;
  await sam.sync.syncNow();
}, 120_000);

afterAll(async () => {
  await team?.close();
  await smtp?.close();
});

describe('mail another device says is this one’s', () => {
  it('is not sent from this workstation; its own mail still is', async () => {
    const mallory = await team.hub.addAgent('Mallory Member');
    const device = new TestDevice(`ws-mallory-${uuidv7()}`, Date.now, mallory.id);
    const planted = uuidv7();
    const fields = {
      mailboxId,
      sender: sam.store.deviceId,
      to: [{ address: 'victim@customer.example', name: 'Victim' }],
      subject: 'Your password expires today',
      text: 'Sign in at https://evil.example to keep it.',
      messageId: `<${planted}@desk.example>`,
      state: 'queued',
      createdAt: new Date().toISOString(),
    };
    const answer = await pushOk(
      team.hub.url,
      mallory.token,
      device.id,
      Object.entries(fields).map(([field, value]) => device.set('outgoing', planted, field, value)),
    );
    expect(answer.rejected).toEqual([]);
    await sam.sync.syncNow();

    const own = await sam.store.command(null, (tx, rec) =>
      queueOutgoingMail(tx, rec, {
        incidentId: null,
        mailboxId,
        automatic: false,
        authorId: null,
        to: [{ address: 'dana@northwind.example', name: 'Dana' }],
        subject: 'Your printer',
        text: 'It is fixed.',
      }),
    );
    expect(own.value).toBeTruthy();
    await sam.sendOutbox();
    expect(smtp.received.flatMap((mail) => mail.to)).toEqual(['dana@northwind.example']);
  });

  it('is not sent when another device rewrote whom it goes to; the desk holds it', async () => {
    const mallory = await team.hub.addAgent('Mallory Again');
    const device = new TestDevice(`ws-mallory-${uuidv7()}`, Date.now, mallory.id);
    const received = smtp.received.length;
    const { value: id } = await sam.store.command(null, (tx, rec) =>
      queueOutgoingMail(tx, rec, {
        incidentId: null,
        mailboxId,
        automatic: false,
        authorId: null,
        to: [{ address: 'erin@northwind.example', name: 'Erin' }],
        subject: 'Your laptop',
        text: 'Ready for pick-up.',
      }),
    );
    const rewrite = device.set('outgoing', id, 'to', [{ address: 'victim@customer.example', name: 'Erin' }]);
    expect((await pushOk(team.hub.url, mallory.token, device.id, [rewrite])).accepted).toEqual([rewrite.id]);
    await sam.sync.syncNow();
    await sam.sendOutbox();
    expect(smtp.received.slice(received)).toEqual([]);
  });

  it('is sent by the workstation of the agent who retried it, once: a retry takes a mail over', async () => {
    const tom = await team.join('Tom Supervisor', { duties: true, autoSync: false });
    const received = smtp.received.length;
    const { value: id } = await sam.store.command(null, (tx, rec) =>
      queueOutgoingMail(tx, rec, {
        incidentId: null,
        mailboxId,
        automatic: false,
        authorId: null,
        to: [{ address: 'fay@northwind.example', name: 'Fay' }],
        subject: 'Your phone',
        text: 'Replaced.',
      }),
    );
    await sam.sync.syncNow();
    await tom.sync.syncNow();
    await call(tom, 'outbox/retry', { id });
    await tom.sync.syncNow();
    await sam.sync.syncNow();
    await sam.sendOutbox();
    await tom.sendOutbox();
    expect(smtp.received.slice(received).map((mail) => mail.to)).toEqual([['fay@northwind.example']]);
  });

  it('marked automatic is sent by the duties only to the incident’s reporter or the team’s agents', async () => {
    // The holder of the automation lease sends automatic mail, whoever queued it.
    const hal = await team.join('Hal Holder', { duties: true });
    await vi.waitFor(() => expect(hal.sync.status.automation).toBe(true), { timeout: 60_000, interval: 100 });
    const mallory = await team.hub.addAgent('Mallory Relay');
    const device = new TestDevice(`ws-mallory-${uuidv7()}`, Date.now, mallory.id);
    const received = smtp.received.length;
    const plant = async (address: string) => {
      const id = uuidv7();
      const fields = {
        mailboxId,
        automatic: true,
        sender: 'automation',
        to: [{ address, name: 'Someone' }],
        subject: 'Action required',
        text: 'Sign in at https://evil.example.',
        messageId: `<${id}@desk.example>`,
        state: 'queued',
        createdAt: new Date().toISOString(),
      };
      const changes = Object.entries(fields).map(([field, value]) => device.set('outgoing', id, field, value));
      expect((await pushOk(team.hub.url, mallory.token, device.id, changes)).rejected).toEqual([]);
      return id;
    };
    const toStranger = await plant('victim@customer.example');
    const toAgent = await plant(mallory.email);
    await hal.sync.syncNow();
    await hal.sendOutbox();
    // To one of the team it goes, as a rule's notice would; to a stranger the team's account relays nothing.
    expect(smtp.received.slice(received).map((mail) => mail.to)).toEqual([[mallory.email]]);
    const failed = await call(hal, 'outbox/list', { states: ['failed'] });
    expect(failed.find((mail) => mail.id === toStranger)?.lastError).toMatch(/victim@customer\.example is neither/);
    expect(failed.map((mail) => mail.id)).not.toContain(toAgent);
  });
});
