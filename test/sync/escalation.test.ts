import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerInput, HandlerName, HandlerOutput } from '#shared/contract.ts';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import { sweepTimeRules, MAX_LATE_MS } from '#core/automation/time-rules.ts';
import { sweepSlaNotifications } from '#core/notifications/sla-notifications.ts';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestAgent, TestHub } from '../helpers/hub.ts';
import { tempDir, testClock } from '../helpers/temp-workspace.ts';
import type { TempDir, TestClock } from '../helpers/temp-workspace.ts';

async function call<N extends HandlerName>(core: Core, name: N, input: HandlerInput<N>): Promise<HandlerOutput<N>> {
  const outcome = await core.invoke(name, input);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.value as HandlerOutput<N>;
}

const MINUTE = 60_000;
let hub: TestHub;
const dirs: TempDir[] = [];
const cores: Core[] = [];

/** A workstation of this agent (an agent may have several), on the clock the test moves. */
async function workstation(agent: TestAgent, clock: TestClock): Promise<Core> {
  const dir = await tempDir('desk-escalation-');
  dirs.push(dir);
  const core = await createCore({ dataDir: dir.path, autoSync: false, now: clock.now, queueIndex: false });
  cores.push(core);
  await call(core, 'sync/connect', { hubUrl: hub.url, token: agent.token });
  await core.sync.syncNow();
  await core.session.signIn(agent.id);
  return core;
}

/** Every workstation pulls what the others pushed, twice round, so all have heard everything. */
async function syncAll(...desks: Core[]) {
  for (let round = 0; round < 2; round++) for (const desk of desks) await desk.sync.syncNow();
}

/** What the desk's always-on duties do on one beat: the time rules, then the clocks' notifications. */
async function sweep(core: Core, now: number) {
  const summary = await sweepTimeRules(core.store, { now });
  return { ...summary, notified: await sweepSlaNotifications(core.store, now, MAX_LATE_MS) };
}

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  for (const core of cores) await core.close();
  await hub.close();
  for (const dir of dirs) await dir.remove();
});

