import type pg from 'pg';
import type { Change } from '#shared/change.ts';
import type { BootstrapLine } from '#shared/sync.ts';
import { rowToChange } from './pull.ts';
import type { ChangeRow } from './pull.ts';

const PAGE = 5_000;

/**
 * The team's current state for a new device: the winning change of every field and every timeline event,
 * then the cursor to pull from. All of it is read in one repeatable-read snapshot, so the state and the
 * cursor match exactly: nothing is sent twice and nothing falls between them.
 */
export async function bootstrap(
  pool: pg.Pool,
  team: { id: string; name: string },
  send: (line: BootstrapLine) => Promise<void>,
  nowMs: number,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: teamRows } = await client.query<{ last_seq: number }>('SELECT last_seq FROM team WHERE id = $1', [
      team.id,
    ]);
    const cursor = teamRows[0]?.last_seq ?? 0;
    await send({ kind: 'header', team: team.name, hubTime: nowMs });
    let total = 0;
    let key: [string, string, string] = ['', '', ''];
    for (;;) {
      const { rows } = await client.query<Omit<ChangeRow, 'seq' | 'op'> & { change_id: string }>(
        `SELECT change_id AS id, hlc, device, actor, entity, entity_id, field, value FROM field_state
          WHERE team_id = $1 AND (entity, entity_id, field) > ($2, $3, $4)
          ORDER BY entity, entity_id, field LIMIT ${PAGE}`,
        [team.id, ...key],
      );
      if (!rows.length) break;
      const changes: Change[] = rows.map((row) => rowToChange({ ...row, op: 'set' }));
      await send({ kind: 'changes', changes });
      total += changes.length;
      const last = rows.at(-1)!;
      key = [last.entity, last.entity_id, last.field];
      if (rows.length < PAGE) break;
    }
    let seq = 0;
    for (;;) {
      const { rows } = await client.query<ChangeRow>(
        `SELECT seq, id, hlc, device, actor, entity, entity_id, op, field, value FROM change
          WHERE team_id = $1 AND op = 'append' AND seq > $2 ORDER BY seq LIMIT ${PAGE}`,
        [team.id, seq],
      );
      if (!rows.length) break;
      await send({ kind: 'changes', changes: rows.map(rowToChange) });
      total += rows.length;
      seq = rows.at(-1)!.seq;
      if (rows.length < PAGE) break;
    }
    await send({ kind: 'end', cursor, changes: total });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
