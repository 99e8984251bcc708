import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueueIndex } from '#core/queue/queue-index.ts';
import { QueueReader } from '#core/queue/queue-reader.ts';
import { call } from '../helpers/invoke.ts';
import { refreshesWhileOneIsHeld } from '../helpers/reprojection.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

/**
 * After a calendar or policy change the due times are reprojected chunk by chunk, each chunk announced to the
 * queue. A page must not wait for the queue to catch up on those: each refresh queues for the database behind
 * the recompute's next chunk, and a page that waited for them all stood still for seconds.
 */
let workspace: TempCore;

beforeEach(async () => {
  workspace = await openTempCore({ queueIndex: false });
  await call(workspace.core, 'session/register', { name: 'Sam Supervisor', email: 'sam@desk.test' });
});
afterEach(() => workspace.dispose());

const page = { filter: {}, sort: { column: 'number', direction: 'asc' }, offset: 0, limit: 10 } as const;

describe('the queue while due times are reprojected', () => {
  it('answers a page from its index while the refresh of reprojected rows still waits for the database', async () => {
    const { store } = workspace.core;
    const created = await call(workspace.core, 'incident/create', {
      title: 'Printer jams',
      channel: 'phone',
      impact: 2,
      urgency: 2,
    });
    const reader = new QueueReader(store);
    const stop = reader.start();
    await reader.settled();

    // A chunk of the recompute commits; before its refresh reaches the database, the next chunk holds it.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reprojected = store.reproject(async () => ({ incidentIds: [created.incident.id], value: null }));
    const nextChunk = store.db.transaction().execute(() => gate);
    await reprojected;

    const answered = reader.page(page, { agentId: null, nowMs: workspace.clock.now() }).then((p) => p.total);
    const first = await Promise.race([answered, new Promise((resolve) => setTimeout(() => resolve('waited'), 5_000))]);
    release();
    await nextChunk;
    await reader.settled();
    stop();
    expect(first).toBe(1);
  });

  it('refreshes the chunks announced while a refresh is under way together, so it never falls behind', async () => {
    const reader = new QueueReader(workspace.core.store);
    const { ids, refreshed } = await refreshesWhileOneIsHeld(workspace, reader, QueueIndex.prototype);
    // One refresh for the chunk under way, one for the two announced while it was: not one a chunk.
    expect(refreshed).toEqual([[ids[0]], [ids[1], ids[2]]]);
  });
});
