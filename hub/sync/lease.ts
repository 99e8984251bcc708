import type pg from 'pg';
import type { LeaseResponse } from '#shared/sync.ts';

/** How long a lease lasts without a heartbeat; holders renew at a third of it. */
export const LEASE_TTL_MS = 30_000;

/** Who asks about the lease: a device, speaking with its token. */
export interface LeaseClaimant {
  readonly teamId: string;
  readonly accountId: string;
  readonly tokenId: string;
  readonly device: string;
}

/**
 * The team's automation lease (DESIGN §4): one holder at a time runs the always-on duties. The holder is a
 * device and the token it spoke with: naming the holder's device (every pull shows device ids) neither renews
 * nor releases it. Anyone takes it over once it has lapsed; a holder shutting down releases it.
 */
export async function claimLease(pool: pg.Pool, claimant: LeaseClaimant, nowMs: number): Promise<LeaseResponse> {
  const { teamId, accountId, tokenId, device } = claimant;
  const { rows } = await pool.query<{ holder: string; expires_at: Date }>(
    `INSERT INTO automation_lease (team_id, holder, account_id, token_id, expires_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (team_id) DO UPDATE
        SET holder = excluded.holder, account_id = excluded.account_id, token_id = excluded.token_id,
            expires_at = excluded.expires_at
      WHERE (automation_lease.holder = excluded.holder AND automation_lease.token_id = excluded.token_id)
         OR automation_lease.expires_at <= $6
     RETURNING holder, expires_at`,
    [teamId, device, accountId, tokenId, new Date(nowMs + LEASE_TTL_MS), new Date(nowMs)],
  );
  if (rows[0]) return { held: true, holder: device, expiresAt: rows[0].expires_at.getTime(), hubTime: nowMs };
  return currentLease(pool, claimant, nowMs);
}

export async function currentLease(pool: pg.Pool, claimant: LeaseClaimant, nowMs: number): Promise<LeaseResponse> {
  const { rows } = await pool.query<{ holder: string; token_id: string | null; expires_at: Date }>(
    'SELECT holder, token_id, expires_at FROM automation_lease WHERE team_id = $1 AND expires_at > $2',
    [claimant.teamId, new Date(nowMs)],
  );
  const lease = rows[0];
  return {
    held: lease?.holder === claimant.device && lease.token_id === claimant.tokenId,
    holder: lease?.holder ?? null,
    expiresAt: lease?.expires_at.getTime() ?? null,
    hubTime: nowMs,
  };
}

export async function releaseLease(pool: pg.Pool, claimant: LeaseClaimant, nowMs: number): Promise<LeaseResponse> {
  // Only the holder gives the lease up: anyone else releasing learns who holds it, and nothing changes.
  await pool.query('DELETE FROM automation_lease WHERE team_id = $1 AND holder = $2 AND token_id = $3', [
    claimant.teamId,
    claimant.device,
    claimant.tokenId,
  ]);
  return currentLease(pool, claimant, nowMs);
}
