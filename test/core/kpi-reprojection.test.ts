import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KpiIndex, KpiReader } from '#core/kpi/kpi-reader.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

/**
 * After a calendar or policy change the recompute announces every chunk whose SLA verdicts moved. Each refresh
 * of the KPIs' index queues for the database behind the recompute's next chunk; one a chunk fell behind, and a
 * report (which waits for the refreshes before it) waited for all of them.
 */
let workspace: TempCore;

beforeEach(async () => {
  workspace = await openTempCore({ queueIndex: false });
  await call(workspace.core, 'session/register', { name: 'Sam Supervisor', email: 'sam@desk.test' });
});
afterEach(() => workspace.dispose());

describe('the KPIs while SLA verdicts are reprojected', () => {
  it('refreshes the chunks announced while a refresh is under way together, so it never falls behind', async () => {
    const { store } = workspace.core;
    const ids: string[] = [];
    for (const title of ['Printer jams', 'Mail is slow', 'VPN drops']) {
      const created = await call(workspace.core, 'incident/create', { title, channel: 'phone', impact: 2, urgency: 2 });
      ids.push(created.incident.id);
    }
    const reader = new KpiReader(store);
    const stop = reader.start();
    await reader.settled();

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const refresh = KpiIndex.prototype.refresh;
    const refreshed: string[][] = [];
    const spy = vi.spyOn(KpiIndex.prototype, 'refresh').mockImplementation(async function (this: KpiIndex, db, list) {
      refreshed.push([...list]);
      if (refreshed.length === 1) await gate;
      return refresh.call(this, db, list);
    });
    try {
      for (const id of ids) await store.reproject(async () => ({ incidentIds: [id], value: null }));
      release();
      await reader.settled();
    } finally {
      spy.mockRestore();
      stop();
    }
    expect(refreshed).toEqual([[ids[0]], [ids[1], ids[2]]]);
  });
});
