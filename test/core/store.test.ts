import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc } from '#shared/hlc.ts';
import { DeskError } from '#shared/errors.ts';
import type { ApplyResult } from '#core/store/apply.ts';
import { MIGRATIONS } from '#core/store/migrations/index.ts';
import { Store } from '#core/store/store.ts';
import { readChangeLog } from '../helpers/change-log.ts';
import { fingerprintDatabase } from '../helpers/fingerprint.ts';
import { FIXED_NOW, tempDir, testClock } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

const GROUP_ID = '0190f000-0000-7000-8000-0000000000aa';
const LATEST_SCHEMA = MIGRATIONS.at(-1)!.version;

async function pragma(store: Store, name: string): Promise<unknown> {
  const { rows } = await store.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`PRAGMA ${name}`));
  return Object.values(rows[0] ?? {})[0];
}

describe('the store', () => {
  let folder: TempDir;
  let file: string;

  beforeEach(async () => {
    folder = await tempDir();
    file = path.join(folder.path, 'nested', 'workspace.sqlite');
  });
  afterEach(async () => {
    await folder.remove();
  });

  it('opens a new file in WAL mode with foreign keys, creating its folder, and migrates to the latest schema', async () => {
    const store = await Store.open({ file, now: testClock().now });
    try {
      expect(await pragma(store, 'journal_mode')).toBe('wal');
      expect(await pragma(store, 'foreign_keys')).toBe(1);
      expect(await pragma(store, 'user_version')).toBe(LATEST_SCHEMA);
      expect(await pragma(store, 'integrity_check')).toBe('ok');
      expect(store.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await store.close();
    }
  });

  it('keeps its data, device and clock across a reopen, even when the wall clock went back', async () => {
    const clock = testClock();
    let store = await Store.open({ file, now: clock.now });
    const { value: stamp } = await store.command(null, async (_tx, rec) => {
      rec.set('group', GROUP_ID, 'name', 'Desk');
      return rec.hlc;
    });
    const device = store.deviceId;
    await store.close();

    clock.set(FIXED_NOW - 3_600_000);
    store = await Store.open({ file, now: clock.now });
    try {
      expect(store.deviceId).toBe(device);
      const { value: later } = await store.command(null, async (_tx, rec) => {
        rec.set('group', GROUP_ID, 'name', 'Service Desk');
        return rec.hlc;
      });
      expect(later > stamp).toBe(true);
      const group = await store.db.selectFrom('agent_group').selectAll().executeTakeFirstOrThrow();
      expect(group.name).toBe('Service Desk');
    } finally {
      await store.close();
    }
  });

  it('is not moved to a fast wall clock by changes stamped before its time (the defaults written at start)', async () => {
    // This computer's clock runs ten minutes fast, and the hub's offset is not known yet when the workspace opens.
    const clock = testClock(FIXED_NOW + 600_000);
    const store = await Store.open({ file, now: clock.now });
    try {
      const ancient = { hlc: encodeHlc({ wall: 0, counter: 0 }), device: 'defaults', actor: null, op: 'set' as const };
      await store.applyBatch([
        {
          ...ancient,
          id: '0190f000-0000-7000-8000-0000000000b1',
          entity: 'group',
          entityId: GROUP_ID,
          field: 'name',
          value: 'Desk',
        },
      ]);
      store.setClockOffset(-600_000);
      const { value: stamp } = await store.command(null, async (_tx, rec) => {
        rec.set('group', GROUP_ID, 'name', 'Service Desk');
        return rec.hlc;
      });
      expect(decodeHlc(stamp).wall).toBe(FIXED_NOW);
    } finally {
      await store.close();
    }
  });

  it('gives a copied workspace file a new device identity, remembering the old one', async () => {
    const store = await Store.open({ file, now: testClock().now });
    await store.command(null, async (_tx, rec) => rec.set('group', GROUP_ID, 'name', 'Desk'));
    const original = store.deviceId;
    await store.close();
    const copy = path.join(folder.path, 'copy.sqlite');
    await copyFile(file, copy);
    const copied = await Store.open({ file: copy, now: testClock().now });
    try {
      expect(copied.deviceId).not.toBe(original);
      expect(await copied.getMeta('previous_device_id')).toBe(original);
      const { value: device } = await copied.command(null, async (_tx, rec) => {
        rec.set('group', GROUP_ID, 'name', 'Copy desk');
        return rec.device;
      });
      expect(device).toBe(copied.deviceId);
    } finally {
      await copied.close();
    }
  });

  it('refuses a workspace written by a newer version, and leaves it as it was', async () => {
    const store = await Store.open({ file, now: testClock().now });
    await store.db.executeQuery(CompiledQuery.raw('PRAGMA user_version = 99'));
    const before = await fingerprintDatabase(store.db);
    await store.close();
    await expect(Store.open({ file, now: testClock().now })).rejects.toThrow(/newer Incident Desk/);
    // Put the version back and check nothing else was touched by the refused open.
    const { default: sqlite3 } = await import('sqlite3');
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(file, (error) => {
        if (error) return reject(error);
        db.exec(`PRAGMA user_version = ${LATEST_SCHEMA}`, (e) =>
          e ? reject(e) : db.close((c) => (c ? reject(c) : resolve())),
        );
      });
    });
    const reopened = await Store.open({ file, now: testClock().now });
    try {
      const after = await fingerprintDatabase(reopened.db);
      expect({ ...after, 'pragma user_version': null }).toEqual({ ...before, 'pragma user_version': null });
    } finally {
      await reopened.close();
    }
  });

  it('rolls a failing command back completely, and tells nobody', async () => {
    const store = await Store.open({ file, now: testClock().now });
    try {
      const seen: ApplyResult[] = [];
      store.onApplied((result) => seen.push(result));
      const before = await fingerprintDatabase(store.db);
      await expect(
        store.command(null, async (tx, rec) => {
          rec.set('group', GROUP_ID, 'name', 'Desk');
          await tx.insertInto('meta').values({ key: 'scratch', value: 'x' }).execute();
          throw new DeskError('conflict', 'changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await fingerprintDatabase(store.db)).toEqual(before);
      expect(seen).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('drops duplicates, reports only fresh changes, and moves its clock past a remote one from the future', async () => {
    const clock = testClock();
    const source = await Store.open({
      file: path.join(folder.path, 'source.sqlite'),
      now: testClock(FIXED_NOW + 600_000).now,
    });
    const store = await Store.open({ file, now: clock.now });
    try {
      await source.command(null, async (_tx, rec) => {
        rec.set('group', GROUP_ID, 'name', 'Desk');
        rec.set('group', GROUP_ID, 'description', 'First line');
      });
      const changes = await readChangeLog(source.db);
      const seen: ApplyResult[] = [];
      store.onApplied((result) => seen.push(result));
      const first = await store.applyBatch([...changes, changes[0]!], 'remote');
      expect(first.fresh.map((c) => c.id)).toEqual(changes.map((c) => c.id));
      expect(first.reference).toBe(true);
      const again = await store.applyBatch(changes, 'remote');
      expect(again.fresh).toEqual([]);
      expect(seen).toHaveLength(1);

      const { value: local } = await store.command(null, async (_tx, rec) => {
        rec.set('group', GROUP_ID, 'name', 'Service Desk');
        return rec.hlc;
      });
      // Ten minutes behind the remote clock, the local edit still orders after it, and so wins.
      expect(local > changes[0]!.hlc).toBe(true);
      expect(decodeHlc(local).wall).toBe(FIXED_NOW + 600_000);
      const group = await store.db.selectFrom('agent_group').selectAll().executeTakeFirstOrThrow();
      expect(group).toEqual({ id: GROUP_ID, name: 'Service Desk', description: 'First line' });
      const origins = await store.db.selectFrom('change').select(['origin']).orderBy('seq').execute();
      expect(origins.map((o) => o.origin)).toEqual(['remote', 'remote', 'local']);
    } finally {
      await source.close();
      await store.close();
    }
  });

  it('stamps bulk loads in the past without letting later commands order before them', async () => {
    const store = await Store.open({ file, now: testClock().now });
    try {
      const past = store.stampAt(FIXED_NOW + 5_000, null);
      past.set('group', GROUP_ID, 'name', 'From the seed');
      await store.applyBatch(past.changes, 'local');
      const { value } = await store.command(null, async (_tx, rec) => {
        rec.set('group', GROUP_ID, 'name', 'Edited');
        return rec.hlc;
      });
      expect(value > encodeHlc({ wall: FIXED_NOW + 5_000, counter: 0 })).toBe(true);
      expect((await store.db.selectFrom('agent_group').select('name').executeTakeFirstOrThrow()).name).toBe('Edited');
    } finally {
      await store.close();
    }
  });
});
