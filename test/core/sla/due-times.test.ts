import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerInput } from '#shared/contract.ts';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import type { DueState } from '#shared/domain/incident-due.ts';
import type { IncidentSummary } from '#shared/domain/incident.ts';
import { createCore, workspaceFile } from '#core/index.ts';
import { DueRecompute } from '#core/sla/due-recompute.ts';
import { incidentsAfter, loadDueProgress } from '#core/sla/due.repository.ts';
import { Store } from '#core/store/store.ts';
import type { ApplyResult } from '#core/store/apply.ts';
import { call } from '../../helpers/invoke.ts';
import { openTempCore } from '../../helpers/temp-workspace.ts';
import type { TempCore } from '../../helpers/temp-workspace.ts';

/**
 * Each incident's due instants are projection columns, worked out in the transaction of the change that moves
 * them; "at risk" and "breached" are then read by comparing those instants with now, so the queue stays exact as
 * time passes without a row being written.
 */
const MINUTE = 60_000;
const P1_POLICY: HandlerInput<'sla/savePolicy'> = {
  name: 'Critical',
  conditions: { priorities: [1] },
  targets: { firstResponseMinutes: 20, nextUpdateMinutes: 60, resolutionMinutes: 240 },
  calendarId: DEFAULT_CALENDAR_ID,
};
const STANDARD: HandlerInput<'sla/savePolicy'> = {
  name: 'Standard',
  targets: { firstResponseMinutes: 240, resolutionMinutes: 2_400 },
  calendarId: DEFAULT_CALENDAR_ID,
};

let temp: TempCore;
let contactId: string;

beforeEach(async () => {
  temp = await openTempCore();
  await call(temp.core, 'session/register', { name: 'Sam Super', email: 'sam@desk.example' });
  await call(temp.core, 'sla/savePolicy', P1_POLICY);
  await call(temp.core, 'sla/savePolicy', STANDARD);
  contactId = (
    await call(temp.core, 'contact/save', {
      name: 'Rita Reporter',
      email: 'rita@customer.example',
      phone: null,
      organisation: 'Finance',
    })
  ).id;
});
afterEach(() => temp.dispose());

async function createP1(title = 'Payroll run fails'): Promise<string> {
  const detail = await call(temp.core, 'incident/create', {
    title,
    channel: 'email',
    reporterId: contactId,
    impact: 1,
    urgency: 1,
  });
  return detail.incident.id;
}

async function row(id: string): Promise<IncidentSummary> {
  const page = await call(temp.core, 'queue/page', {
    filter: {},
    sort: { column: 'number', direction: 'asc' },
    offset: 0,
    limit: 500,
  });
  return page.rows.find((r) => r.id === id)!;
}

async function idsIn(dueStates: DueState[]): Promise<string[]> {
  const page = await call(temp.core, 'queue/page', {
    filter: { dueStates },
    sort: { column: 'due', direction: 'asc' },
    offset: 0,
    limit: 500,
  });
  return page.rows.map((r) => r.id);
}

