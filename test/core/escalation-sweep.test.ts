import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import sqlite3 from 'sqlite3';
import type { HandlerInput } from '#shared/contract.ts';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { call } from '../helpers/invoke.ts';
import { tempDir, testClock } from '../helpers/temp-workspace.ts';
import type { TempDir, TestClock } from '../helpers/temp-workspace.ts';

/**
 * The escalation sweep of a workspace without a hub (it runs the team's duties itself), on a clock the test
 * moves: an occasion fires once however long the clock waited in between, and a beat with nothing to do writes
 * nothing.
 */
const MINUTE = 60_000;
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
