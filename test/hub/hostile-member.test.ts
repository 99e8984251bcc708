import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '#shared/change.ts';
import type { Core } from '#core/index.ts';
import type { TestAgent } from '../helpers/hub.ts';
import { pushOk, TestDevice } from '../helpers/hub-requests.ts';
import { call, refusal } from '../helpers/invoke.ts';
import { startTeamWorkstations } from '../helpers/team-workstations.ts';
import type { TeamWorkstations } from '../helpers/team-workstations.ts';

/**
 * DESIGN §8: a team member's device can send anything to the hub; nothing it sends may crash a process or lock
 * the others out. The hub checks a change's form and who may write it, not the meaning of every value, so what
 * a hostile member pushes about this wave's settings (calendars, service levels, rules, goals, shared views)
 * and about an incident's replies and files reaches every honest workstation: each must go on working, reading
 * what it cannot use as absent.
 */
let team: TeamWorkstations;
let honest: Core;
let mallory: TestAgent;
let device: TestDevice;
let incidentId: string;

beforeAll(async () => {
  team = await startTeamWorkstations();
  honest = await team.join('Sam Supervisor');
  // A supervisor: the hub lets them change the team's settings, so only the values can hurt.
  mallory = await team.hub.addAgent('Mallory Member', 'supervisor');
  device = new TestDevice(`ws-mallory-${uuidv7()}`, Date.now, mallory.id);
  const created = await call(honest, 'incident/create', {
    title: 'Printer jams',
    channel: 'phone',
    impact: 2,
    urgency: 2,
  });
  incidentId = created.incident.id;
  await honest.sync.syncNow();
}, 120_000);

afterAll(async () => {
  await team?.close();
});

/** Pushes as Mallory, checks the hub took every change, and has the honest workstation pull them. */
async function delivered(changes: readonly Change[]): Promise<void> {
  const answer = await pushOk(team.hub.url, mallory.token, device.id, changes);
  expect(answer.rejected).toEqual([]);
  await honest.sync.syncNow();
}

/** What an honest supervisor does in a day, each of which must still answer. */
async function expectStillWorking(core: Core): Promise<void> {
  await call(core, 'calendar/list', {});
  await call(core, 'sla/policies', {});
  await call(core, 'rule/list', {});
  await call(core, 'goal/list', {});
  await call(core, 'queue/views', {});
  await call(core, 'reference/get', {});
  await call(core, 'notification/list', {});
  await call(core, 'notification/markRead', { all: true });
  await call(core, 'kpi/report', { period: { from: '2026-01-01', to: '2026-12-31' } });
  const page = await call(core, 'queue/page', {
    filter: {},
    sort: { column: 'updated', direction: 'desc' },
    offset: 0,
    limit: 50,
  });
  expect(page.total).toBeGreaterThan(0);
  await call(core, 'incident/get', { id: incidentId });
  const fresh = await call(core, 'incident/create', { title: 'VPN drops', channel: 'phone', impact: 2, urgency: 2 });
  await core.settleDueTimes();
  await call(core, 'incident/sla', { id: fresh.incident.id });
  await core.runTimeRules();
}

describe('settings pushed with absurd values', () => {
  it('a giant calendar is refused by the hub, alone', async () => {
    const calendar = uuidv7();
    const holidays = Array.from({ length: 5_000 }, (_, i) => ({ date: `2027-01-${i}`, name: 'x'.repeat(50) }));
    const named = device.set('calendar', calendar, 'name', 'Every day a holiday');
    const giant = device.set('calendar', calendar, 'holidays', holidays);
    const answer = await pushOk(team.hub.url, mallory.token, device.id, [named, giant]);
    expect(answer.accepted).toEqual([named.id]);
    expect(answer.rejected).toMatchObject([{ id: giant.id, reason: 'malformed' }]);
  });

  it('a calendar, a service level, a rule, a goal and a shared view that make no sense leave every workstation working', async () => {
    const calendar = uuidv7();
    const policy = uuidv7();
    const rule = uuidv7();
    const goal = uuidv7();
    const view = uuidv7();
    const notification = uuidv7();
    const sam = (await call(honest, 'session/get', {})).agent!.id;
    await delivered([
      device.set('calendar', calendar, 'name', 'Mars time'),
      device.set('calendar', calendar, 'timeZone', 'Mars/Olympus_Mons'),
      device.set('calendar', calendar, 'hours', 'always'),
      device.set(
        'calendar',
        calendar,
        'holidays',
        Array.from({ length: 500 }, (_, i) => ({ date: `2026-13-${i}`, name: 'x'.repeat(50) })),
      ),
      device.set('slaPolicy', policy, 'name', 'Impossible'),
      device.set('slaPolicy', policy, 'targets', { firstResponseMinutes: -5, resolutionMinutes: 1e300 }),
      device.set('slaPolicy', policy, 'conditions', 'everything'),
      device.set('slaPolicy', policy, 'calendarId', calendar),
      device.set('slaPolicy', policy, 'pauseStatuses', ['on_the_moon']),
      device.set('slaPolicy', policy, 'position', 'first'),
      device.set('rule', rule, 'name', 'Forever'),
      device.set('rule', rule, 'trigger', { type: 'time', afterMinutes: 1e15 }),
      device.set('rule', rule, 'conditions', 42),
      device.set('rule', rule, 'actions', 'everything'),
      device.set('rule', rule, 'position', -1e308),
      device.set('goal', goal, 'kpi', 'happiness'),
      device.set('goal', goal, 'target', 'lots'),
      device.set('goal', goal, 'scope', { team: true }),
      device.set('goal', goal, 'period', 'forever'),
      device.set('view', view, 'name', 'Everyone’s'),
      device.set('view', view, 'shared', true),
      device.set('view', view, 'filter', '{'),
      device.set('view', view, 'sort', { column: 'DROP TABLE incident', direction: 'sideways' }),
      device.set('view', view, 'position', 'top'),
      // Anyone may tell an agent something: a notice for Sam, every field of it wrong.
      device.set('notification', notification, 'agentId', sam),
      device.set('notification', notification, 'event', 'the_end'),
      device.set('notification', notification, 'incidentId', 'nowhere'),
      device.set('notification', notification, 'text', 'x'.repeat(60_000)),
      device.set('notification', notification, 'priority', 'highest'),
      device.set('notification', notification, 'createdAt', 'yesterday'),
    ]);
    await expectStillWorking(honest);
  });
});

