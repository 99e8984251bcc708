import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_COLUMNS } from '#shared/domain/queue.ts';
import type { QueueFilter, QueuePage, QueueSort } from '#shared/domain/queue.ts';
import { findQueuePage } from '#core/queue/queue.repository.ts';
import { seedDemoWorkspace } from '#core/seed/demo-seed.ts';
import { call } from '../helpers/invoke.ts';
import { FIXED_NOW, openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

/**
 * The in-memory queue index must answer exactly what the SQL queue answers, for every filter and sort, at
 * the top of the list and deep in it, and keep doing so as incidents and names change under it.
 */
let workspace: TempCore;
let filters: { name: string; filter: QueueFilter }[];

async function viaIndex(query: { filter: QueueFilter; sort: QueueSort; offset: number; limit: number }) {
  const outcome = await workspace.core.invoke('queue/page', query);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value as QueuePage;
}

async function viaSql(query: { filter: QueueFilter; sort: QueueSort; offset: number; limit: number }) {
  const agentId = await workspace.core.session.agentId();
  return findQueuePage(workspace.core.store.db, query, { agentId, nowMs: workspace.clock.now() });
}

async function expectSameEverywhere(label: string): Promise<void> {
  for (const { name, filter } of filters) {
    for (const column of QUEUE_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { column, direction };
        const first = await viaSql({ filter, sort, offset: 0, limit: 40 });
        for (const offset of [0, 40, Math.max(0, first.total - 30)]) {
          const query = { filter, sort, offset, limit: 40 };
          const [ours, sql] = await Promise.all([viaIndex(query), viaSql(query)]);
          expect(ours, `${label}: ${name}, ${column} ${direction}, offset ${offset}`).toEqual(sql);
        }
      }
    }
  }
}

beforeAll(async () => {
  workspace = await openTempCore();
  const summary = await seedDemoWorkspace(workspace.core.store, { incidents: 600, seed: 7, nowMs: FIXED_NOW });
  await workspace.core.session.signIn(summary.supervisorId);
  const db = workspace.core.store.db;
  const group = await db.selectFrom('agent_group').select('id').orderBy('name').executeTakeFirstOrThrow();
  const agent = await db.selectFrom('agent').select('id').orderBy('name', 'desc').executeTakeFirstOrThrow();
  const category = await db.selectFrom('category').select('id').orderBy('name').executeTakeFirstOrThrow();
  filters = [
    { name: 'everything', filter: {} },
    { name: 'open', filter: { statuses: ['new', 'assigned', 'in_progress', 'waiting_on_customer'] } },
    { name: 'mine', filter: { assigneeIds: ['me'] } },
    { name: 'unassigned or one agent', filter: { assigneeIds: ['none', agent.id] } },
    { name: 'group and priority', filter: { groupIds: [group.id], priorities: [2, 3] } },
    { name: 'channel and category', filter: { channels: ['email', 'walk_in'], categoryIds: [category.id] } },
    { name: 'recently resolved', filter: { statuses: ['resolved', 'closed'], resolvedWithinDays: 7 } },
    { name: 'search', filter: { text: 'printer' } },
    { name: 'search and status', filter: { text: 'password', statuses: ['closed'] } },
    { name: 'number search', filter: { text: 'INC-42' } },
    { name: 'nothing matches', filter: { text: 'zzzzqqq' } },
    { name: 'breached', filter: { dueStates: ['breached'] } },
    { name: 'open, on track or at risk', filter: { statuses: ['in_progress'], dueStates: ['on_track', 'at_risk'] } },
    { name: 'paused or met', filter: { dueStates: ['paused', 'met'] } },
  ];
}, 60_000);

afterAll(() => workspace.dispose());

describe('queue index', () => {
  it('answers every filter and sort as SQL does, at any depth', async () => {
    await expectSameEverywhere('seeded');
  }, 60_000);

  it('stays the same as SQL while incidents and names change', async () => {
    const { core, clock } = workspace;
    const page = await viaSql({ filter: {}, sort: { column: 'number', direction: 'asc' }, offset: 0, limit: 30 });
    const agents = (await core.store.db.selectFrom('agent').selectAll().orderBy('name').execute()).slice(0, 3);
    for (const [i, row] of page.rows.entries()) {
      clock.advance(60_000);
      const id = row.id;
      if (i % 3 === 0)
        await core.invoke('incident/update', { id, fields: { title: `Zebra crossing lights out ${i}` } });
      if (i % 3 === 1) await core.invoke('incident/assign', { id, assigneeId: agents[i % agents.length]!.id });
      if (i % 3 === 2) await core.invoke('incident/addNote', { id, body: `printer toner checked ${i}` });
    }
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await core.invoke('incident/create', {
        title: `Aardvark printer jam ${i}`,
        channel: 'phone',
        impact: 2,
        urgency: 1,
      });
    }
    await expectSameEverywhere('after incident changes');
    const renamed = agents[0]!;
    await core.invoke('agent/save', {
      id: renamed.id,
      name: 'Aaron Renamed',
      email: renamed.email,
      role: renamed.role as 'agent' | 'supervisor',
      groupIds: JSON.parse(renamed.group_ids) as string[],
      active: true,
    });
    await expectSameEverywhere('after an agent is renamed');
    // Time passes: rows turn at risk and breached with no change written, in the index as in SQL.
    clock.advance(3 * 3_600_000);
    await expectSameEverywhere('three hours later');
    // A policy change moves many rows' due times at once, recomputed in chunks behind the write.
    const [first] = await call(core, 'sla/policies', {});
    await call(core, 'sla/savePolicy', {
      id: first!.id,
      name: first!.name,
      calendarId: first!.calendarId,
      targets: { resolutionMinutes: 90 },
    });
    await core.settleDueTimes();
    await expectSameEverywhere('after a policy change');
  }, 180_000);
});
