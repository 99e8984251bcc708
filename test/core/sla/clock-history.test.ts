import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import type { Change } from '#shared/change.ts';
import type { Status } from '#shared/domain/enums.ts';
import { slaHistory } from '#shared/domain/sla-history.ts';
import { createCore, workspaceFile } from '#core/index.ts';
import { loadDueFacts } from '#core/sla/due.repository.ts';
import { Store } from '#core/store/store.ts';
import type { Db } from '#core/store/store.ts';
import { MIGRATIONS } from '#core/store/migrations/index.ts';
import { readChangeLog } from '../../helpers/change-log.ts';
import { openDemoCore } from '../../helpers/demo-workspace.ts';
import type { DemoCore } from '../../helpers/demo-workspace.ts';
import { prng } from '../../helpers/prng.ts';
import { openTempCore } from '../../helpers/temp-workspace.ts';
import type { TempCore } from '../../helpers/temp-workspace.ts';
import { slaHistoryFromTimeline } from '../../helpers/sla-history-reference.ts';
import { undoMigrationsAfter } from '../../helpers/undo-migrations.ts';

/**
 * Each incident's clock history (issue 12) is a projection the recompute after a calendar change reads instead
 * of the timeline: it must say what the whole timeline says, however the changes arrived, and be there for a
 * workspace from before it.
 */
const clockRows = async (db: Db) =>
  (await db.executeQuery(CompiledQuery.raw('SELECT id, entries FROM incident_clock ORDER BY id'))).rows;

describe("each incident's clock history", () => {
  let demo: DemoCore;
  const opened: TempCore[] = [];

  beforeAll(async () => {
    demo = await openDemoCore({ incidents: 150 });
  }, 120_000);
  afterAll(async () => {
    for (const temp of opened) await temp.dispose();
    await demo?.dispose();
  });

  it('gives every incident the clock events its whole timeline gives', async () => {
    const db = demo.core.store.db;
    const incidents = await db.selectFrom('incident').select(['id', 'status', 'created_at']).execute();
    const stored = new Map(
      (
        await loadDueFacts(
          db,
          incidents.map((i) => i.id),
        )
      ).map((f) => [f.id, f]),
    );
    let eventful = 0;
    for (const incident of incidents) {
      const status = incident.status as Status;
      const whole = await slaHistoryFromTimeline(db, { ...incident, status });
      const createdAt = Date.parse(incident.created_at);
      expect(slaHistory(createdAt, status, stored.get(incident.id)!.entries), incident.id).toEqual(whole);
      if (whole.events.length >= 3) eventful++;
    }
    expect(eventful).toBeGreaterThan(20);
  });

  it('equals a rebuild from the change log, on a workstation that got the changes late and shuffled', async () => {
    const expected = await clockRows(demo.core.store.db);
    expect(expected.length).toBeGreaterThan(100);
    const random = prng(1202);
    const changes = random.shuffle(await readChangeLog(demo.core.store.db));
    const other = await openTempCore();
    opened.push(other);
    for (let at = 0; at < changes.length;) {
      const size = random.int(1, 400);
      await other.core.store.applyBatch(changes.slice(at, at + size) as Change[], 'remote');
      at += size;
    }
    expect(await clockRows(other.core.store.db)).toEqual(expected);
    // And every projection rebuilt from field state and the timeline at once (the end of a bootstrap).
    await demo.core.store.rebuildProjections();
    expect(await clockRows(demo.core.store.db)).toEqual(expected);
  });

  it('is filled for a workspace from before it when that is opened', async () => {
    const expected = await clockRows(demo.core.store.db);
    await demo.core.close();
    const old = await Store.open({ file: workspaceFile(demo.dir), now: demo.clock.now });
    const before = MIGRATIONS.find((m) => m.name === 'clock history')!.version - 1;
    for (const statement of [...undoMigrationsAfter('escalation windows'), `PRAGMA user_version = ${before}`]) {
      await old.db.executeQuery(CompiledQuery.raw(statement));
    }
    await old.close();
    const upgraded = await createCore({ dataDir: demo.dir, now: demo.clock.now, autoSync: false });
    try {
      expect(await clockRows(upgraded.store.db)).toEqual(expected);
    } finally {
      await upgraded.close();
    }
  });
});
