import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '#core/index.ts';
import { queueOutgoingMail } from '#core/outbox/outgoing-mail.service.ts';
import { pushOk, TestDevice } from '../helpers/hub-requests.ts';
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
  sam = await team.join('Sam Supervisor', { duties: true });
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
});
