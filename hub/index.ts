import { openHubDatabase } from './db/database.ts';
import type { HubDatabase } from './db/database.ts';
import { startHubServer } from './http/server.ts';
import type { HubServer } from './http/server.ts';
import type { TeamLog } from './sync/team-log.ts';

// What the `desk hub admin` commands use: teams, accounts and tokens, straight on the hub's database.
export { addAccount, AdminError, createTeam, findTeam, issueTokenFor, listAccounts } from './auth/accounts.ts';
export { openHubDatabase } from './db/database.ts';
export type { HubDatabase } from './db/database.ts';
export { plainHttpRefusal } from './http/server.ts';

export interface HubOptions {
  /** The hub's folder: the embedded PostgreSQL cluster lives here when no database URL is given. */
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  readonly host?: string;
  readonly port?: number;
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer } | undefined;
  readonly now?: () => number;
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
  readonly authFailureLimit?: { readonly perSecond: number; readonly burst: number };
  readonly log?: (line: string) => void;
  readonly teamLog?: TeamLog;
}

export interface Hub {
  readonly url: string;
  readonly port: number;
  readonly database: HubDatabase;
  readonly server: HubServer;
  close(): Promise<void>;
}

/** The team hub (DESIGN §4): PostgreSQL (given, or embedded) behind the /v1/ API. */
export async function startHub(options: HubOptions): Promise<Hub> {
  const database = await openHubDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    const server = await startHubServer({
      pool: database.pool,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      tls: options.tls,
      ...(options.now ? { now: options.now } : {}),
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      ...(options.authFailureLimit ? { authFailureLimit: options.authFailureLimit } : {}),
      ...(options.teamLog ? { teamLog: options.teamLog } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    return {
      url: server.url,
      port: server.port,
      database,
      server,
      // In order: no request is left half-done, and PostgreSQL stops only once nothing uses it.
      close: async () => {
        await server.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
