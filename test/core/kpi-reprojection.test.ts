import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KpiIndex, KpiReader } from '#core/kpi/kpi-reader.ts';
import { call } from '../helpers/invoke.ts';
import { refreshesWhileOneIsHeld } from '../helpers/reprojection.ts';
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
    const reader = new KpiReader(workspace.core.store);
    const { ids, refreshed } = await refreshesWhileOneIsHeld(workspace, reader, KpiIndex.prototype);
    expect(refreshed).toEqual([[ids[0]], [ids[1], ids[2]]]);
  });
});
