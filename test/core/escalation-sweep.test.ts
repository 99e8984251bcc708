import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import sqlite3 from 'sqlite3';
import type { HandlerInput } from '#shared/contract.ts';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import { createCore, workspaceFile } from '#core/index.ts';
import { MIGRATIONS } from '#core/store/migrations/index.ts';
import { Store } from '#core/store/store.ts';
import type { Core } from '#core/index.ts';
import { call } from '../helpers/invoke.ts';
import { undoMigrationsAfter } from '../helpers/undo-migrations.ts';
import { tempDir, testClock } from '../helpers/temp-workspace.ts';
import type { TempDir, TestClock } from '../helpers/temp-workspace.ts';

/**
 * The escalation sweep of a workspace without a hub (it runs the team's duties itself), on a clock the test
 * moves: an occasion fires once however long the clock waited in between, and a beat with nothing to do writes
 * nothing.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const POLICY: HandlerInput<'sla/savePolicy'> = {
  name: 'Everything',
  targets: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  calendarId: DEFAULT_CALENDAR_ID,
};

let dir: TempDir;
let clock: TestClock;
let core: Core;
let agentId: string;

beforeEach(async () => {
  dir = await tempDir('desk-escalation-sweep-');
  clock = testClock();
  // No background timers: the test says when a beat happens.
  core = await createCore({ dataDir: dir.path, now: clock.now, autoSync: false, duties: true, queueIndex: false });
  agentId = (await call(core, 'session/register', { name: 'Sam Super', email: 'sam@desk.example' })).agent!.id;
  await call(core, 'sla/savePolicy', POLICY);
});

afterEach(async () => {
  await core.close();
  await dir.remove();
});

async function newIncident(impact: 1 | 3, urgency: 1 | 3): Promise<string> {
  const created = await call(core, 'incident/create', {
    title: 'Payroll run fails',
    channel: 'phone',
    impact,
    urgency,
    assigneeId: agentId,
  });
  await call(core, 'incident/transition', { id: created.incident.id, action: 'start' });
  return created.incident.id;
}

async function saveRule(trigger: HandlerInput<'rule/save'>['trigger']): Promise<string> {
  const rule = await call(core, 'rule/save', {
    name: 'Escalate',
    enabled: true,
    trigger,
    conditions: [],
    actions: [{ type: 'add_note', text: 'Escalated.' }],
  });
  return rule.id;
}

/** The rule's firings on the incident (its `changed` entries; the note it adds is another entry). */
async function firings(id: string, ruleId: string) {
  return (await call(core, 'incident/get', { id })).timeline.filter(
    (e) => e.automation?.ruleId === ruleId && e.action === 'automation',
  );
}

/** Time passes with the desk open: it sweeps every hour meanwhile, and nothing falls due. */
async function beatsFor(ms: number) {
  for (let passed = 0; passed < ms; passed += HOUR) {
    clock.advance(Math.min(HOUR, ms - passed));
    expect((await core.runTimeRules()).fired).toBe(0);
  }
}

/** Waits on the customer for `ms`, with the desk sweeping meanwhile, then work resumes. */
async function waitOnCustomer(id: string, ms: number) {
  await call(core, 'incident/transition', { id, action: 'wait' });
  await beatsFor(ms);
  await call(core, 'incident/transition', { id, action: 'resume' });
}

describe('an escalation rule fires once, however long the clock stood still', () => {
  it('"overdue by 30 minutes" fires after a breached clock waited on the customer for two days', async () => {
    const ruleId = await saveRule({ type: 'sla_after_due', clock: 'resolution', minutes: 30 });
    const id = await newIncident(1, 1);
    clock.advance(250 * MINUTE); // breached at 240 minutes; 20 more business minutes to the rule's threshold
    expect((await core.runTimeRules()).fired).toBe(0);
    await waitOnCustomer(id, 2 * DAY);
    clock.advance(15 * MINUTE);
    expect((await core.runTimeRules()).fired).toBe(0);
    clock.advance(10 * MINUTE); // 275 minutes elapsed: overdue by 35
    expect((await core.runTimeRules()).fired).toBe(1);
    clock.advance(10 * MINUTE);
    expect((await core.runTimeRules()).fired).toBe(0);
    expect(await firings(id, ruleId)).toHaveLength(1);
  });

  it('"75 % elapsed" saved while a breached clock waits fires once work resumes, two days on', async () => {
    const id = await newIncident(1, 1);
    clock.advance(250 * MINUTE);
    await call(core, 'incident/transition', { id, action: 'wait' });
    await beatsFor(2 * DAY);
    const ruleId = await saveRule({ type: 'sla_elapsed', clock: 'resolution', percent: 75 });
    expect((await core.runTimeRules()).fired).toBe(0); // paused: escalating a wait on the customer is noise
    await call(core, 'incident/transition', { id, action: 'resume' });
    clock.advance(MINUTE);
    expect((await core.runTimeRules()).fired).toBe(1);
    expect((await core.runTimeRules()).fired).toBe(0);
    expect(await firings(id, ruleId)).toHaveLength(1);
  });

  it('"75 % elapsed" fires on a clock that waited two days on time before it got there', async () => {
    const ruleId = await saveRule({ type: 'sla_elapsed', clock: 'resolution', percent: 75 });
    const id = await newIncident(1, 1);
    clock.advance(150 * MINUTE);
    await waitOnCustomer(id, 2 * DAY);
    clock.advance(25 * MINUTE);
    expect((await core.runTimeRules()).fired).toBe(0);
    clock.advance(10 * MINUTE); // 185 of 240 minutes
    expect((await core.runTimeRules()).fired).toBe(1);
    expect(await firings(id, ruleId)).toHaveLength(1);
  });

  it('a workstation asleep for three days catches up what fell due meanwhile, once', async () => {
    const ruleId = await saveRule({ type: 'sla_after_due', clock: 'firstResponse', minutes: 30 });
    const id = await newIncident(1, 1);
    expect((await core.runTimeRules()).fired).toBe(0);
    clock.advance(3 * DAY); // due at 60 minutes, two days and more ago
    expect((await core.runTimeRules()).fired).toBe(1);
    expect((await core.runTimeRules()).fired).toBe(0);
    expect(await firings(id, ruleId)).toHaveLength(1);
  });
});

