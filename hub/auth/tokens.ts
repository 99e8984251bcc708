import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';

/**
 * Device tokens: 32 random bytes, shown once when issued and stored only as a SHA-256 hash. A token's
 * entropy makes a slow hash unnecessary; the hash means a copy of the database grants nothing.
 */
export const TOKEN_PREFIX = 'dsk_';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export interface Principal {
  readonly accountId: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly email: string;
  readonly name: string;
  readonly role: 'agent' | 'supervisor' | 'admin';
  readonly tokenId: string;
}

export async function issueToken(pool: pg.Pool, accountId: string, label: string): Promise<string> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  await pool.query('INSERT INTO device_token (id, account_id, token_hash, label) VALUES ($1, $2, $3, $4)', [
    randomUUID(),
    accountId,
    hashToken(token),
    label,
  ]);
  return token;
}

/** The account and team a bearer token stands for, or null for an unknown or revoked one. */
export async function authenticate(pool: pg.Pool, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const { rows } = await pool.query<{
    token_id: string;
    account_id: string;
    team_id: string;
    team_name: string;
    email: string;
    name: string;
    role: Principal['role'];
  }>(
    `SELECT t.id AS token_id, a.id AS account_id, a.team_id, m.name AS team_name, a.email, a.name, a.role
       FROM device_token t JOIN account a ON a.id = t.account_id JOIN team m ON m.id = a.team_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    accountId: row.account_id,
    teamId: row.team_id,
    teamName: row.team_name,
    email: row.email,
    name: row.name,
    role: row.role,
    tokenId: row.token_id,
  };
}

export async function revokeToken(pool: pg.Pool, tokenId: string): Promise<void> {
  await pool.query('UPDATE device_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [tokenId]);
}
