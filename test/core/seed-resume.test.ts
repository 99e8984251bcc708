import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_AGENTS, DEMO_GROUPS } from '#core/seed/demo-catalogue.ts';
import { seedDemoWorkspace } from '#core/seed/demo-seed.ts';
import { Store } from '#core/store/store.ts';
import { killHard, spawnTs } from '../helpers/child-process.ts';
import { projectionSnapshot } from '../helpers/projections.ts';
import type { ProjectionSnapshot } from '../helpers/projections.ts';
import { FIXED_NOW, tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const INCIDENTS = 1_000;
const HOUR = 3_600_000;

/** Everything an agent sees, without device ids, which differ between any two workspaces by design. */
async function seen(store: Store): Promise<ProjectionSnapshot> {
  const snapshot = await projectionSnapshot(store.db, ['printer', 'vpn']);
  const withoutDevice = (rows: unknown[] = []) =>
    rows.map((row) => {
      const { device: _device, ...rest } = row as Record<string, unknown>;
      return rest;
    });
  return {
    tables: {
      ...snapshot.tables,
      timeline_event: withoutDevice(snapshot.tables.timeline_event),
      field_state: withoutDevice(snapshot.tables.field_state),
    },
    searches: snapshot.searches,
  };
}

// Each case starts, kills and restarts a real desk seed and compares two workspaces: minutes on a busy machine.
describe('desk seed killed part-way and run again', { timeout: 180_000 }, () => {
  let folder: TempDir;
  beforeEach(async () => {
    folder = await tempDir('desk-seed-resume-');
  });
  afterEach(async () => {
    await folder.remove();
  });

  // Batch 1 is the reference data (agents, groups, contacts…): stopping there is stopping before the first
  // incident batch. Batch 3 is part-way through the incidents.
  for (const stopAfter of [1, 3]) {
    it(`after batch ${stopAfter} ends as one uninterrupted seed would, with nothing twice`, async () => {
      const file = path.join(folder.path, 'workspace.sqlite');
      const child = spawnTs(path.join(FIXTURES, 'seed-until.child.ts'), [
        file,
        String(stopAfter),
        String(FIXED_NOW),
        String(INCIDENTS),
      ]);
      await child.waitFor(new RegExp(`^stopped after batch ${stopAfter}$`));
      await killHard(child);

      // Run again an hour later, as someone would: the store's clock has moved on.
      const resumed = await Store.open({ file, now: () => FIXED_NOW + HOUR });
      const straight = await Store.open({ file: path.join(folder.path, 'straight.sqlite'), now: () => FIXED_NOW });
      try {
        const summary = await seedDemoWorkspace(resumed, { incidents: INCIDENTS, seed: 7 });
        expect(summary).toMatchObject({ incidents: INCIDENTS, agents: DEMO_AGENTS.length, groups: DEMO_GROUPS.length });
        const expected = await seedDemoWorkspace(straight, { incidents: INCIDENTS, seed: 7 });
        expect(summary).toEqual(expected);

        const agents = await resumed.db.selectFrom('agent').select('id').execute();
        expect(agents).toHaveLength(DEMO_AGENTS.length);
        expect(await seen(resumed)).toEqual(await seen(straight));
        // Finished: a third run refuses, as for any workspace that has incidents.
        await expect(seedDemoWorkspace(resumed, { incidents: INCIDENTS, seed: 7 })).rejects.toMatchObject({
          code: 'conflict',
        });
      } finally {
        await resumed.close();
        await straight.close();
      }
    });
  }

  it('says how to finish an interrupted seed when run again with other options', async () => {
    const file = path.join(folder.path, 'workspace.sqlite');
    const child = spawnTs(path.join(FIXTURES, 'seed-until.child.ts'), [file, '1', String(FIXED_NOW), '800']);
    await child.waitFor(/^stopped after batch 1$/);
    await killHard(child);

    const store = await Store.open({ file, now: () => FIXED_NOW + HOUR });
    try {
      const refused = seedDemoWorkspace(store, { incidents: 500, seed: 7 });
      await expect(refused).rejects.toMatchObject({ code: 'conflict' });
      await expect(refused).rejects.toThrow(/--incidents 800 --seed 7/);
      const agents = await store.db.selectFrom('agent').select('id').execute();
      expect(agents).toHaveLength(DEMO_AGENTS.length);
    } finally {
      await store.close();
    }
  });
});
