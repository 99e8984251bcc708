import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AUTOMATION_SENDER } from '#shared/domain/outbox.ts';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { queueOutgoingMail } from '#core/outbox/outgoing-mail.service.ts';
import { startDovecot } from '../helpers/dovecot.ts';
import type { Dovecot } from '../helpers/dovecot.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { call } from '../helpers/invoke.ts';
import { startTestSmtp } from '../helpers/smtp-server.ts';
import type { ReceivedMail, TestSmtp } from '../helpers/smtp-server.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';
import { parse } from '../outbox/outbox-desk.ts';
import { mail } from './mail.ts';
import { eventually, mailboxInput, signInSupervisor } from './mail-desk.ts';

const { binary, skipReason } = inject('dovecot');

function outgoingTo(smtp: TestSmtp) {
  return {
    address: 'support@desk.test',
    displayName: 'Service Desk',
    host: smtp.host,
    port: smtp.port,
    security: 'none' as const,
    username: '',
  };
}

/** The customer's answer to what they received, as their mail program builds it. */
async function answerTo(received: ReceivedMail, n: number, keepToken: boolean): Promise<string> {
  const ours = await parse(received.raw);
  const subject = keepToken ? `Re: ${ours.subject}` : `Re: ${ours.subject!.replace(/\[INC-\d+\]\s*/, '')}`;
  // Without the number, only our Message-ID leads back (no reference to the customer's first mail either).
  const references = keepToken ? [...[ours.references ?? []].flat(), ours.messageId!].join(' ') : ours.messageId!;
  return mail(n, {
    from: 'Customer 1 <customer1@northwind.example>',
    subject,
    messageId: `<answer-${n}@northwind.example>`,
    headers: { 'In-Reply-To': ours.messageId!, References: references },
    body: `Answer ${n}: thanks, it still jams.`,
  });
}