describe('a workspace from before the breached clocks kept their resumption', () => {
  it('works the instants out again when opened, so "overdue" after a long wait still fires', async () => {
    const ruleId = await saveRule({ type: 'sla_after_due', clock: 'resolution', minutes: 30 });
    const id = await newIncident(1, 1);
    clock.advance(250 * MINUTE);
    await waitOnCustomer(id, 2 * DAY);
    await core.settleDueTimes();
    await core.close();
    // As the version before stored it: a breached clock's instant was its breach, two days ago.
    const old = await Store.open({ file: workspaceFile(dir.path), now: clock.now });
    const created = await old.db
      .selectFrom('incident')
      .select('created_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const version = MIGRATIONS.find((m) => m.name === 'escalation windows')!.version - 1;
    await old.db
      .updateTable('incident')
      .set({ resolution_due_at: Date.parse(created.created_at) + 240 * MINUTE })
      .where('id', '=', id)
      .execute();
    for (const statement of [...undoMigrationsAfter('escalation'), `PRAGMA user_version = ${version}`]) {
      await old.db.executeQuery(CompiledQuery.raw(statement));
    }
    await old.close();

    core = await createCore({ dataDir: dir.path, now: clock.now, autoSync: false, duties: true, queueIndex: false });
    await core.settleDueTimes();
    clock.advance(25 * MINUTE);
    expect((await core.runTimeRules()).fired).toBe(1);
    expect(await firings(id, ruleId)).toHaveLength(1);
  });
});

describe('several escalation rules swept together', () => {
  it('each fires on its own incidents only, once: by its trigger, its clock and its conditions', async () => {
    const unanswered = await saveRule({ type: 'unacknowledged', minutes: 60 });
    const overdue = await call(core, 'rule/save', {
      name: 'Overdue P1',
      enabled: true,
      trigger: { type: 'sla_after_due', clock: 'firstResponse', minutes: 10 },
      conditions: [{ field: 'priority', operator: 'is_any_of', values: [1] }],
      actions: [{ type: 'add_note', text: 'Overdue.' }],
    });
    const nobodyTookIt = (
      await call(core, 'incident/create', { title: 'Printer offline', channel: 'phone', impact: 3, urgency: 3 })
    ).incident.id;
    const critical = await newIncident(1, 1);
    const minor = await newIncident(3, 3);
    clock.advance(45 * MINUTE); // first response overdue by 15 minutes; nobody took the printer for 45
    expect((await core.runTimeRules()).fired).toBe(1);
    clock.advance(20 * MINUTE);
    expect((await core.runTimeRules()).fired).toBe(1);
    expect((await core.runTimeRules()).fired).toBe(0);
    expect(await firings(critical, overdue.id)).toHaveLength(1);
    expect(await firings(minor, overdue.id)).toHaveLength(0);
    expect(await firings(nobodyTookIt, unanswered)).toHaveLength(1);
    for (const taken of [critical, minor]) expect(await firings(taken, unanswered)).toHaveLength(0);
  });
});

describe('clock alerts after a long sleep', () => {
  it('tell the assignee of a breach that happened while the workstation slept for three days', async () => {
    const id = await newIncident(1, 1);
    expect((await core.runTimeRules()).notified).toBe(0);
    clock.advance(3 * DAY);
    expect((await core.runTimeRules()).notified).toBe(2); // first response and resolution, each breached
    expect((await core.runTimeRules()).notified).toBe(0);
    const told = (await call(core, 'notification/list', {})).notifications.filter((n) => n.incidentId === id);
    expect(told.map((n) => n.event)).toEqual(['sla_breached', 'sla_breached']);
  });
});

describe('a beat with nothing to do writes nothing', () => {
  /**
   * Another process (a `desk import`, a second window) holding the write lock: a sweep that needs no write must
   * not wait for it, let alone fail once the store's patience (its busy timeout) runs out.
   */
  async function whileAnotherHoldsTheWriteLock<T>(work: () => Promise<T>): Promise<T> {
    const other = new sqlite3.Database(core.store.file);
    const run = (sql: string) =>
      new Promise<void>((resolve, reject) => other.run(sql, (error) => (error ? reject(error) : resolve())));
    await run('BEGIN IMMEDIATE');
    // Fail soon rather than after the default five seconds: the point is whether it waits at all.
    await core.store.db.executeQuery(CompiledQuery.raw('PRAGMA busy_timeout = 100'));
    try {
      return await work();
    } finally {
      await run('ROLLBACK');
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  }

  it('breached minor incidents, whose alerts their agents do not want, open no transaction beat after beat', async () => {
    const id = await newIncident(3, 3); // P5: logged without telling anyone, by default
    clock.advance(300 * MINUTE);
    const applied: unknown[] = [];
    const unsubscribe = core.store.onApplied((result) => applied.push(result));
    for (let beat = 0; beat < 3; beat++) {
      const summary = await whileAnotherHoldsTheWriteLock(() => core.runTimeRules());
      expect(summary).toMatchObject({ fired: 0, notified: 0 });
      clock.advance(MINUTE);
    }
    unsubscribe();
    expect(applied).toEqual([]);
    expect((await call(core, 'notification/list', {})).notifications.filter((n) => n.incidentId === id)).toEqual([]);
  });
});