describe('escalation with two workstations and a hub', () => {
  // Minutes, not hours: the hub refuses stamps more than five minutes ahead of its own clock.
  const clock = testClock(Date.now());
  let sam: TestAgent;
  let priya: TestAgent;
  let samDesk: Core;
  let priyaDesk: Core;
  let priyaLaptop: Core;
  let secondLine: string;
  let ruleId: string;

  beforeAll(async () => {
    sam = await hub.addAgent('Sam Supervisor', 'supervisor');
    priya = await hub.addAgent('Priya Raman');
    samDesk = await workstation(sam, clock);
    priyaDesk = await workstation(priya, clock);
    priyaLaptop = await workstation(priya, clock);
    secondLine = (await call(samDesk, 'group/save', { name: 'Second line', description: '' })).id;
    await call(samDesk, 'sla/savePolicy', {
      name: 'Critical',
      conditions: { priorities: [1] },
      targets: { firstResponseMinutes: 2, resolutionMinutes: 60 },
      calendarId: DEFAULT_CALENDAR_ID,
    });
    const rule = await call(samDesk, 'rule/save', {
      name: 'Escalate an unanswered P1',
      enabled: true,
      trigger: { type: 'sla_elapsed', clock: 'firstResponse', percent: 50 },
      conditions: [{ field: 'priority', operator: 'is_any_of', values: [1] }],
      actions: [
        { type: 'assign', groupId: secondLine },
        { type: 'notify', to: 'supervisors', agentIds: [], templateId: null },
      ],
    });
    ruleId = rule.id;
    await syncAll(samDesk, priyaDesk, priyaLaptop);
  });

  const newP1 = async (title: string) => {
    const created = await call(priyaDesk, 'incident/create', {
      title,
      channel: 'phone',
      impact: 1,
      urgency: 1,
      assigneeId: priya.id,
    });
    return created.incident.id;
  };

  const firingsOf = async (core: Core, id: string) =>
    (await call(core, 'incident/get', { id })).timeline.filter((e) => e.automation?.ruleId === ruleId);

  it('fires once, says why, and tells each person once, though two workstations swept', async () => {
    const id = await newP1('Payroll run fails');
    await syncAll(samDesk, priyaDesk, priyaLaptop);
    clock.advance(MINUTE + 40_000); // past 50 % of first response (1 minute) and its 75 % (90 seconds)
    // Both sweep before either hears of the other (a lease handed over mid-sweep).
    for (const core of [samDesk, priyaDesk]) expect(await sweep(core, clock.now())).toMatchObject({ fired: 1 });
    await syncAll(samDesk, priyaDesk, priyaLaptop);

    for (const core of [samDesk, priyaDesk, priyaLaptop]) {
      const firings = await firingsOf(core, id);
      expect(firings).toHaveLength(1);
      expect(firings[0]!.automation).toMatchObject({
        ruleName: 'Escalate an unanswered P1',
        reason: '50 % of the first response target has elapsed',
      });
      expect((await call(core, 'incident/get', { id })).incident.groupId).toBe(secondLine);
    }
    const samSees = await call(samDesk, 'notification/list', {});
    expect(samSees.notifications.filter((n) => n.incidentId === id).map((n) => n.event)).toEqual(['escalated_to_me']);
    for (const desk of [priyaDesk, priyaLaptop]) {
      const mine = (await call(desk, 'notification/list', {})).notifications.filter((n) => n.incidentId === id);
      expect(mine.map((n) => n.event)).toEqual(['sla_at_risk']);
    }
  });

  it('marks a notification read on every workstation of its agent', async () => {
    const [atRisk] = (await call(priyaLaptop, 'notification/list', { unreadOnly: true })).notifications;
    expect(atRisk).toBeDefined();
    expect(await call(priyaLaptop, 'notification/markRead', { ids: [atRisk!.id] })).toMatchObject({ marked: 1 });
    await syncAll(priyaLaptop, priyaDesk);
    const onDesk = (await call(priyaDesk, 'notification/list', {})).notifications.find((n) => n.id === atRisk!.id);
    expect(onDesk?.readAt).not.toBeNull();
    expect((await call(priyaDesk, 'notification/list', {})).unread).toBe(0);
  });

  it('fires exactly once when the lease holder is killed mid-sweep and another takes over', async () => {
    const ids = [await newP1('Mail server down'), await newP1('VPN refuses logins')];
    await syncAll(samDesk, priyaDesk, priyaLaptop);
    clock.advance(MINUTE + 10_000);
    // The holder commits one firing, then dies before the next and before pushing anything.
    const killed = sweepTimeRules(samDesk.store, {
      now: clock.now(),
      afterFiring: async () => {
        throw new Error('killed');
      },
    });
    await expect(killed).rejects.toThrow('killed');
    const firedBeforeDying = (await Promise.all(ids.map((id) => firingsOf(samDesk, id)))).flat();
    expect(firedBeforeDying).toHaveLength(1);

    // The next holder has heard nothing of it, and fires both.
    expect(await sweep(priyaDesk, clock.now())).toMatchObject({ fired: 2 });
    // The old holder comes back and syncs what it had committed: the same ids, so one firing each.
    await syncAll(samDesk, priyaDesk, priyaLaptop);
    for (const core of [samDesk, priyaDesk]) {
      for (const id of ids) expect(await firingsOf(core, id)).toHaveLength(1);
    }
    expect(await sweep(samDesk, clock.now())).toMatchObject({ fired: 0 });
    const escalated = (await call(samDesk, 'notification/list', {})).notifications.filter(
      (n) => n.event === 'escalated_to_me' && ids.includes(n.incidentId),
    );
    expect(escalated).toHaveLength(2);
  });
});
