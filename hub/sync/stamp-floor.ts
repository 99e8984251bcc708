import type pg from 'pg';
import type { Change } from '#shared/change.ts';
import { decodeHlc } from '#shared/hlc.ts';
import { EARLIEST_STAMP_MS, MAX_CLOCK_AHEAD_MS, MAX_CLOCK_BEHIND_MS } from '#shared/sync.ts';

const DAY_MS = 86_400_000;

/**
 * How far back a pushed change may be stamped. A field that keeps its first value (acknowledgedAt) goes to
 * the earliest stamp for good, so a stamp from long ago would pin it where no agent could ever correct it.
 *
 * - Nothing before EARLIEST_STAMP_MS: a clock reset to 1970, or a forged zero stamp.
 * - For what other agents have worked on (a field of it holds a value from another account's device):
 *   nothing from before the team existed, nor more than MAX_CLOCK_BEHIND_MS behind the hub's clock. A
 *   workstation back from weeks offline still delivers; within that window an early stamp cannot be told
 *   from honest offline work, and is taken as such. The team's birth is allowed the same few minutes of clock
 *   error as stamps ahead of the hub (MAX_CLOCK_AHEAD_MS).
 *
 * What only the pushing agent has worked on may be older: a workspace's own history sent when it joins the
 * team (in batches, so an incident's first changes may already be on the hub), or demo data. Its early
 * stamps compete with nobody's values but the agent's own.
 *
 * Returns, for each change, why its stamp is refused, or null.
 */
export async function stampFloor(
  client: pg.PoolClient,
  teamId: string,
  accountId: string,
  changes: readonly Change[],
  nowMs: number,
): Promise<(change: Change) => string | null> {
  const walls = changes.map((change) => decodeHlc(change.hlc).wall);
  // A team is born before now, so stamps within the few minutes of clock error allowed are always fine:
  // the usual push asks the database nothing here.
  if (walls.every((wall) => wall >= nowMs - MAX_CLOCK_AHEAD_MS)) return () => null;
  const keys = [...new Map(changes.map((c) => [`${c.entity}/${c.entityId}`, c])).values()];
  const [{ rows: team }, { rows: known }] = await Promise.all([
    client.query<{ created_at: Date }>('SELECT created_at FROM team WHERE id = $1', [teamId]),
    // Looked up key by key on field_state's primary key: a join would read the team's whole field state.
    client.query<{ entity: string; entity_id: string }>(
      `SELECT k.entity, k.entity_id FROM unnest($2::text[], $3::text[]) AS k(entity, entity_id)
        WHERE EXISTS (SELECT 1 FROM field_state f JOIN device_owner o ON o.team_id = f.team_id AND o.device = f.device
                       WHERE f.team_id = $1 AND f.entity = k.entity AND f.entity_id = k.entity_id
                         AND o.account_id <> $4)`,
      [teamId, keys.map((c) => c.entity), keys.map((c) => c.entityId), accountId],
    ),
  ]);
  const shared = new Set(known.map((row) => `${row.entity}/${row.entity_id}`));
  const teamBorn = (team[0]?.created_at.getTime() ?? 0) - MAX_CLOCK_AHEAD_MS;
  const sharedFloor = Math.max(teamBorn, nowMs - MAX_CLOCK_BEHIND_MS);

  return (change) => {
    const wall = decodeHlc(change.hlc).wall;
    if (wall < EARLIEST_STAMP_MS) {
      return `stamped ${new Date(wall).toISOString().slice(0, 10)}, before any workstation could have; check this computer's clock`;
    }
    if (!shared.has(`${change.entity}/${change.entityId}`) || wall >= sharedFloor) return null;
    if (wall < teamBorn) return `stamped before the team existed, on a ${change.entity} other agents work on`;
    const days = Math.floor((nowMs - wall) / DAY_MS);
    const limit = MAX_CLOCK_BEHIND_MS / DAY_MS;
    return `stamped ${days} days behind the hub's clock; work older than ${limit} days on what other agents work on is refused`;
  };
}
