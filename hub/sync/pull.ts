import type pg from 'pg';
import { changeFromRow } from '#shared/change.ts';
import type { ChangeRow as SharedChangeRow } from '#shared/change.ts';
import type { PullResponse } from '#shared/sync.ts';
import { recordDeviceCursor } from './ownership.ts';

export interface ChangeRow extends SharedChangeRow {
  readonly seq: number;
}

/**
 * A page of the team's log after the device's cursor. Reading `seq > cursor` is safe here only because
 * sequence numbers are given out under the team lock and commit before it is released (see withTeamLock).
 */
export async function pull(
  pool: pg.Pool,
  caller: { readonly teamId: string; readonly accountId: string },
  after: number,
  limit: number,
  device: string | undefined,
  nowMs: number,
): Promise<PullResponse> {
  const { teamId } = caller;
  const { rows } = await pool.query<ChangeRow>(
    `SELECT seq, id, hlc, device, actor, entity, entity_id, op, field, value
       FROM change WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [teamId, after, limit],
  );
  const cursor = rows.at(-1)?.seq ?? after;
  // How far each device has read: compaction must never pass the slowest. Only a device's own account moves
  // its cursor; another agent naming it is answered all the same, and recorded nowhere.
  if (device) await recordDeviceCursor(pool, teamId, device, caller.accountId, after);
  return { changes: rows.map(changeFromRow), cursor, more: rows.length === limit, hubTime: nowMs };
}
