import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE_IDS } from '#core/automation/default-automation.ts';
import { firingId } from '#core/automation/firing.ts';
import { sweepTimeRules } from '#core/automation/time-rules.ts';
import { call } from '../helpers/invoke.ts';
import { startTeamWorkstations } from '../helpers/team-workstations.ts';
import type { TeamWorkstations } from '../helpers/team-workstations.ts';
import { testClock } from '../helpers/temp-workspace.ts';
import type { TestClock } from '../helpers/temp-workspace.ts';
import { mailboxWithOutgoing } from '../outbox/outbox-desk.ts';

let team: TeamWorkstations;

/** Both workstations share a clock the test moves: a couple of minutes, within what the hub accepts ahead. */
const workstation = (agentName: string, clock: TestClock) =>
  team.join(agentName, { autoSync: false, now: clock.now, queueIndex: false });

beforeAll(async () => {
  team = await startTeamWorkstations();
});

afterAll(() => team.close());

describe('a time rule fired on two workstations', () => {
  it('converges on one firing and one queued mail once both have synced', async () => {
    const clock = testClock(Date.now());
    const alex = await workstation('Alex Morgan', clock);
    const priya = await workstation('Priya Raman', clock);
    await call(alex, 'mailbox/save', mailboxWithOutgoing({ host: '127.0.0.1', port: 1 }));
    // The default follow-up, a minute instead of three days: the hub refuses stamps far ahead of its clock.
    const rule = await call(alex, 'rule/save', {
      name: 'Quick follow-up',
      enabled: true,
      trigger: { type: 'time_in_status', status: 'waiting_on_customer', minutes: 1 },
      conditions: [],
      actions: [{ type: 'send_template', templateId: DEFAULT_TEMPLATE_IDS.followUp, to: 'reporter', agentIds: [] }],
    });
    const dana = await call(alex, 'contact/save', {
      name: 'Dana Customer',
      email: 'dana@northwind.example',
      phone: '',
      organisation: '',
    });
    const created = await call(alex, 'incident/create', {
      title: 'The printer on floor 2 jams',
      channel: 'phone',
      impact: 2,
      urgency: 2,
      reporterId: dana.id,
    });
    const id = created.incident.id;
    await call(alex, 'incident/transition', { id, action: 'start' });
    const waiting = await call(alex, 'incident/transition', { id, action: 'wait' });
    await alex.sync.syncNow();
    await priya.sync.syncNow();

    // Both fire the same occasion before either hears of the other (a lease handed over mid-sweep).
    clock.advance(2 * 60_000);
    for (const core of [alex, priya]) {
      expect(await sweepTimeRules(core.store, { now: clock.now() })).toMatchObject({ fired: 1 });
    }
    await alex.sync.syncNow();
    await priya.sync.syncNow();
    await alex.sync.syncNow();

    const occasion = waiting.timeline.find((e) => e.action === 'wait')!.id;
    const expected = firingId(rule.id, id, occasion);
    for (const core of [alex, priya]) {
      const detail = await call(core, 'incident/get', { id });
      const firings = detail.timeline.filter((e) => e.automation?.ruleName === 'Quick follow-up');
      expect(firings.map((e) => e.id)).toEqual([expected]);
      const reminders = (await call(core, 'outbox/list', { limit: 100 })).filter((m) =>
        m.subject.startsWith('Waiting for your answer'),
      );
      expect(reminders).toHaveLength(1);
      expect(reminders[0]).toMatchObject({ state: 'queued', to: [{ address: 'dana@northwind.example' }] });
    }
    const [alexMail, priyaMail] = await Promise.all(
      [alex, priya].map(async (core) => (await call(core, 'outbox/list', { limit: 100 })).map((m) => m.id).sort()),
    );
    expect(alexMail).toEqual(priyaMail);
  });
});
