/**
 * Sync benchmarks (issue "Team sync"): push and pull throughput between two workstations through a real hub,
 * poke-to-visible latency on loopback, and the bootstrap of a new device for a large team, each with a floor
 * measured in the same run where one makes sense.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import sqlite3 from 'sqlite3';
import { changeFromRow } from '#shared/change.ts';
import type { Change, ChangeRow, JsonValue } from '#shared/change.ts';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import { createCore, workspaceFile } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { seedDemoWorkspace } from '#core/seed/demo-seed.ts';
import { pendingBatch } from '#core/sync/outbox.ts';
import { addAccount, createTeam, issueTokenFor } from '../../hub/auth/accounts.ts';
import { startHub } from '../../hub/index.ts';
import type { Hub } from '../../hub/index.ts';
import { appendToLog, withTeamLock } from '../../hub/sync/team-log.ts';
import { summarise } from './measure.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;
const DESK = path.resolve(import.meta.dirname, '..', '..', 'electron', 'host', 'desk.mjs');

async function tempFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755); // PostgreSQL, run as its own user under root, must reach folders inside.
  return dir;
}

async function team(hub: Hub, name: string, agents: number) {
  const created = await createTeam(hub.database.pool, `${name} ${Date.now()}`);
  const tokens: { id: string; token: string }[] = [];
  for (let i = 0; i < agents; i++) {
    const email = `agent${i}@bench.example`;
    const account = await addAccount(
      hub.database.pool,
      created.id,
      { email, name: `Agent ${i}`, role: 'supervisor' },
      Date.now(),
    );
    tokens.push({ id: account.id, token: await issueTokenFor(hub.database.pool, created.id, email, 'bench') });
  }
  return { teamId: created.id, tokens };
}

async function workstation(hub: Hub, token: string, folders: string[], autoSync = false): Promise<Core> {
  const dir = await tempFolder('desk-bench-ws-');
  folders.push(dir);
  const core = await createCore({ dataDir: dir, autoSync, queueIndex: false });
  const connected = await core.invoke('sync/connect', { hubUrl: hub.url, token });
  if (!connected.ok) throw new Error(connected.error.message);
  await core.sync.syncNow();
  return core;
}

/** Reads a workspace's change log in pages (for loading a big team into the hub). */
async function* changeLog(file: string, page = 20_000): AsyncGenerator<Change[]> {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  const all = (after: number) =>
    new Promise<Record<string, unknown>[]>((resolve, reject) =>
      db.all(
        'SELECT seq, id, hlc, device, actor, entity, entity_id, op, field, value FROM change WHERE seq > ? ORDER BY seq LIMIT ?',
        [after, page],
        (error, rows: Record<string, unknown>[]) => (error ? reject(error) : resolve(rows)),
      ),
    );
  let after = 0;
  try {
    for (;;) {
      const rows = await all(after);
      if (!rows.length) return;
      after = rows.at(-1)!.seq as number;
      yield rows.map((r) =>
        changeFromRow({ ...(r as unknown as ChangeRow), value: JSON.parse(r.value as string) as JsonValue }),
      );
    }
  } finally {
    db.close();
  }
}

export interface SyncBenchOptions {
  /** Changes pushed by one workstation and pulled by the other. */
  readonly changes: number;
  /** A seeded workspace whose whole log becomes the large team a new device bootstraps. */
  readonly bootstrapWorkspace?: string;
  readonly pokes: number;
  readonly log: (line: string) => void;
}

