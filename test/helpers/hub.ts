import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { addAccount, createTeam, issueTokenFor } from '../../hub/auth/accounts.ts';
import type { HubRole } from '../../hub/auth/accounts.ts';
import { startHub } from '../../hub/index.ts';
import type { Hub, HubOptions } from '../../hub/index.ts';

/** A fresh database on the test PostgreSQL server, so every test file starts from an empty hub. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('pgUrl');
  const name = `desk_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestAgent {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly token: string;
}

export interface TestHub {
  readonly hub: Hub;
  readonly url: string;
  readonly teamId: string;
  /** Adds an agent to the team and issues them a device token. */
  addAgent(name: string, role?: HubRole): Promise<TestAgent>;
  close(): Promise<void>;
}

/** A running hub on its own database with one team, "Service Desk". */
export async function startTestHub(options: Partial<HubOptions> = {}): Promise<TestHub> {
  const hub = await startHub({
    dataDir: '/nonexistent-embedded-not-used',
    databaseUrl: await createTestDatabase(),
    rateLimit: { perSecond: 10_000, burst: 10_000 },
    authFailureLimit: { perSecond: 10_000, burst: 10_000 },
    ...options,
  });
  const team = await createTeam(hub.database.pool, 'Service Desk');
  return {
    hub,
    url: hub.url,
    teamId: team.id,
    addAgent: async (name, role = 'agent') => {
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@desk.example`;
      const account = await addAccount(hub.database.pool, team.id, { email, name, role }, Date.now());
      const token = await issueTokenFor(hub.database.pool, team.id, email, `${name}'s workstation`);
      // Known to the hub's token index before the test uses it, not only once the notification arrives.
      await hub.server.reloadTokens();
      return { id: account.id, email, name, token };
    },
    close: () => hub.close(),
  };
}
