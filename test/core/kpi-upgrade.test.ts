import { CompiledQuery } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, workspaceFile } from '#core/index.ts';
import { Store } from '#core/store/store.ts';
import { MIGRATIONS } from '#core/store/migrations/index.ts';
import { openDemoCore } from '../helpers/demo-workspace.ts';
import type { DemoCore } from '../helpers/demo-workspace.ts';
import { call } from '../helpers/invoke.ts';
import { undoMigrationsAfter } from '../helpers/undo-migrations.ts';

/**
 * A workspace written before the KPI migration already holds incidents: the facts the figures read must be
 * built for them when it is opened by this version, or their KPIs would read zero until each incident changed.
 */
describe('a workspace from before the KPIs', () => {
  let demo: DemoCore;

  afterAll(async () => {
    await demo?.dispose();
  });

  it('gets every incident’s KPI facts when it is upgraded, and the same figures as one seeded after', async () => {
    demo = await openDemoCore({ incidents: 120 });
    await call(demo.core, 'session/signIn', { agentId: demo.supervisor.id });
    // A workspace from before the KPIs is from before service levels too: no policies, so no SLA verdicts.
    for (const policy of await call(demo.core, 'sla/policies', {})) {
      await call(demo.core, 'sla/deletePolicy', { id: policy.id });
    }
    await demo.core.settleDueTimes();
    const period = { period: { preset: 'last30Days' } } as const;
    const expected = await call(demo.core, 'kpi/report', period);
    expect(expected.figures.created).toBeGreaterThan(0);
    await demo.core.close();

    // Back to the schema before the KPI facts: what later migrations added, then no facts table, no goals table.
    const beforeKpi = MIGRATIONS.find((m) => m.name === 'kpi')!.version - 1;
    const old = await Store.open({ file: workspaceFile(demo.dir), now: demo.clock.now });
    const back = [...undoMigrationsAfter('kpi'), 'DROP TABLE incident_kpi', 'DROP TABLE goal'];
    for (const statement of [...back, `PRAGMA user_version = ${beforeKpi}`]) {
      await old.db.executeQuery(CompiledQuery.raw(statement));
    }
    await old.close();

    const upgraded = await createCore({ dataDir: demo.dir, now: demo.clock.now, autoSync: false });
    try {
      await call(upgraded, 'session/signIn', { agentId: demo.supervisor.id });
      const incidents = await upgraded.store.db
        .selectFrom('incident')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const facts = await upgraded.store.db
        .selectFrom('incident_kpi')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(facts.n).toBe(incidents.n);
      const report = await call(upgraded, 'kpi/report', period);
      expect(report.figures).toEqual(expected.figures);
    } finally {
      await upgraded.close();
    }
  });
});