export async function benchSync(options: SyncBenchOptions) {
  const { log } = options;
  const folders: string[] = [];
  const hubDir = await tempFolder('desk-bench-hub-');
  folders.push(hubDir);
  const hub = await startHub({
    dataDir: hubDir,
    databaseUrl: process.env.DESK_BENCH_PG_URL,
    rateLimit: { perSecond: 100_000, burst: 100_000 },
  });
  const cores: Core[] = [];
  try {
    const small = await team(hub, 'Throughput', 2);
    const [alex, priya] = [
      await workstation(hub, small.tokens[0]!.token, folders),
      await workstation(hub, small.tokens[1]!.token, folders),
    ];
    cores.push(alex, priya);

    log(`Sync: making about ${options.changes} changes on one workstation …`);
    await seedDemoWorkspace(alex.store, { incidents: Math.max(50, Math.round(options.changes / 30)) });
    const outbox = (await pendingBatch(alex.store, 10_000_000)).changes;
    let started = performance.now();
    const pushed = await alex.sync.syncNow();
    const pushSeconds = (performance.now() - started) / 1000;
    log(`Sync: pushed ${pushed.pushed} changes in ${round1(pushSeconds)} s; pulling them on the other …`);
    started = performance.now();
    const pulled = await priya.sync.syncNow();
    const pullSeconds = (performance.now() - started) / 1000;

    // Floors: the hub's log writer alone (no HTTP, no screening) and the workstation's write path alone.
    const floorTeam = await team(hub, 'Floor', 1);
    started = performance.now();
    for (let i = 0; i < outbox.length; i += 500) {
      const batch = outbox.slice(i, i + 500);
      await withTeamLock(hub.database.pool, floorTeam.teamId, (client, state) =>
        appendToLog(client, state, batch, null),
      );
    }
    const hubFloorSeconds = (performance.now() - started) / 1000;
    const floorDir = await tempFolder('desk-bench-floor-');
    folders.push(floorDir);
    const floorCore = await createCore({ dataDir: floorDir, autoSync: false, queueIndex: false });
    cores.push(floorCore);
    started = performance.now();
    for (let i = 0; i < outbox.length; i += 1000) await floorCore.store.applyBatch(outbox.slice(i, i + 1000), 'remote');
    const applyFloorSeconds = (performance.now() - started) / 1000;

    log(`Sync: poke-to-visible × ${options.pokes} …`);
    const pokeTeam = await team(hub, 'Pokes', 2);
    const sender = await workstation(hub, pokeTeam.tokens[0]!.token, folders, true);
    const receiver = await workstation(hub, pokeTeam.tokens[1]!.token, folders, true);
    cores.push(sender, receiver);
    await sender.session.signIn(pokeTeam.tokens[0]!.id);
    const latencies: number[] = [];
    const seen = new Map<string, number>();
    const waiting = new Map<string, () => void>();
    const stopWatching = receiver.store.onApplied((result) => {
      for (const id of result.incidentIds) {
        if (!seen.has(id)) seen.set(id, performance.now());
        waiting.get(id)?.();
      }
    });
    for (let i = 0; i < options.pokes; i++) {
      const sent = performance.now();
      const created = await sender.invoke('incident/create', {
        title: `Poke ${i}`,
        channel: 'phone',
        impact: 3,
        urgency: 3,
      });
      if (!created.ok) throw new Error(created.error.message);
      const id = (created.value as IncidentDetail).incident.id;
      if (!seen.has(id)) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`incident ${i} not visible on the other workstation within 10 s`)),
            10_000,
          );
          waiting.set(id, () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      latencies.push(seen.get(id)! - sent);
    }
    stopWatching();
    const pokes = summarise(latencies);

    let bootstrap = null;
    if (options.bootstrapWorkspace) {
      log('Sync: loading the large team into the hub …');
      const big = await team(hub, 'Large team', 1);
      started = performance.now();
      let loaded = 0;
      for await (const page of changeLog(workspaceFile(options.bootstrapWorkspace))) {
        await withTeamLock(hub.database.pool, big.teamId, (client, state) => appendToLog(client, state, page, null));
        loaded += page.length;
      }
      const loadSeconds = (performance.now() - started) / 1000;
      // A hub in service has been vacuumed and checkpointed; fresh from a bulk load it has not.
      await hub.database.pool.query('VACUUM (ANALYZE) field_state, change');
      await hub.database.pool.query('CHECKPOINT');
      for (const core of [sender, receiver]) await core.close();
      log(`Sync: loaded ${loaded} changes in ${round1(loadSeconds)} s; bootstrapping a new device …`);
      // The hub runs in its own process, as it does for a team: in this one it would share an event loop
      // with the workstation it is feeding.
      const own = spawn(
        process.execPath,
        [DESK, 'hub', '--database-url', hub.database.url, '--port', '0', '--data', hubDir],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const hubUrl = await new Promise<string>((resolve, reject) => {
        createInterface({ input: own.stdout! }).on('line', (line) => {
          const url = /running at (\S+) /.exec(line)?.[1];
          if (url) resolve(url);
        });
        own.once('exit', (code) => reject(new Error(`the hub process exited (${code})`)));
      });
      const dir = await tempFolder('desk-bench-boot-');
      folders.push(dir);
      const fresh = await createCore({ dataDir: dir, autoSync: false });
      cores.push(fresh);
      // Connecting is the bootstrap: sync/connect downloads the team before it answers.
      started = performance.now();
      const connected = await fresh.invoke('sync/connect', { hubUrl, token: big.tokens[0]!.token });
      if (!connected.ok) throw new Error(connected.error.message);
      await fresh.sync.syncNow();
      const seconds = (performance.now() - started) / 1000;
      own.kill('SIGTERM');
      const incidents = await fresh.store.db
        .selectFrom('incident')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      bootstrap = {
        incidents: incidents.n,
        teamChanges: loaded,
        seconds: round1(seconds),
        budgetSeconds: 20,
        withinBudget: seconds <= 20,
        hubLoadSeconds: round1(loadSeconds),
      };
    }

    return {
      push: {
        changes: pushed.pushed,
        seconds: round1(pushSeconds),
        changesPerSecond: Math.round(pushed.pushed / pushSeconds),
        floorChangesPerSecond: Math.round(outbox.length / hubFloorSeconds),
        floor: "the hub's log writer alone, in process, same batches",
      },
      pull: {
        changes: pulled.pulled,
        seconds: round1(pullSeconds),
        changesPerSecond: Math.round(pulled.pulled / pullSeconds),
        floorChangesPerSecond: Math.round(outbox.length / applyFloorSeconds),
        floor: "the workstation's write path alone, same changes, no network",
        targetChangesPerSecond: 5_000,
        withinTarget: pulled.pulled / pullSeconds >= 5_000,
      },
      pokeToVisible: { ...pokes, budgetP95Ms: 200, withinBudget: pokes.p95Ms <= 200 },
      bootstrap,
    };
  } finally {
    for (const core of cores) await core.close().catch(() => {});
    await hub.close();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  }
}
