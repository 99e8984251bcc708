import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '#core/index.ts';
import { seedDemoWorkspace } from '#core/seed/demo-seed.ts';
import { spawnTs } from '../helpers/child-process.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { addAccount, createTeam, issueTokenFor } from '../../hub/auth/accounts.ts';
import { projectionSnapshot } from '../helpers/projections.ts';
import { tempDir } from '../helpers/temp-workspace.ts';

/**
 * A workstation killed (SIGKILL, a real process) in the middle of pulling restarts and ends with exactly
 * what the team has: each page commits with its cursor, so nothing is lost and nothing counted twice.
 */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);

afterAll(() => hub.close());

/** A team of its own: the puller bootstraps while it is empty, then the author fills it. */
async function teamWithData(name: string) {
  const pool = hub.hub.database.pool;
  const team = await createTeam(pool, name);
  const agent = async (email: string) => {
    await addAccount(pool, team.id, { email, name: email.split('@')[0]!, role: 'supervisor' }, Date.now());
    return issueTokenFor(pool, team.id, email, 'workstation');
  };
  const sourceDir = await tempDir('desk-kill-source-');
  const pullerDir = await tempDir('desk-kill-');
  const source = await createCore({ dataDir: sourceDir.path, autoSync: false, queueIndex: false });
  const puller = await createCore({ dataDir: pullerDir.path, autoSync: false, queueIndex: false });
  for (const [core, token] of [
    [source, await agent('alex@desk.example')],
    [puller, await agent('priya@desk.example')],
  ] as const) {
    const connected = await core.invoke('sync/connect', { hubUrl: hub.url, token });
    if (!connected.ok) throw new Error(connected.error.message);
    await core.sync.syncNow();
  }
  await puller.close();
  await seedDemoWorkspace(source.store, { incidents: 120, seed: 3 });
  await source.sync.syncNow();
  await source.sync.syncNow(); // the hub's numbers come back
  return {
    source,
    pullerDir,
    dispose: async () => {
      await source.close();
      await sourceDir.remove();
      await pullerDir.remove();
    },
  };
}

describe('a workstation killed mid-pull', () => {
  for (const killAfterPages of [1, 7, 19]) {
    it(`restarts after being killed at page ${killAfterPages} and ends equal to the team`, async () => {
      const { source, pullerDir: dir, dispose } = await teamWithData(`Kill at ${killAfterPages}`);
      try {
        const child = spawnTs('test/sync/fixtures/pull.child.ts', [dir.path]);
        await child.waitFor(/^page committed/, { occurrence: killAfterPages, timeoutMs: 60_000 });
        child.process.kill('SIGKILL');
        const exit = await child.exited;
        expect(exit.signal, child.stderr()).toBe('SIGKILL');
        expect(child.lines).not.toContain('done');

        const restarted = await createCore({ dataDir: dir.path, autoSync: false, queueIndex: false });
        try {
          await restarted.sync.syncNow();
          const mine = await projectionSnapshot(restarted.store.db, ['printer', 'vpn']);
          const theirs = await projectionSnapshot(source.store.db, ['printer', 'vpn']);
          for (const table of ['incident', 'timeline_event', 'agent', 'contact', 'category', 'field_state']) {
            expect(mine.tables[table], table).toEqual(theirs.tables[table]);
          }
          expect(mine.searches).toEqual(theirs.searches);
          const duplicates = await restarted.store.db
            .selectFrom('change')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .groupBy('id')
            .having((eb) => eb.fn.countAll(), '>', 1)
            .execute();
          expect(duplicates).toEqual([]);
        } finally {
          await restarted.close();
        }
      } finally {
        await dispose();
      }
    }, 120_000);
  }
});
