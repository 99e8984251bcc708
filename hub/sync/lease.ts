import type pg from 'pg';
import type { LeaseResponse } from '#shared/sync.ts';

/** How long a lease lasts without a heartbeat; holders renew at a third of it. */
export const LEASE_TTL_MS = 30_000;

/**
 * The team's automation lease (DESIGN §4): one holder at a time runs the always-on duties. A holder renews
 * it; anyone takes it over once it has lapsed; a holder shutting down releases it.
 */
export async function claimLease(
  pool: pg.Pool,
  teamId: string,
  accountId: string,
  device: string,
  nowMs: number,
): Promise<LeaseResponse> {
  const expires = new Date(nowMs + LEASE_TTL_MS);
  const now = new Date(nowMs);
  const { rows } = await pool.query<{ holder: string; expires_at: Date }>(
    `INSERT INTO automation_lease (team_id, holder, account_id, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (team_id) DO UPDATE
        SET holder = excluded.holder, account_id = excluded.account_id, expires_at = excluded.expires_at
      WHERE automation_lease.holder = excluded.holder OR automation_lease.expires_at <= $5
     RETURNING holder, expires_at`,
    [teamId, device, accountId, expires, now],
  );
  if (rows[0]) return { held: true, holder: device, expiresAt: rows[0].expires_at.getTime(), hubTime: nowMs };
  return currentLease(pool, teamId, device, nowMs);
}

export async function currentLease(
  pool: pg.Pool,
  teamId: string,
  device: string,
  nowMs: number,
): Promise<LeaseResponse> {
  const { rows } = await pool.query<{ holder: string; expires_at: Date }>(
    'SELECT holder, expires_at FROM automation_lease WHERE team_id = $1 AND expires_at > $2',
    [teamId, new Date(nowMs)],
  );
  const lease = rows[0];
  return {
    held: lease?.holder === device,
    holder: lease?.holder ?? null,
    expiresAt: lease?.expires_at.getTime() ?? null,
    hubTime: nowMs,
  };
}

export async function releaseLease(
  pool: pg.Pool,
  teamId: string,
  device: string,
  nowMs: number,
): Promise<LeaseResponse> {
  await pool.query('DELETE FROM automation_lease WHERE team_id = $1 AND holder = $2', [teamId, device]);
  // Only the holder can give the lease up: a device releasing what it does not hold learns who does.
  return currentLease(pool, teamId, device, nowMs);
}
