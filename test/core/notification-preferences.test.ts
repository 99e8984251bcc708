import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '#shared/domain/notifications.ts';
import type { NotificationEvent } from '#shared/domain/notifications.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

/**
 * The desk tells each agent what they chose to be told of: the same occasion reaches an agent with the defaults
 * and not one who turned it off or set a higher floor. Alex (a supervisor) does the work; Priya chose, Bo did not.
 */
let desk: TempCore;
let alex: Agent;
let priya: Agent;
let bo: Agent;
let network: string;

async function as<T>(agent: Agent, work: () => Promise<T>): Promise<T> {
  await call(desk.core, 'session/signIn', { agentId: agent.id });
  try {
    return await work();
  } finally {
    await call(desk.core, 'session/signIn', { agentId: alex.id });
  }
}

/** What this agent was told of, as (event, incident) pairs. */
const toldOf = (agent: Agent) =>
  as(agent, async () =>
    (await call(desk.core, 'notification/list', { limit: 200 })).notifications.map((n): [NotificationEvent, string] => [
      n.event,
      n.incidentId,
    ]),
  );

const newIncident = async (title: string, impact: 1 | 2 | 3, urgency: 1 | 2 | 3, more = {}) => {
  desk.clock.advance(60_000);
  const created = await call(desk.core, 'incident/create', { title, channel: 'phone', impact, urgency, ...more });
  return created.incident;
};

beforeAll(async () => {
  desk = await openTempCore();
  alex = (await call(desk.core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' })).agent!;
  network = (await call(desk.core, 'group/save', { name: 'Network Operations', description: '' })).id;
  const agent = (name: string, email: string) =>
    call(desk.core, 'agent/save', { name, email, role: 'agent', groupIds: [network], active: true });
  priya = await agent('Priya Raman', 'priya@desk.example');
  bo = await agent('Bo Berg', 'bo@desk.example');
  await as(priya, () =>
    call(desk.core, 'notification/savePreferences', {
      ...DEFAULT_NOTIFICATION_PREFERENCES,
      events: {
        ...DEFAULT_NOTIFICATION_PREFERENCES.events,
        customer_replied: { enabled: false, upToPriority: 3 },
        new_in_my_group: { enabled: true, upToPriority: 2 },
      },
    }),
  );
});

afterAll(() => desk?.dispose());

describe('notification preferences', () => {
  it('are the agent’s own, kept as chosen', async () => {
    const mine = await as(priya, () => call(desk.core, 'notification/preferences', {}));
    expect(mine.events.customer_replied.enabled).toBe(false);
    expect(mine.events.new_in_my_group.upToPriority).toBe(2);
    expect(await as(bo, () => call(desk.core, 'notification/preferences', {}))).toEqual(
      DEFAULT_NOTIFICATION_PREFERENCES,
    );
  });

  it('an agent who chose P2 as the floor for "new incident in my group" is not told of a P3', async () => {
    const p2 = await newIncident('Core switch down', 1, 2, { groupId: network });
    const p3 = await newIncident('Printer offline', 2, 2, { groupId: network });
    expect([p2.priority, p3.priority]).toEqual([2, 3]);
    const priyaNew = (await toldOf(priya)).filter(([event]) => event === 'new_in_my_group');
    expect(priyaNew).toEqual([['new_in_my_group', p2.id]]);
    const boNew = (await toldOf(bo)).filter(([event]) => event === 'new_in_my_group').map(([, id]) => id);
    expect(boNew.sort()).toEqual([p2.id, p3.id].sort());
  });

  it('an agent who turned "customer replied" off is not told; one with the defaults is', async () => {
    const reporter = await call(desk.core, 'contact/save', {
      name: 'Dana Customer',
      email: 'dana@northwind.example',
      phone: '',
      organisation: '',
    });
    const forPriya = await newIncident('VPN drops', 1, 1, { assigneeId: priya.id, reporterId: reporter.id });
    const forBo = await newIncident('Wi-Fi slow', 1, 1, { assigneeId: bo.id, reporterId: reporter.id });
    for (const incident of [forPriya, forBo]) {
      await call(desk.core, 'intake/logContact', {
        channel: 'phone',
        contactId: reporter.id,
        subject: 'Still broken',
        incidentId: incident.id,
      });
    }
    expect((await toldOf(priya)).filter(([event]) => event === 'customer_replied')).toEqual([]);
    expect((await toldOf(bo)).filter(([event]) => event === 'customer_replied')).toEqual([
      ['customer_replied', forBo.id],
    ]);
  });
});
