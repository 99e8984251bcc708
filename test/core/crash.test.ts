import path from 'node:path';
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '#core/index.ts';
import { Store } from '#core/store/store.ts';
import { readChangeLog } from '../helpers/change-log.ts';
import { killHard, spawnTs } from '../helpers/child-process.ts';
import { call } from '../helpers/invoke.ts';
import { categorise } from '../helpers/incidents.ts';
import { projectionSnapshot } from '../helpers/projections.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

async function scalar(store: Store, sql: string): Promise<unknown> {
  const { rows } = await store.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(sql));
  return Object.values(rows[0] ?? {})[0];
}

describe('a crash (kill -9)', () => {
  let folder: TempDir;
  beforeEach(async () => {
    folder = await tempDir('desk-crash-');
  });
  afterEach(async () => {
    await folder.remove();
  });

  it('right after two acknowledged commands loses neither', async () => {
    const child = spawnTs(path.join(FIXTURES, 'two-commands.child.ts'), [folder.path]);
    const ackA = await child.waitFor(/^ack A /);
    const ackB = await child.waitFor(/^ack B /);
    await killHard(child);
    const id = ackA.split(' ')[2]!;
    expect(ackB).toBe(`ack B ${id}`);

    const core = await createCore({ dataDir: folder.path });
    try {
      expect(await scalar(core.store, 'PRAGMA integrity_check')).toBe('ok');
      const detail = await call(core, 'incident/get', { id });
      expect(detail.incident).toMatchObject({
        title: 'Command A: printer jams',
        status: 'resolved',
        resolutionNotes: 'Command B: cleared the paper path.',
      });
      // The resolution mail rule acted in command B's transaction: it is as durable as the step itself.
      expect(detail.timeline.map((e) => e.action)).toEqual(['create', 'resolve', 'automation']);
      // The workspace keeps working: the next command lands after the ones before the crash.
      await call(core, 'session/signIn', { agentId: detail.timeline[0]!.actorId! });
      await categorise(core, id);
      const next = await call(core, 'incident/transition', { id, action: 'close' });
      expect(next.incident.status).toBe('closed');
    } finally {
      await core.close();
    }
  });

  it('in the middle of a large batch keeps every batch whole or not at all', async () => {
    const file = path.join(folder.path, 'workspace.sqlite');
    const perBatch = 1_500;
    const changesPerIncident = 12;
    const child = spawnTs(path.join(FIXTURES, 'big-batches.child.ts'), [file, String(perBatch)]);
    await child.waitFor(/^commit 1$/);
    // Time one batch, then kill half-way through the next.
    const startedAt = performance.now();
    await child.waitFor(/^begin 2$/);
    await child.waitFor(/^commit 2$/);
    const batchMs = performance.now() - startedAt;
    await child.waitFor(/^begin 3$/);
    await new Promise((resolve) => setTimeout(resolve, batchMs / 2));
    await killHard(child);
    const committed = child.lines.filter((line) => line.startsWith('commit ')).length;
    const begun = child.lines.filter((line) => line.startsWith('begin ')).length;

    const store = await Store.open({ file });
    try {
      expect(await scalar(store, 'PRAGMA integrity_check')).toBe('ok');
      const { rows } = await store.db.executeQuery<{ batch: string; changes: number }>(
        CompiledQuery.raw(
          `SELECT substr(id, 10, 4) AS batch, count(*) AS changes FROM change GROUP BY batch ORDER BY batch`,
        ),
      );
      const batches = rows.map((row) => parseInt(row.batch, 16));
      // Whole batches, numbered from 0 without a gap: every acknowledged one, and at most the one in flight.
      expect(batches).toEqual(Array.from({ length: batches.length }, (_, i) => i));
      expect(batches.length).toBeGreaterThanOrEqual(committed);
      expect(batches.length).toBeLessThanOrEqual(begun);
      for (const row of rows) expect(row.changes, `batch ${row.batch}`).toBe(perBatch * changesPerIncident);
      // The projections agree with the log: nothing was applied half-way either.
      const incidents = batches.length * perBatch;
      expect(await scalar(store, 'SELECT count(*) FROM incident')).toBe(incidents);
      expect(await scalar(store, 'SELECT count(*) FROM timeline_event')).toBe(incidents * 2);
      expect(await scalar(store, 'SELECT count(*) FROM field_state')).toBe(incidents * 10);
      expect(await scalar(store, 'SELECT count(*) FROM incident_fts_docsize')).toBe(incidents);
      expect(
        await scalar(store, `SELECT count(*) FROM incident_fts WHERE incident_fts MATCH '"note"* "incident"*'`),
      ).toBe(incidents);
      // And the store takes writes again.
      await store.command(null, async (_tx, rec) =>
        rec.set('group', '0190f000-0000-7000-8000-0000000000aa', 'name', 'Desk'),
      );
      expect(await scalar(store, 'SELECT name FROM agent_group')).toBe('Desk');
    } finally {
      await store.close();
    }
  });

  it('in the middle of seeding leaves a workspace that matches its own change log', async () => {
    const file = path.join(folder.path, 'workspace.sqlite');
    const child = spawnTs(path.join(FIXTURES, 'seed.child.ts'), [file]);
    await child.waitFor(/^seeding$/);
    // Reference data first, then a few batches of incidents; kill while later ones are being written.
    await child.waitFor(/^batch /, { occurrence: 3 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    await killHard(child);

    const store = await Store.open({ file });
    const replay = await Store.open({ file: path.join(folder.path, 'replay.sqlite') });
    try {
      expect(await scalar(store, 'PRAGMA integrity_check')).toBe('ok');
      const numbers = (await store.db.selectFrom('incident').select('number').orderBy('number').execute()).map(
        (row) => row.number,
      );
      expect(numbers.length).toBeGreaterThan(0);
      expect(numbers.length).toBeLessThan(50_000);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      // Applying the surviving log to an empty store gives the same workspace: no projection is ahead of
      // or behind the log.
      await replay.applyBatch(await readChangeLog(store.db), 'remote');
      const searches = ['printer', 'vpn', 'INC-1'];
      expect(await projectionSnapshot(replay.db, searches)).toEqual(await projectionSnapshot(store.db, searches));
    } finally {
      await store.close();
      await replay.close();
    }
  });
});