async function storedDue(id: string) {
  return temp.core.store.db
    .selectFrom('incident')
    .select([
      'sla_policy_id',
      'sla_phase',
      'sla_clock',
      'sla_due_at',
      'sla_at_risk_at',
      'sla_breach_at',
      'first_response_due_at',
      'next_update_due_at',
      'resolution_due_at',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describe('due times', () => {
  it('are set with the incident, by the first policy that matches', async () => {
    const created = temp.clock.now();
    const id = await createP1();
    const policies = await call(temp.core, 'sla/policies', {});
    expect(await storedDue(id)).toEqual({
      sla_policy_id: policies[0]!.id,
      sla_phase: 'running',
      sla_clock: 'firstResponse',
      sla_due_at: created + 20 * MINUTE,
      sla_at_risk_at: created + 15 * MINUTE,
      sla_breach_at: created + 20 * MINUTE + 1,
      first_response_due_at: created + 20 * MINUTE,
      next_update_due_at: null,
      resolution_due_at: created + 240 * MINUTE,
    });
    expect((await row(id)).due).toEqual({
      phase: 'running',
      clock: 'firstResponse',
      dueAt: new Date(created + 20 * MINUTE).toISOString(),
      atRiskAt: new Date(created + 15 * MINUTE).toISOString(),
      breachAt: new Date(created + 20 * MINUTE + 1).toISOString(),
    });
  });

  it('turn at risk and then breached as time passes, without the row being written again', async () => {
    const id = await createP1();
    const stored = JSON.stringify(await storedDue(id));
    const changes = async () => (await temp.core.store.db.selectFrom('change').select('id').execute()).length;
    const written = await changes();
    expect(await idsIn(['on_track'])).toEqual([id]);
    temp.clock.advance(15 * MINUTE - 1);
    expect(await idsIn(['on_track'])).toEqual([id]);
    temp.clock.advance(1);
    expect(await idsIn(['at_risk'])).toEqual([id]);
    expect(await idsIn(['breached'])).toEqual([]);
    // Reaching the target exactly is still on time; a millisecond past it is a breach.
    temp.clock.advance(5 * MINUTE);
    expect(await idsIn(['at_risk'])).toEqual([id]);
    temp.clock.advance(1);
    expect(await idsIn(['breached'])).toEqual([id]);
    expect(await idsIn(['at_risk', 'on_track'])).toEqual([]);
    expect(JSON.stringify(await storedDue(id))).toBe(stored);
    expect(await changes()).toBe(written);
  });

  it('move on to the next clock when a call back meets the first response', async () => {
    const id = await createP1();
    const created = temp.clock.now();
    temp.clock.advance(10 * MINUTE);
    await call(temp.core, 'intake/logContact', {
      channel: 'phone',
      contactId,
      subject: 'Called back',
      incidentId: id,
      direction: 'outbound',
    });
    expect(await storedDue(id)).toMatchObject({
      sla_clock: 'resolution',
      sla_due_at: created + 240 * MINUTE,
      first_response_due_at: null,
    });
    // A call from the reporter afterwards waits for the next update.
    temp.clock.advance(5 * MINUTE);
    await call(temp.core, 'intake/logContact', { channel: 'phone', contactId, subject: 'Any news?', incidentId: id });
    expect(await storedDue(id)).toMatchObject({
      sla_clock: 'nextUpdate',
      next_update_due_at: temp.clock.now() + 60 * MINUTE,
    });
  });

  it('a call from the reporter before anyone answered does not start a second clock', async () => {
    const id = await createP1();
    temp.clock.advance(5 * MINUTE);
    await call(temp.core, 'intake/logContact', { channel: 'phone', contactId, subject: 'Any news?', incidentId: id });
    expect(await storedDue(id)).toMatchObject({ sla_clock: 'firstResponse', next_update_due_at: null });
  });

  it('pause while waiting on the customer and go on with the time already spent', async () => {
    const id = await createP1();
    const created = temp.clock.now();
    temp.clock.advance(5 * MINUTE);
    await call(temp.core, 'incident/transition', { id, action: 'start' });
    await call(temp.core, 'incident/transition', { id, action: 'wait' });
    expect(await storedDue(id)).toMatchObject({
      sla_phase: 'paused',
      sla_clock: 'firstResponse',
      sla_due_at: null,
      sla_breach_at: null,
    });
    temp.clock.advance(60 * MINUTE);
    expect(await idsIn(['paused'])).toEqual([id]);
    await call(temp.core, 'incident/transition', { id, action: 'resume' });
    // Five minutes ran before the pause; the hour waiting on the customer did not count.
    expect(await storedDue(id)).toMatchObject({ sla_phase: 'running', sla_due_at: created + 80 * MINUTE });
  });

  it('are matched again on a priority change, keeping the time spent', async () => {
    const detail = await call(temp.core, 'incident/create', {
      title: 'Printer jams',
      channel: 'phone',
      reporterId: contactId,
      impact: 3,
      urgency: 3,
    });
    const { id, createdAt } = detail.incident;
    const [critical, standard] = await call(temp.core, 'sla/policies', {});
    expect(await storedDue(id)).toMatchObject({ sla_policy_id: standard!.id });
    temp.clock.advance(30 * MINUTE);
    await call(temp.core, 'incident/update', { id, fields: { impact: 1, urgency: 1 } });
    // Thirty minutes had run: the critical policy's 20-minute first response is breached from the start.
    expect(await storedDue(id)).toMatchObject({
      sla_policy_id: critical!.id,
      resolution_due_at: Date.parse(createdAt) + 240 * MINUTE,
    });
    expect(await idsIn(['breached'])).toEqual([id]);
  });

  it("are matched again when the reporter's organisation changes, in the same transaction", async () => {
    const vip = await call(temp.core, 'sla/savePolicy', {
      name: 'Board',
      conditions: { organisations: ['Board office'] },
      targets: { resolutionMinutes: 60 },
      calendarId: DEFAULT_CALENDAR_ID,
    });
    await call(temp.core, 'sla/movePolicy', { id: vip.id, direction: 'up' });
    await call(temp.core, 'sla/movePolicy', { id: vip.id, direction: 'up' });
    const detail = await call(temp.core, 'incident/create', {
      title: 'Projector',
      channel: 'phone',
      reporterId: contactId,
      impact: 3,
      urgency: 3,
    });
    const heard: ApplyResult[] = [];
    const stop = temp.core.store.onApplied((result) => heard.push(result));
    await call(temp.core, 'contact/save', {
      id: contactId,
      name: 'Rita Reporter',
      email: 'rita@customer.example',
      phone: null,
      organisation: ' board OFFICE ',
    });
    stop();
    expect(await storedDue(detail.incident.id)).toMatchObject({ sla_policy_id: vip.id, sla_clock: 'resolution' });
    // Listeners (the queue index, the screens) hear which incident rows moved.
    expect([...heard[0]!.incidentIds]).toEqual([detail.incident.id]);
  });

  it('are none without a policy that matches, and sort after every incident that has one', async () => {
    const noPolicy = await call(temp.core, 'sla/policies', {});
    await call(temp.core, 'sla/deletePolicy', { id: noPolicy[1]!.id });
    const later = await call(temp.core, 'incident/create', { title: 'Low', channel: 'web', impact: 3, urgency: 3 });
    const urgent = await createP1();
    expect(await storedDue(later.incident.id)).toMatchObject({ sla_policy_id: null, sla_phase: 'none' });
    expect(await idsIn(['none'])).toEqual([later.incident.id]);
    const sorted = await call(temp.core, 'queue/page', {
      filter: {},
      sort: { column: 'due', direction: 'asc' },
      offset: 0,
      limit: 10,
    });
    expect(sorted.rows.map((r) => r.id)).toEqual([urgent, later.incident.id]);
  });
});

describe('after a calendar or policy change', () => {
  it('are recomputed in the background, chunk by chunk, and every chunk is announced', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await createP1(`Incident ${i}`));
    const created = temp.clock.now();
    const [critical] = await call(temp.core, 'sla/policies', {});
    await temp.core.close();
    // The store alone, with a recompute of tiny chunks: nothing else works the rows out meanwhile.
    const store = await Store.open({ file: workspaceFile(temp.dir), now: temp.clock.now });
    const recompute = new DueRecompute(store, { chunk: 2 });
    const announced: string[][] = [];
    store.onApplied((result) => {
      if (result.reprojected) announced.push([...result.incidentIds]);
    });
    try {
      await store.command(null, async (_tx, recorder) => {
        recorder.set('slaPolicy', critical!.id, 'targets', { resolutionMinutes: 30 });
      });
      recompute.schedule();
      await recompute.settled();
      const rows = await store.db.selectFrom('incident').select(['sla_clock', 'sla_due_at']).execute();
      expect(rows).toEqual(ids.map(() => ({ sla_clock: 'resolution', sla_due_at: created + 30 * MINUTE })));
      expect(announced.map((chunk) => chunk.length)).toEqual([2, 2, 2, 1]);
      expect(announced.flat().sort()).toEqual([...ids].sort());
      // Done is done: another run finds nothing to do and writes nothing.
      recompute.schedule();
      await recompute.settled();
      expect(announced).toHaveLength(4);
    } finally {
      await recompute.stop();
      await store.close();
      temp = { ...temp, dispose: () => rm(temp.dir, { recursive: true, force: true }) };
    }
  });

  it('resume where the last committed chunk ended after being stopped mid-way', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await createP1(`Incident ${i}`));
    const [critical] = await call(temp.core, 'sla/policies', {});
    await temp.core.close();
    const store = await Store.open({ file: workspaceFile(temp.dir), now: temp.clock.now });
    const announced: string[][] = [];
    store.onApplied((result) => {
      if (result.reprojected) announced.push([...result.incidentIds]);
    });
    // The first walk stops (as a closing desk does) once its first chunk has committed.
    const first = new DueRecompute(store, { chunk: 2 });
    const stopAfterOne = store.onApplied((result) => {
      if (result.reprojected) void first.stop();
    });
    try {
      await store.command(null, async (_tx, recorder) => {
        recorder.set('slaPolicy', critical!.id, 'targets', { resolutionMinutes: 30 });
      });
      first.schedule();
      await first.settled();
      stopAfterOne();
      expect(announced.map((chunk) => chunk.length)).toEqual([2]);
      const [done] = announced;
      const rowids = await incidentsAfter(store.db, 0, ids.length);
      expect(rowids.slice(0, 2).map((row) => row.id)).toEqual(done);
      expect(await loadDueProgress(store.db)).toMatchObject({ throughRowid: rowids[1]!.rowid });
      const second = new DueRecompute(store, { chunk: 2 });
      second.schedule();
      await second.settled();
      // The rest, and none of the two done before: the walk went on from its saved place.
      expect(announced.map((chunk) => chunk.length)).toEqual([2, 2, 2, 1]);
      expect(announced.flat().sort()).toEqual([...ids].sort());
      expect(await loadDueProgress(store.db)).toMatchObject({ throughRowid: 'done' });
      await second.stop();
    } finally {
      await store.close();
      temp = { ...temp, dispose: () => rm(temp.dir, { recursive: true, force: true }) };
    }
  });

  it('a row not yet recomputed keeps its old due time, and a restart finishes the work', async () => {
    const id = await createP1();
    const created = temp.clock.now();
    const [critical] = await call(temp.core, 'sla/policies', {});
    await temp.core.close();
    // The setting changes with nobody recomputing (a crash right after the commit): the write path saves the
    // policy, and the incident row keeps the due times of the settings it was worked out with.
    const store = await Store.open({ file: workspaceFile(temp.dir), now: temp.clock.now });
    await store.command(null, async (_tx, recorder) => {
      recorder.set('slaPolicy', critical!.id, 'targets', { resolutionMinutes: 30 });
    });
    const stale = await store.db.selectFrom('incident').select(['sla_due_at']).where('id', '=', id).executeTakeFirst();
    expect(stale?.sla_due_at).toBe(created + 20 * MINUTE);
    await store.close();
    const core = await createCore({ dataDir: temp.dir, now: temp.clock.now });
    try {
      await core.settleDueTimes();
      const row = await core.store.db
        .selectFrom('incident')
        .select(['sla_due_at', 'sla_clock'])
        .where('id', '=', id)
        .executeTakeFirst();
      expect(row).toEqual({ sla_due_at: created + 30 * MINUTE, sla_clock: 'resolution' });
    } finally {
      await core.close();
      temp = { ...temp, dispose: () => rm(temp.dir, { recursive: true, force: true }) };
    }
  });
});