describe("an incident's replies and files, pushed broken", () => {
  it('a reply whose mail names no list of files or recipients leaves the incident readable', async () => {
    const mail = uuidv7();
    await delivered([
      device.set('outgoing', mail, 'incidentId', incidentId),
      device.set('outgoing', mail, 'mailboxId', uuidv7()),
      device.set('outgoing', mail, 'to', 'everyone'),
      device.set('outgoing', mail, 'attachments', 'none'),
      device.set('outgoing', mail, 'references', { not: 'a list' }),
      device.set('outgoing', mail, 'state', 'exploded'),
      device.set('outgoing', mail, 'createdAt', 'yesterday'),
      device.append('incident', incidentId, 'reply', { outboxId: mail, to: 'everyone', subject: 42 }),
    ]);
    await expectStillWorking(honest);
  });

  it('a file entry with a hostile name, size and type is shown as data, and its bytes are not given out', async () => {
    await delivered([
      device.append('incident', incidentId, 'attachment', {
        name: '../../etc/passwd\u202eexe.txt',
        contentType: 'text/html',
        size: -1,
        hash: 'a'.repeat(64),
      }),
      device.append('incident', incidentId, 'attachment', 'just text'),
      device.append('incident', incidentId, 'attachment', { name: 42, size: 'huge' }),
    ]);
    await expectStillWorking(honest);
    expect((await refusal(honest, 'incident/attachment', { incidentId, hash: 'not-a-hash' })).code).toBe(
      'invalid_input',
    );
    // Named by the entry, but no bytes behind it here: a typed refusal, not something else's bytes.
    expect((await refusal(honest, 'incident/attachment', { incidentId, hash: 'a'.repeat(64) })).code).toBe('not_found');
  });
});

describe("saved views: an agent's own, shared only by a supervisor", () => {
  it("an agent's device cannot change another agent's view, plant one in their list, or share one with the team", async () => {
    const eve = await team.hub.addAgent('Eve Agent');
    const evePc = new TestDevice(`ws-eve-${uuidv7()}`, Date.now, eve.id);
    const mine = await call(honest, 'view/save', {
      name: 'My printers',
      filter: { text: 'printer' },
      sort: { column: 'number', direction: 'asc' },
    });
    await honest.sync.syncNow();
    const sam = (await call(honest, 'session/get', {})).agent!.id;

    const planted = uuidv7();
    const shared = uuidv7();
    const hijack = evePc.set('view', mine.id, 'name', 'Hijacked');
    const takeOver = evePc.set('view', mine.id, 'ownerId', eve.id);
    const plant = [
      evePc.set('view', planted, 'ownerId', sam),
      evePc.set('view', planted, 'name', 'Sam’s new favourite'),
    ];
    const share = [
      evePc.set('view', shared, 'ownerId', eve.id),
      evePc.set('view', shared, 'name', 'Everyone look'),
      evePc.set('view', shared, 'shared', true),
    ];
    const answer = await pushOk(team.hub.url, eve.token, evePc.id, [hijack, takeOver, ...plant, ...share]);
    expect(answer.rejected.filter((r) => r.reason === 'forbidden').map((r) => r.id)).toEqual(
      [hijack, takeOver, ...plant, share[2]!].map((c) => c.id),
    );
    // Her own view, unshared, is hers to keep.
    expect(answer.accepted).toEqual([share[0]!.id, share[1]!.id]);

    await honest.sync.syncNow();
    const views = await call(honest, 'queue/views', {});
    expect(views.find((v) => v.id === mine.id)?.name).toBe('My printers');
    expect(views.map((v) => v.id)).not.toContain(planted);
    expect(views.map((v) => v.id)).not.toContain(shared);
  });
});
