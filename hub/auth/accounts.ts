import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { HUB_ROLES } from '#shared/domain/sync-status.ts';
import type { HubRole } from '#shared/domain/sync-status.ts';
import { appendToLog, hubChange, withTeamLock } from '../sync/team-log.ts';
import { issueToken } from './tokens.ts';

// One list of roles for the hub, the app and the CLI (shared/).
export { HUB_ROLES };
export type { HubRole };

export class AdminError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid_request',
    message: string,
  ) {
    super(message);
  }
}

export interface Team {
  readonly id: string;
  readonly name: string;
}

export interface Account {
  readonly id: string;
  readonly teamId: string;
  readonly email: string;
  readonly name: string;
  readonly role: HubRole;
}

export async function createTeam(pool: pg.Pool, name: string): Promise<Team> {
  const trimmed = name.trim();
  if (!trimmed) throw new AdminError('invalid_request', 'A team needs a name.');
  const existing = await pool.query('SELECT 1 FROM team WHERE lower(name) = lower($1)', [trimmed]);
  if (existing.rowCount) throw new AdminError('conflict', `There is already a team called ${trimmed}.`);
  const id = randomUUID();
  await pool.query('INSERT INTO team (id, name) VALUES ($1, $2)', [id, trimmed]);
  return { id, name: trimmed };
}

/** A team by id or by name (case-insensitive), as admins type it. */
export async function findTeam(pool: pg.Pool, idOrName: string): Promise<Team> {
  const { rows } = await pool.query<Team>(
    'SELECT id::text, name FROM team WHERE id::text = $1 OR lower(name) = lower($1) LIMIT 1',
    [idOrName.trim()],
  );
  if (!rows[0]) throw new AdminError('not_found', `No team "${idOrName}" on this hub.`);
  return rows[0];
}

export async function listTeams(pool: pg.Pool): Promise<Team[]> {
  const { rows } = await pool.query<Team>('SELECT id::text, name FROM team ORDER BY name');
  return rows;
}

export async function listAccounts(pool: pg.Pool, teamId: string): Promise<Account[]> {
  const { rows } = await pool.query<Account>(
    `SELECT id::text, team_id::text AS "teamId", email, name, role FROM account WHERE team_id = $1 ORDER BY name`,
    [teamId],
  );
  return rows;
}

export async function findAccount(pool: pg.Pool, teamId: string, email: string): Promise<Account> {
  const { rows } = await pool.query<Account>(
    `SELECT id::text, team_id::text AS "teamId", email, name, role FROM account WHERE team_id = $1 AND email = $2`,
    [teamId, email.trim().toLowerCase()],
  );
  if (!rows[0]) throw new AdminError('not_found', `No agent ${email} in this team.`);
  return rows[0];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Adds an agent to a team. The hub also writes the agent into the team's data (as hub-authored changes),
 * so every workstation lists them; the agent's id in the app is their account id.
 */
export async function addAccount(
  pool: pg.Pool,
  teamId: string,
  input: { email: string; name: string; role: HubRole },
  nowMs: number,
): Promise<Account> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!EMAIL.test(email)) throw new AdminError('invalid_request', `"${input.email}" is not an email address.`);
  if (!name) throw new AdminError('invalid_request', 'An agent needs a name.');
  if (!HUB_ROLES.includes(input.role))
    throw new AdminError('invalid_request', `Role must be one of ${HUB_ROLES.join(', ')}.`);
  return withTeamLock(pool, teamId, async (client, team) => {
    const taken = await client.query('SELECT 1 FROM account WHERE team_id = $1 AND email = $2', [teamId, email]);
    if (taken.rowCount) throw new AdminError('conflict', `${email} is already an agent in this team.`);
    const id = uuidv7();
    await client.query('INSERT INTO account (id, team_id, email, name, role) VALUES ($1, $2, $3, $4, $5)', [
      id,
      teamId,
      email,
      name,
      input.role,
    ]);
    // The agent's id is theirs alone from the start: nobody else's changes may be credited to it.
    await client.query(
      `INSERT INTO actor_owner (team_id, actor, account_id) VALUES ($1, $2, $2)
       ON CONFLICT (team_id, actor) DO UPDATE SET account_id = excluded.account_id`,
      [teamId, id],
    );
    const appRole = input.role === 'agent' ? 'agent' : 'supervisor';
    const fields = { name, email, role: appRole, groupIds: [], active: true } as const;
    const changes = Object.entries(fields).map(([field, value]) =>
      hubChange(team, nowMs, 'agent', id, field, Array.isArray(value) ? [] : value),
    );
    await appendToLog(client, team, changes, null);
    return { id, teamId, email, name, role: input.role };
  });
}

export async function issueTokenFor(pool: pg.Pool, teamId: string, email: string, label: string): Promise<string> {
  const account = await findAccount(pool, teamId, email);
  return issueToken(pool, account.id, label.trim() || 'device');
}