describe.skipIf(!binary)(`mail there and back${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dovecot: Dovecot;
  let smtp: TestSmtp;
  let hub: TestHub;
  const dirs: TempDir[] = [];
  const open: Core[] = [];

  beforeAll(async () => {
    [dovecot, smtp, hub] = await Promise.all([startDovecot(binary!), startTestSmtp(), startTestHub()]);
  });
  afterAll(async () => {
    for (const core of open) await core.close();
    await Promise.all([hub?.close(), smtp?.close(), dovecot?.stop()]);
    for (const dir of dirs) await dir.remove();
  });

  it('a customer’s mail becomes an incident, is acknowledged, answered and resolved by mail, and every answer threads back', async () => {
    const dir = await tempDir('desk-round-trip-');
    dirs.push(dir);
    const core = await createCore({ dataDir: dir.path, queueIndex: false });
    open.push(core);
    await signInSupervisor(core);
    // The folder exists before the mailbox is read, as a customer's first mail arrives.
    await dovecot.deliver('RoundTrip', [mail(1)]);
    await call(core, 'mailbox/save', {
      ...mailboxInput(dovecot, { folder: 'RoundTrip' }),
      outgoing: outgoingTo(smtp),
      incidentPerMail: true,
    });
    const made = await eventually(
      () => call(core, 'queue/page', { filter: {}, sort: { column: 'number', direction: 'asc' }, offset: 0, limit: 5 }),
      (page) => page.total === 1,
      'the mail to become an incident (skipping the inbox)',
    );
    const incidentId = made.rows[0]!.id;
    const number = made.rows[0]!.number;
    expect((await call(core, 'inbox/list', { states: ['untriaged'] })).total).toBe(0);

    // The acknowledgement goes out by itself, answering the customer's mail, marked as written by no person.
    await eventually(
      async () => smtp.received.length,
      (n) => n === 1,
      'the acknowledgement to reach the SMTP server',
    );
    const acknowledgement = await parse(smtp.received[0]!.raw);
    expect(acknowledgement.subject).toBe(`[INC-${number}] We have received your request: Printer 1 is jammed`);
    expect(acknowledgement.inReplyTo).toBe('<msg-1@northwind.example>');
    expect(acknowledgement.headers.get('auto-submitted')).toBe('auto-replied');
    expect(acknowledgement.messageId).toMatch(/@desk\.test>$/);
    expect(smtp.received[0]!.to).toEqual(['customer1@northwind.example']);

    // The customer answers the acknowledgement, as their mail program builds the answer: it threads on.
    await dovecot.deliver('RoundTrip', [await answerTo(smtp.received[0]!, 2, true)]);
    await eventually(
      () => call(core, 'incident/get', { id: incidentId }),
      (d) => d.timeline.filter((e) => e.type === 'message').length === 2,
      'the answer to the acknowledgement on the incident’s timeline',
    );

    smtp.received.length = 0;
    await call(core, 'incident/reply', { incidentId, text: 'A technician is on the way.' });
    await eventually(
      async () => smtp.received.length,
      (n) => n === 1,
      'the reply to reach the SMTP server',
    );
    const reply = await parse(smtp.received[0]!.raw);
    expect(reply.subject).toContain(`[INC-${number}]`);
    expect(reply.subject).toContain('Re: ');
    expect(reply.inReplyTo).toMatch(/@northwind\.example>$/);
    expect(reply.headers.get('auto-submitted')).toBeUndefined();
    expect(reply.messageId).toMatch(/@desk\.test>$/);
    expect(smtp.received[0]!.to).toEqual(['customer1@northwind.example']);

    // The customer answers twice more: once keeping the subject's number, once with a subject that lost it (only
    // In-Reply-To and References name our mail). Both thread onto the incident; neither makes a new one.
    await dovecot.deliver('RoundTrip', [
      await answerTo(smtp.received[0]!, 3, true),
      await answerTo(smtp.received[0]!, 4, false),
    ]);
    await eventually(
      () => call(core, 'incident/get', { id: incidentId }),
      (d) => d.timeline.filter((e) => e.type === 'message').length === 4,
      'both answers on the incident’s timeline',
    );

    // Resolved with its cause and notes: the resolution mail states them.
    smtp.received.length = 0;
    await call(core, 'incident/transition', {
      id: incidentId,
      action: 'resolve',
      resolutionCode: 'solved_permanently',
      cause: 'A torn sheet stuck behind tray 2.',
      notes: 'Removed the sheet and cleaned the rollers.',
    });
    await eventually(
      async () => smtp.received.length,
      (n) => n === 1,
      'the resolution mail to reach the SMTP server',
    );
    const resolution = await parse(smtp.received[0]!.raw);
    expect(resolution.subject).toBe(`[INC-${number}] Resolved: Printer 1 is jammed`);
    // Written by no person, and threaded on the conversation like every mail of the incident.
    expect(resolution.headers.get('auto-submitted')).toBe('auto-replied');
    expect(resolution.inReplyTo).toMatch(/@northwind\.example>$/);
    expect(resolution.text).toContain('What caused it: A torn sheet stuck behind tray 2.');
    expect(resolution.text).toContain('What we did: Removed the sheet and cleaned the rollers.');

    const detail = await call(core, 'incident/get', { id: incidentId });
    expect(detail.timeline.filter((e) => e.type === 'reply').map((e) => e.reply!.state)).toEqual([
      'sent',
      'sent',
      'sent',
    ]);
    const page = await call(core, 'queue/page', {
      filter: {},
      sort: { column: 'number', direction: 'asc' },
      offset: 0,
      limit: 5,
    });
    expect(page.total).toBe(1);
  });

  it('two workstations and a hub send each mail once: automatic mail by the lease holder, replies by their author', async () => {
    async function workstation(name: string): Promise<{ core: Core; agentId: string }> {
      const agent = await hub.addAgent(name, 'supervisor');
      const dir = await tempDir('desk-team-send-');
      dirs.push(dir);
      const core = await createCore({ dataDir: dir.path, queueIndex: false, syncPollMs: 300 });
      open.push(core);
      await call(core, 'sync/connect', { hubUrl: hub.url, token: agent.token });
      await core.sync.syncNow();
      await core.session.signIn(agent.id);
      return { core, agentId: agent.id };
    }
    smtp.received.length = 0;
    const alex = await workstation('Alex Morgan');
    await eventually(async () => alex.core.sync.status.automation, Boolean, 'Alex to take the lease', 30_000);
    const priya = await workstation('Priya Raman');
    const mailbox = await call(alex.core, 'mailbox/save', {
      ...mailboxInput(dovecot, { folder: 'Team', enabled: false }),
      outgoing: outgoingTo(smtp),
    });
    await eventually(
      () => call(priya.core, 'mailbox/list', {}),
      (l) => l.length === 1,
      'the mailbox to reach Priya',
    );
    const incident = await call(priya.core, 'incident/create', {
      title: 'VPN drops',
      channel: 'phone',
      impact: 3,
      urgency: 3,
      reporterId: (
        await call(priya.core, 'contact/save', {
          name: 'Dana',
          email: 'dana@northwind.example',
          phone: '',
          organisation: '',
        })
      ).id,
    });
    await eventually(
      () => alex.core.invoke('incident/get', { id: incident.incident.id }),
      (o) => o.ok,
      'the incident to reach Alex',
    );

    // Automatic mail queued on both workstations (as rules will): only the lease holder sends it.
    const queueAutomatic = (core: Core, n: number) =>
      core.store.command(null, (tx, rec) =>
        queueOutgoingMail(tx, rec, {
          incidentId: incident.incident.id,
          mailboxId: mailbox.id,
          automatic: true,
          authorId: null,
          to: [{ address: 'dana@northwind.example', name: 'Dana' }],
          subject: `Automatic ${n}`,
          text: `Automatic mail ${n}.`,
        }),
      );
    for (let n = 1; n <= 5; n++) await queueAutomatic(priya.core, n);
    for (let n = 6; n <= 10; n++) await queueAutomatic(alex.core, n);
    // Replies: each sent by the workstation of the agent who wrote it.
    await call(alex.core, 'incident/reply', { incidentId: incident.incident.id, text: 'From Alex.' });
    await call(priya.core, 'incident/reply', { incidentId: incident.incident.id, text: 'From Priya.' });

    const everything = (core: Core) => call(core, 'outbox/list', { limit: 100 });
    for (const { core } of [alex, priya]) {
      await eventually(
        () => everything(core),
        (list) => list.length === 12 && list.every((m) => m.state === 'sent'),
        'all twelve mails sent, as each workstation sees it',
        30_000,
      );
    }
    const sent = await everything(priya.core);
    for (const item of sent) {
      if (item.sender === AUTOMATION_SENDER) expect(item.claimedBy).toBe(alex.core.store.deviceId);
      else
        expect(item.claimedBy).toBe(
          item.authorId === alex.agentId ? alex.core.store.deviceId : priya.core.store.deviceId,
        );
    }
    const ids = await Promise.all(smtp.received.map(async (m) => (await parse(m.raw)).messageId));
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);

    // Alex stops and gives the lease up; Priya takes it over and sends what is queued next, once.
    await alex.core.close();
    open.splice(open.indexOf(alex.core), 1);
    // At her next heartbeat once Alex let go, or once his lease expired if the release was lost on a busy machine.
    await eventually(async () => priya.core.sync.status.automation, Boolean, 'Priya to take the lease', 60_000);
    for (let n = 11; n <= 13; n++) await queueAutomatic(priya.core, n);
    await eventually(
      () => everything(priya.core),
      (list) => list.length === 15 && list.every((m) => m.state === 'sent'),
      'the new automatic mail sent by Priya',
      30_000,
    );
    const all = await Promise.all(smtp.received.map(async (m) => (await parse(m.raw)).messageId));
    expect(all).toHaveLength(15);
    expect(new Set(all).size).toBe(15);
  }, 180_000);
});
