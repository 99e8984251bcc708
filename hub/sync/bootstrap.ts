import type pg from 'pg';

/** Rows per line: big enough that per-line costs vanish, small enough to stream steadily. */
const PAGE = 20_000;

/**
 * The team's current state for a new device: the winning value of every field and every timeline event,
 * then the cursor to pull from, as newline-delimited JSON (shared/sync.ts BootstrapLine). All of it is read
 * in one repeatable-read snapshot, so the state and the cursor match exactly: nothing is sent twice and
 * nothing falls between them. A 100,000-incident team is a few million rows: they are read in physical
 * order and never become JavaScript objects on the way through.
 */
export async function bootstrap(
  pool: pg.Pool,
  team: { id: string; name: string },
  send: (line: string) => Promise<void>,
  nowMs: number,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: teamRows } = await client.query<{ last_seq: number }>('SELECT last_seq FROM team WHERE id = $1', [
      team.id,
    ]);
    const cursor = teamRows[0]?.last_seq ?? 0;
    await send(JSON.stringify({ kind: 'header', team: team.name, hubTime: nowMs }));
    let total = 0;
    // Cursors read in the table's physical order: walking the primary key instead costs a random read per
    // row once a team's state outgrows memory. Each row's JSON is built by PostgreSQL, sent on as text.
    const sections = [
      {
        kind: 'state',
        query: `SELECT json_build_array(entity, entity_id, field, hlc, device, value)::text AS row
                  FROM field_state WHERE team_id = $1`,
      },
      {
        kind: 'events',
        query: `SELECT json_build_array(id, entity, entity_id, hlc, device, actor, field, value)::text AS row
                  FROM change WHERE team_id = $1 AND op = 'append' ORDER BY seq`,
      },
    ];
    for (const section of sections) {
      await client.query(`DECLARE bootstrap_${section.kind} NO SCROLL CURSOR FOR ${section.query}`, [team.id]);
      for (;;) {
        const { rows } = await client.query<{ row: string }>(`FETCH ${PAGE} FROM bootstrap_${section.kind}`);
        if (!rows.length) break;
        await send(`{"kind":"${section.kind}","rows":[${rows.map((r) => r.row).join(',')}]}`);
        total += rows.length;
        if (rows.length < PAGE) break;
      }
      await client.query(`CLOSE bootstrap_${section.kind}`);
    }
    await send(JSON.stringify({ kind: 'end', cursor, changes: total }));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
