import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshKpiFacts } from '#core/kpi/kpi-projection.ts';
import { refreshIncidentDue } from '#core/sla/due-projection.ts';
import type { Db } from '#core/store/store.ts';
import { openDemoCore } from '../../helpers/demo-workspace.ts';
import type { DemoCore } from '../../helpers/demo-workspace.ts';
import { call } from '../../helpers/invoke.ts';

/**
 * The background recompute after a calendar change works each incident's clocks out once and writes back only
 * the due columns and, of the KPI facts, the SLA verdicts and the last instant they count for (issue 12, for
 * speed). What it leaves must be exactly what the write path's full refresh of each incident gives.
 */
const kpiRows = (db: Db) => db.selectFrom('incident_kpi').select(['id', 'sla', 'active_until']).orderBy('id').execute();

describe('the recompute after a calendar change', () => {
  let demo: DemoCore;

  beforeAll(async () => {
    demo = await openDemoCore({ incidents: 200 });
    await call(demo.core, 'session/signIn', { agentId: demo.supervisor.id });
    await demo.core.settleDueTimes();
  }, 120_000);
  afterAll(async () => {
    await demo?.dispose();
  });

  it('leaves the due times and KPI facts the full refresh of every incident gives', async () => {
    const db = demo.core.store.db;
    // Some finished incidents' facts as an older version could have left them: no verdicts, and an end that is
    // wrong. The recompute puts the verdicts back, and with them the end they count to.
    const finished = await db
      .selectFrom('incident_kpi')
      .select('id')
      .where('sla', '<>', '{}')
      .where('active_until', 'is not', null)
      .orderBy('id')
      .limit(5)
      .execute();
    expect(finished).toHaveLength(5);
    await db
      .updateTable('incident_kpi')
      .set({ sla: '{}', active_until: 0 })
      .where(
        'id',
        'in',
        finished.map((row) => row.id),
      )
      .execute();
    const before = await kpiRows(db);
    const office = (await call(demo.core, 'calendar/list', {})).find((c) => !c.isDefault && c.usedBy.length)!;
    // Open late and close early: due instants move, and clocks met in time before now breach, or the reverse.
    const short = office.hours.mon.map(([start, end]) => [start === '00:00' ? start : '11:00', end] as const);
    await call(demo.core, 'calendar/save', {
      id: office.id,
      name: office.name,
      timeZone: office.timeZone,
      hours: { ...office.hours, mon: short, tue: short, wed: short, thu: short, fri: short },
      holidays: office.holidays,
    });
    await demo.core.settleDueTimes();
    const after = await kpiRows(db);
    const moved = after.filter((row, i) => row.sla !== before[i]!.sla);
    expect(moved.length).toBeGreaterThan(10);

    const ids = after.map((row) => row.id);
    const refreshed = await db.transaction().execute(async (tx) => ({
      due: await refreshIncidentDue(tx, ids),
      kpi: await refreshKpiFacts(tx, ids),
    }));
    expect(refreshed).toEqual({ due: [], kpi: [] });
  });
});
