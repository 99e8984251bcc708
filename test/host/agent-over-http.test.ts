import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost } from '../../electron/host/web-server.ts';
import type { WebHost } from '../../electron/host/web-server.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore, tempDir } from '../helpers/temp-workspace.ts';
import type { TempCore, TempDir } from '../helpers/temp-workspace.ts';

/**
 * DESIGN §8 on the browser host: an agent signed in on it can send any request its page could. What only a
 * supervisor may change (this wave's calendars, service levels, rules, templates, goals and KPI settings,
 * sharing a view with the team) is refused with a typed error, and nothing is written; another agent's
 * notifications are not theirs to mark read.
 */
let temp: TempCore;
let folder: TempDir;
let host: WebHost;
let ids: {
  supervisor: string;
  agent: string;
  calendar: string;
  policy: string;
  rule: string;
  goal: string;
  incident: string;
};

/** What the page would send: a POST to the invoke route with the host's token. */
async function invoke(name: string, input: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  const response = await fetch(`${host.origin}/api/invoke/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; error?: { code: string } };
}

const changeCount = async () =>
  (
    await temp.core.store.db
      .selectFrom('change')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

beforeAll(async () => {
  temp = await openTempCore();
  const { core } = temp;
  const registered = await call(core, 'session/register', { name: 'Sam Super', email: 'sam@desk.example' });
  const supervisor = registered.agent!;
  const agent = await call(core, 'agent/save', {
    name: 'Ann Agent',
    email: 'ann@desk.example',
    role: 'agent',
    groupIds: [],
    active: true,
  });
  const calendar = await call(core, 'calendar/save', {
    name: 'Office',
    timeZone: 'UTC',
    hours: { mon: [['09:00', '17:00']] },
  });
  const policy = await call(core, 'sla/savePolicy', {
    name: 'Everyone',
    targets: { firstResponseMinutes: 60 },
    calendarId: calendar.id,
  });
  const rule = await call(core, 'rule/save', {
    name: 'Tag new',
    enabled: true,
    trigger: { type: 'incident_created', channels: [] },
    conditions: [],
    actions: [{ type: 'add_tag', tag: 'seen' }],
  });
  const goal = await call(core, 'goal/save', { kpi: 'resolved', target: 100, scope: 'team', period: 'month' });
  const incident = await call(core, 'incident/create', {
    title: 'Printer jams',
    channel: 'phone',
    impact: 2,
    urgency: 2,
  });
  ids = {
    supervisor: supervisor.id,
    agent: agent.id,
    calendar: calendar.id,
    policy: policy.id,
    rule: rule.id,
    goal: goal.id,
    incident: incident.incident.id,
  };
  await core.session.signIn(agent.id);
  folder = await tempDir('desk-web-');
  const staticDir = path.join(folder.path, 'static');
  await mkdir(staticDir, { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Incident Desk</title>');
  host = await startWebHost({ core, staticDir, port: 0 });
});

afterAll(async () => {
  await host?.close();
  await temp?.dispose();
  await folder?.remove();
});

const SUPERVISOR_ONLY: [name: string, input: () => unknown][] = [
  ['calendar/save', () => ({ name: 'Always', timeZone: 'UTC', hours: { mon: [['00:00', '24:00']] } })],
  ['calendar/save', () => ({ id: ids.calendar, name: 'Short', timeZone: 'UTC', hours: { mon: [['10:00', '11:00']] } })],
  ['calendar/delete', () => ({ id: ids.calendar })],
  ['calendar/importHolidays', () => ({ calendarId: ids.calendar, ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' })],
  ['sla/savePolicy', () => ({ name: 'Never due', targets: { resolutionMinutes: 10_000 }, calendarId: ids.calendar })],
  ['sla/movePolicy', () => ({ id: ids.policy, direction: 'down' })],
  ['sla/deletePolicy', () => ({ id: ids.policy })],
  [
    'rule/save',
    () => ({
      id: ids.rule,
      name: 'Off',
      enabled: false,
      trigger: { type: 'incident_created', channels: [] },
      conditions: [],
      actions: [{ type: 'add_tag', tag: 'x' }],
    }),
  ],
  ['rule/move', () => ({ id: ids.rule, direction: 'down' })],
  ['rule/delete', () => ({ id: ids.rule })],
  ['template/save', () => ({ name: 'Spoof', subject: 'Hi', body: 'Hello' })],
  ['goal/save', () => ({ kpi: 'resolved', target: 1, scope: 'team', period: 'month' })],
  ['goal/delete', () => ({ id: ids.goal })],
  ['kpi/saveSettings', () => ({ timeZone: 'Pacific/Kiritimati' })],
  ['view/save', () => ({ name: 'Everyone’s', filter: {}, sort: { column: 'number', direction: 'asc' }, shared: true })],
];

describe('an agent on the browser host', () => {
  for (const [index, [name, input]] of SUPERVISOR_ONLY.entries()) {
    it(`is refused ${name} (${index}) with a typed error, and nothing is written`, async () => {
      const before = await changeCount();
      const answer = await invoke(name, input());
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await changeCount()).toBe(before);
    });
  }

  it("cannot mark a supervisor's notification read", async () => {
    // Ann assigns the incident to Sam: Sam is told of it.
    await call(temp.core, 'incident/assign', { id: ids.incident, assigneeId: ids.supervisor });
    const notification = await temp.core.store.db
      .selectFrom('notification')
      .select('id')
      .where('agent_id', '=', ids.supervisor)
      .executeTakeFirstOrThrow();
    const answer = await invoke('notification/markRead', { ids: [notification.id] });
    expect(answer).toMatchObject({ ok: true, value: { marked: 0 } });
    const after = await temp.core.store.db
      .selectFrom('notification')
      .select('read_at')
      .where('id', '=', notification.id)
      .executeTakeFirstOrThrow();
    expect(after.read_at).toBeNull();
  });
});
