import type pg from 'pg';
import { decodeHlc, HLC_ZERO } from '#shared/hlc.ts';
import type { TeamLog } from '../../hub/sync/team-log.ts';

/**
 * A deliberately broken way to write the team's log, for proving the convergence harness catches lost rows:
 * sequence numbers come from a PostgreSQL sequence with no team lock, so a push that took lower numbers can
 * commit after one that took higher numbers, and a client that pulled `seq > cursor` in between never sees
 * it. DESIGN §4: "A plain seq > cursor without the team lock loses rows that commit late: never do that."
 */
export function brokenTeamLog(maxDelayMs = 80): TeamLog {
  let prepared: Promise<void> | null = null;
  const prepare = (pool: pg.Pool) =>
    (prepared ??= pool
      .query('CREATE SEQUENCE IF NOT EXISTS broken_seq START 1000000; CREATE SEQUENCE IF NOT EXISTS broken_number')
      .then(() => {}));
  return async (pool, teamId, work) => {
    await prepare(pool);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ hub_hlc: string }>('SELECT hub_hlc FROM team WHERE id = $1', [teamId]);
      const take = async (sequence: string, count: number) => {
        const taken = await client.query<{ n: number }>(
          `SELECT nextval('${sequence}')::int AS n FROM generate_series(1, $1)`,
          [count],
        );
        return taken.rows.map((row) => row.n);
      };
      const team = {
        id: teamId,
        clock: rows[0]?.hub_hlc ? decodeHlc(rows[0].hub_hlc) : HLC_ZERO,
        nextSeqs: (count: number) => take('broken_seq', count),
        nextNumbers: (count: number) => take('broken_number', count),
      };
      const result = await work(client, team);
      // The window in which a later push can commit first.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * maxDelayMs));
      await client.query("SELECT pg_notify('desk_poke', $1)", [teamId]);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
}
