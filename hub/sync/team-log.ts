import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { Change, JsonValue } from '#shared/change.ts';
import { decodeHlc, encodeHlc, hlcReceive, hlcTick, HLC_ZERO } from '#shared/hlc.ts';
import type { Hlc } from '#shared/hlc.ts';
import { FIRST_WRITER_WINS, replacesSql } from '#shared/merge.ts';

/** The device name the hub stamps its own changes with (incident numbers, agents from accounts). */
export const HUB_DEVICE = 'hub';

/** A team's counters as seen inside one log transaction. */
export interface TeamState {
  readonly id: string;
  clock: Hlc;
  /** The next `count` sequence numbers of the team's log. */
  nextSeqs(count: number): Promise<number[]>;
  /** The next `count` incident numbers. */
  nextNumbers(count: number): Promise<number[]>;
}

/** How a transaction on a team's log is run; the hub uses `withTeamLock`, tests a broken variant. */
export type TeamLog = <T>(
  pool: pg.Pool,
  teamId: string,
  work: (client: pg.PoolClient, team: TeamState) => Promise<T>,
) => Promise<T>;

function counter(start: number): { next(count: number): Promise<number[]>; readonly last: number } {
  let last = start;
  return {
    next: async (count) => Array.from({ length: count }, () => ++last),
    get last() {
      return last;
    },
  };
}

/**
 * Runs `work` in a transaction holding the team's advisory lock. Sequence numbers are given out only under
 * this lock and become visible at commit, before the lock is released: so committed sequence numbers always
 * form a prefix, and a pull of `seq > cursor` never skips a row that commits late.
 */
export async function withTeamLock<T>(
  pool: pg.Pool,
  teamId: string,
  work: (client: pg.PoolClient, team: TeamState) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('desk-team:' || $1, 0))", [teamId]);
    const { rows } = await client.query<{ last_seq: number; last_number: number; hub_hlc: string }>(
      'SELECT last_seq, last_number, hub_hlc FROM team WHERE id = $1',
      [teamId],
    );
    const row = rows[0];
    if (!row) throw new Error(`No team ${teamId}`);
    const seqs = counter(row.last_seq);
    const numbers = counter(row.last_number);
    const team: TeamState = {
      id: teamId,
      clock: row.hub_hlc ? decodeHlc(row.hub_hlc) : HLC_ZERO,
      nextSeqs: seqs.next,
      nextNumbers: numbers.next,
    };
    const result = await work(client, team);
    await client.query('UPDATE team SET last_seq = $2, last_number = $3, hub_hlc = $4 WHERE id = $1', [
      teamId,
      seqs.last,
      numbers.last,
      encodeHlc(team.clock),
    ]);
    // Delivered to listeners when the transaction commits, never before; nothing new, nobody poked.
    if (seqs.last !== row.last_seq) await client.query("SELECT pg_notify('desk_poke', $1)", [teamId]);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** A change written by the hub itself, stamped with the team's hub clock. */
export function hubChange(
  team: TeamState,
  nowMs: number,
  entity: Change['entity'],
  entityId: string,
  field: string,
  value: JsonValue,
): Change {
  team.clock = hlcTick(team.clock, nowMs);
  return {
    id: uuidv7(),
    hlc: encodeHlc(team.clock),
    device: HUB_DEVICE,
    actor: null,
    entity,
    entityId,
    op: 'set',
    field,
    value,
  };
}

export function observeClock(team: TeamState, changes: readonly Change[], nowMs: number): void {
  for (const change of changes) team.clock = hlcReceive(team.clock, decodeHlc(change.hlc), nowMs);
}

// The merge rules every workstation applies (shared/merge.ts): the hub's field state must agree with theirs.
const FIRST_WINS = `x.entity || '.' || x.field IN (${FIRST_WRITER_WINS.map(([e, f]) => `'${e}.${f}'`).join(', ')})`;

const RECORDSET = `x(seq bigint, id uuid, hlc text, device text, actor uuid, entity text, entity_id text, op text,
  field text, value text)`;

/**
 * Appends changes the hub has not seen to the team's log with the next sequence numbers, and folds `set`s
 * into the hub's field state by the same last-writer-wins rule as every workstation. Callers hold the lock.
 */
export async function appendToLog(
  client: pg.PoolClient,
  team: TeamState,
  changes: readonly Change[],
  pushedBy: string | null,
): Promise<void> {
  if (!changes.length) return;
  const seqs = await team.nextSeqs(changes.length);
  const rows = changes.map((change, index) => ({
    seq: seqs[index],
    id: change.id,
    hlc: change.hlc,
    device: change.device,
    actor: change.actor,
    entity: change.entity,
    entity_id: change.entityId,
    op: change.op,
    field: change.field,
    // As text: a JSON null must stay the value null, not become SQL NULL in json_to_recordset.
    value: JSON.stringify(change.value),
  }));
  const json = JSON.stringify(rows);
  await client.query(
    `INSERT INTO change (team_id, seq, id, hlc, device, actor, entity, entity_id, op, field, value, pushed_by)
     SELECT $1, x.seq, x.id, x.hlc, x.device, x.actor, x.entity, x.entity_id, x.op, x.field, x.value::json, $2
       FROM json_to_recordset($3::json) AS ${RECORDSET}`,
    [team.id, pushedBy, json],
  );
  // One statement cannot touch a row twice: the batch's own winner per field goes in first.
  await client.query(
    `INSERT INTO field_state (team_id, entity, entity_id, field, hlc, device, change_id, actor, value)
     SELECT DISTINCT ON (x.entity, x.entity_id, x.field)
            $1, x.entity, x.entity_id, x.field, x.hlc, x.device, x.id, x.actor, x.value::json
       FROM json_to_recordset($2::json) AS ${RECORDSET}
      WHERE x.op = 'set'
      ORDER BY x.entity, x.entity_id, x.field,
            CASE WHEN ${FIRST_WINS} THEN x.hlc END COLLATE "C" ASC,
            CASE WHEN ${FIRST_WINS} THEN x.device END COLLATE "C" ASC,
            x.hlc COLLATE "C" DESC, x.device COLLATE "C" DESC
     ON CONFLICT (team_id, entity, entity_id, field) DO UPDATE
        SET hlc = excluded.hlc, device = excluded.device, change_id = excluded.change_id,
            actor = excluded.actor, value = excluded.value
      WHERE ${replacesSql('excluded', 'field_state')}`,
    [team.id, json],
  );
}

/** Which of these change ids the team's log already holds. */
export async function knownIds(client: pg.PoolClient, teamId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { rows } = await client.query<{ id: string }>(
    'SELECT id FROM change WHERE team_id = $1 AND id = ANY($2::uuid[])',
    [teamId, ids],
  );
  return new Set(rows.map((row) => row.id));
}
