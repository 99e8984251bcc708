import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HUB_ROLES } from '#shared/domain/sync-status.ts';
import type { HubRole } from '#shared/domain/sync-status.ts';
import { DeskError } from '#shared/errors.ts';
import { defaultDataDir } from '#core/index.ts';
import {
  addAccount,
  AdminError,
  createTeam,
  findTeam,
  issueTokenFor,
  listAccounts,
  openHubDatabase,
  plainHttpRefusal,
  startHub,
} from '../../hub/index.ts';
import type { HubDatabase } from '../../hub/index.ts';
import { dataDir, dataOption, required, wholeNumber } from './command.ts';
import type { Command } from './command.ts';
import { stopOnSignals } from './shutdown.ts';
import { UsageError } from './usage-error.ts';

export const DEFAULT_HUB_PORT = 4780;

/** The hub's folder beside the workspace's in the application-data folder. */
export function defaultHubDataDir(): string {
  return path.join(path.dirname(defaultDataDir()), 'hub');
}

const databaseOptions = { ...dataOption, 'database-url': { type: 'string' } } as const;

function databaseUrl(values: Record<string, unknown>): string | undefined {
  return (values['database-url'] as string | undefined) ?? process.env.DATABASE_URL ?? undefined;
}

async function withHubDatabase<T>(values: Record<string, unknown>, run: (db: HubDatabase) => Promise<T>): Promise<T> {
  const db = await startingUp(() =>
    openHubDatabase({
      databaseUrl: databaseUrl(values),
      dataDir: dataDir(values, defaultHubDataDir),
      log: (line) => console.error(line),
    }),
  );
  // Interrupted, an admin command still stops the PostgreSQL it started.
  const stopListening = stopOnSignals(() => db.close(), { completed: false });
  try {
    return await run(db);
  } catch (error) {
    if (error instanceof AdminError) throw new UsageError(error.message);
    throw error;
  } finally {
    stopListening();
    await db.close();
  }
}

/** The errors of starting up that are the machine's, not the program's, said in one line (no stack trace). */
async function startingUp<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof DeskError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw error;
    const reason = code === 'EADDRINUSE' ? 'another program uses that port; choose one with --port' : code;
    throw new DeskError('invalid_input', `The hub cannot start: ${(error as Error).message} (${reason}).`);
  }
}

async function readTlsFile(file: string, option: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(`${option} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? error}).`);
  }
}

export const HUB_COMMANDS: Record<string, Command> = {
  hub: {
    summary: 'run the team hub (PostgreSQL embedded in its folder, or --database-url)',
    usage: 'desk hub [--data DIR] [--port N] [--host ADDRESS] [--database-url URL] [--tls-cert FILE --tls-key FILE]',
    options: {
      ...databaseOptions,
      port: { type: 'string' },
      host: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    },
    async run(values) {
      const certFile = values['tls-cert'] as string | undefined;
      const keyFile = values['tls-key'] as string | undefined;
      if (Boolean(certFile) !== Boolean(keyFile)) throw new UsageError('--tls-cert and --tls-key go together.');
      const host = (values.host as string | undefined) ?? '127.0.0.1';
      const port = wholeNumber(values.port, 'port', DEFAULT_HUB_PORT);
      // Checked before anything starts: refused after PostgreSQL had come up, it would also have to go down.
      const plain = certFile ? null : plainHttpRefusal(host);
      if (plain) throw new DeskError('invalid_input', plain);
      const tls =
        certFile && keyFile
          ? { cert: await readTlsFile(certFile, '--tls-cert'), key: await readTlsFile(keyFile, '--tls-key') }
          : undefined;
      const hub = await startingUp(() =>
        startHub({
          dataDir: dataDir(values, defaultHubDataDir),
          databaseUrl: databaseUrl(values),
          host,
          port,
          tls,
          log: (line) => console.error(line),
        }),
      );
      console.log(
        `Incident Desk hub is running at ${hub.url} (${hub.database.embedded ? 'embedded PostgreSQL' : 'PostgreSQL'}).`,
      );
      // In order: new requests refused, those under way finished, sockets closed, the pool ended, and only then
      // PostgreSQL stopped (hub.close).
      stopOnSignals(() => hub.close(), { completed: true });
    },
  },
  'hub admin create-team': {
    summary: 'create a team on the hub',
    usage: 'desk hub admin create-team --name NAME [--data DIR | --database-url URL]',
    options: { ...databaseOptions, name: { type: 'string' } },
    async run(values) {
      const name = required(values, 'name', 'the team’s name');
      const team = await withHubDatabase(values, (db) => createTeam(db.pool, name));
      console.log(`Created team ${team.name} (${team.id}).`);
    },
  },
  'hub admin add-agent': {
    summary: 'add an agent (agent, supervisor or admin) to a team',
    usage:
      'desk hub admin add-agent --team TEAM --email EMAIL --name NAME [--role agent|supervisor|admin] [--data DIR]',
    options: {
      ...databaseOptions,
      team: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
    },
    async run(values) {
      const role = ((values.role as string | undefined) ?? 'agent') as HubRole;
      if (!HUB_ROLES.includes(role)) throw new UsageError(`--role must be one of ${HUB_ROLES.join(', ')}.`);
      const account = await withHubDatabase(values, async (db) => {
        const team = await findTeam(db.pool, required(values, 'team', 'its name or id'));
        const input = {
          email: required(values, 'email', 'the agent’s email'),
          name: required(values, 'name', 'their name'),
          role,
        };
        return addAccount(db.pool, team.id, input, Date.now());
      });
      console.log(`Added ${account.name} <${account.email}> as ${account.role}.`);
    },
  },
  'hub admin issue-token': {
    summary: 'issue a device token for an agent (shown once)',
    usage: 'desk hub admin issue-token --team TEAM --email EMAIL [--label LABEL] [--data DIR]',
    options: { ...databaseOptions, team: { type: 'string' }, email: { type: 'string' }, label: { type: 'string' } },
    async run(values) {
      const token = await withHubDatabase(values, async (db) => {
        const team = await findTeam(db.pool, required(values, 'team', 'its name or id'));
        const label = (values.label as string | undefined) ?? 'device';
        return issueTokenFor(db.pool, team.id, required(values, 'email', 'the agent’s email'), label);
      });
      console.error('The device token (it is shown only this once; give it to the agent over a safe channel):');
      console.log(token);
    },
  },
  'hub admin list-agents': {
    summary: 'list a team’s agents',
    usage: 'desk hub admin list-agents --team TEAM [--data DIR]',
    options: { ...databaseOptions, team: { type: 'string' } },
    async run(values) {
      const accounts = await withHubDatabase(values, async (db) =>
        listAccounts(db.pool, (await findTeam(db.pool, required(values, 'team', 'its name or id'))).id),
      );
      for (const account of accounts)
        console.log(`${account.role.padEnd(10)} ${account.email.padEnd(32)} ${account.name}`);
    },
  },
};
