import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QUEUE_COLUMNS } from '#shared/domain/queue.ts';
import type { QueueFilter, QueuePage, QueueSort } from '#shared/domain/queue.ts';
import { QueueIndex } from '#core/queue/queue-index.ts';
import { QueueReader } from '#core/queue/queue-reader.ts';
import { findQueuePage } from '#core/queue/queue.repository.ts';
import type { QueueContext } from '#core/queue/queue.repository.ts';
import { seedDemoWorkspace } from '#core/seed/demo-seed.ts';
import { FIXED_NOW, openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

/**
 * The queue right after start-up: the index's sort orders are built in the background, in slices, and a page
 * asked before its order is built sorts only what it needs. Either way it answers exactly what SQL answers.
 */
let workspace: TempCore;
let context: QueueContext;
const OPEN: QueueFilter = { statuses: ['new', 'assigned', 'in_progress', 'waiting_on_customer'] };

async function expectSameAsSql(index: QueueIndex, label: string, filters: readonly QueueFilter[]) {
  for (const filter of filters) {
    for (const column of QUEUE_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort: QueueSort = { column, direction };
        for (const offset of [0, 35, 420]) {
          const query = { filter, sort, offset, limit: 40 };
          const sql = await findQueuePage(workspace.core.store.db, query, context);
          const ours = index.page(query, context, null);
          expect(ours, `${label}: ${JSON.stringify(filter)}, ${column} ${direction}, offset ${offset}`).toEqual(sql);
        }
      }
    }
  }
}

beforeAll(async () => {
  workspace = await openTempCore();
  const summary = await seedDemoWorkspace(workspace.core.store, { incidents: 500, seed: 11, nowMs: FIXED_NOW });
  await workspace.core.session.signIn(summary.supervisorId);
  context = { agentId: await workspace.core.session.agentId(), nowMs: workspace.clock.now() };
}, 60_000);

afterAll(() => workspace.dispose());

describe('the queue after start-up', () => {
  it('answers a page with few matches before its order is built, without building it', async () => {
    const index = new QueueIndex();
    await index.load(workspace.core.store.db);
    const unassigned = { ...OPEN, assigneeIds: ['none'] };
    const query = { filter: unassigned, sort: { column: 'priority', direction: 'asc' } as const, offset: 0, limit: 40 };
    const page = index.page(query, context, null);
    expect(page).toEqual(await findQueuePage(workspace.core.store.db, query, context));
    expect(page.total).toBeGreaterThan(0);
    // Sorting the whole queue for a few dozen unassigned incidents held the first pages after start-up.
    expect(index.hasOrder('priority')).toBe(false);
    // A page of most of the queue builds the order, once, for the pages after it.
    index.page({ ...query, filter: {} }, context, null);
    expect(index.hasOrder('priority')).toBe(true);
  });

  it('builds every order in slices as one sort would, and pages agree with SQL before and after', async () => {
    // Runs of 16 rows: five hundred incidents are merged over several passes, as 100,000 are with the real runs.
    const index = new QueueIndex({ sortRun: 16 });
    await index.load(workspace.core.store.db);
    await expectSameAsSql(index, 'before the orders are built', [{ assigneeIds: ['none'] }, OPEN]);
    const fresh = new QueueIndex({ sortRun: 16 });
    await fresh.load(workspace.core.store.db);
    await fresh.prepareOrders();
    for (const column of QUEUE_COLUMNS) expect(fresh.hasOrder(column), column).toBe(true);
    await expectSameAsSql(fresh, 'built in slices', [{}, OPEN, { priorities: [1, 2] }]);
  }, 60_000);

  it('does not keep an order built while incidents changed under it', async () => {
    const { core, clock } = workspace;
    // A turn of the event loop after every eight rows sorted or merged: the refresh lands in the middle.
    const index = new QueueIndex({ sortRun: 8, sliceMs: 0 });
    await index.load(core.store.db);
    // Changes committed after the index loaded, refreshed into it while the orders are being built.
    const rows = await core.store.db
      .selectFrom('incident')
      .select('id')
      .where('status', 'in', OPEN.statuses!)
      .orderBy('number')
      .limit(60)
      .execute();
    for (const [i, { id }] of rows.entries()) {
      clock.advance(60_000);
      const changed = await core.invoke('incident/update', {
        id,
        fields: { title: `${'A'.repeat(1 + (i % 3))} moved ${i}` },
      });
      expect(changed.ok, JSON.stringify(changed)).toBe(true);
    }
    const preparing = index.prepareOrders();
    await index.refresh(
      core.store.db,
      rows.map((row) => row.id),
    );
    await preparing;
    context = { ...context, nowMs: clock.now() };
    await expectSameAsSql(index, 'changed while built', [{}, OPEN]);
  }, 60_000);
});

describe('the queue while its index loads', () => {
  const query = { filter: OPEN, sort: { column: 'updated', direction: 'desc' } as const, offset: 0, limit: 40 };

  /**
   * Runs `test` with a reader whose index load (seconds at 100,000 incidents) waits until `release` is called,
   * then lets the load end and waits for it.
   */
  async function whileLoading(test: (reader: QueueReader, release: () => void) => Promise<void>): Promise<void> {
    const load = QueueIndex.prototype.load;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const spy = vi.spyOn(QueueIndex.prototype, 'load').mockImplementation(async function (this: QueueIndex, db) {
      await held;
      return load.call(this, db);
    });
    try {
      const reader = new QueueReader(workspace.core.store);
      const stop = reader.start();
      await test(reader, release);
      release();
      await reader.settled();
      stop();
    } finally {
      release();
      spy.mockRestore();
    }
  }

  it('answers pages from SQL while the index loads, also after a change made meanwhile', async () => {
    const { store } = workspace.core;
    await whileLoading(async (reader, release) => {
      const [first] = (await findQueuePage(store.db, query, context)).rows;
      const changed = await workspace.core.invoke('incident/update', {
        id: first!.id,
        fields: { title: 'Renamed while the queue loads' },
      });
      expect(changed.ok).toBe(true);
      let answered: QueuePage | null = null;
      const asked = reader.page(query, context).then((page) => (answered = page));
      await vi.waitFor(() => expect(answered).not.toBeNull());
      expect(answered!.rows[0]).toMatchObject({ id: first!.id, title: 'Renamed while the queue loads' });
      release();
      await asked;
      await reader.settled();
      // Once loaded, the index has the change too.
      expect((await reader.page(query, context)).rows[0]).toMatchObject({ title: 'Renamed while the queue loads' });
    });
  });

  it('answers pages from SQL until the index has loaded, not after it', async () => {
    await whileLoading(async (reader, release) => {
      let answered: QueuePage | null = null;
      const asked = reader.page(query, context).then((page) => (answered = page));
      await vi.waitFor(() => expect(answered).not.toBeNull());
      expect(answered).toEqual(await findQueuePage(workspace.core.store.db, query, context));
      release();
      await asked;
    });
  });
});
