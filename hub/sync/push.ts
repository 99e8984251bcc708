import type pg from 'pg';
import { changeSchema } from '#shared/change.ts';
import type { Change, EntityKind } from '#shared/change.ts';
import { decodeHlc } from '#shared/hlc.ts';
import { MAX_CLOCK_AHEAD_MS } from '#shared/sync.ts';
import type { PushResponse, Rejection } from '#shared/sync.ts';
import type { Principal } from '../auth/tokens.ts';
import { appendToLog, HUB_DEVICE, hubChange, knownIds, observeClock } from './team-log.ts';
import type { TeamLog, TeamState } from './team-log.ts';

/** Entities that shape the whole team's work: agents change them only through a supervisor or admin. */
const SUPERVISED: ReadonlySet<EntityKind> = new Set([
  'agent',
  'group',
  'category',
  'service',
  'setting',
  'mailbox',
  'calendar',
  'slaPolicy',
]);

function describeIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'change'}: ${issue.message}` : 'not a change';
}

/** Checks each change on its own, so one bad change is refused without refusing its neighbours. */
export function screenChanges(
  raw: readonly unknown[],
  principal: Principal,
  nowMs: number,
): { valid: Change[]; rejected: Rejection[] } {
  const valid: Change[] = [];
  const rejected: Rejection[] = [];
  raw.forEach((candidate, index) => {
    const parsed = changeSchema.safeParse(candidate);
    const rawId = (candidate as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' && rawId.length <= 64 ? rawId : `#${index}`;
    if (!parsed.success) {
      rejected.push({ id, reason: 'malformed', message: describeIssue(parsed.error) });
      return;
    }
    const change = parsed.data as Change;
    const aheadMs = decodeHlc(change.hlc).wall - nowMs;
    if (aheadMs > MAX_CLOCK_AHEAD_MS) {
      rejected.push({
        id,
        reason: 'clock_ahead',
        message: `stamped ${Math.round(aheadMs / 60_000)} minutes ahead of the hub's clock; check this computer's clock`,
      });
      return;
    }
    if (change.device === HUB_DEVICE) {
      rejected.push({ id, reason: 'forbidden', message: 'only the hub writes as the hub' });
      return;
    }
    if (change.entity === 'incident' && change.op === 'set' && change.field === 'number') {
      rejected.push({ id, reason: 'forbidden', message: 'incident numbers are given by the hub' });
      return;
    }
    if (SUPERVISED.has(change.entity) && principal.role === 'agent') {
      rejected.push({ id, reason: 'forbidden', message: `only a supervisor can change ${change.entity} settings` });
      return;
    }
    valid.push(change);
  });
  return { valid, rejected };
}

/**
 * Gives each incident the hub sees for the first time the team's next number, in the order the incidents
 * were stamped, as a hub-authored change that every workstation pulls like any other.
 */
async function numberNewIncidents(
  client: pg.PoolClient,
  team: TeamState,
  fresh: readonly Change[],
  nowMs: number,
): Promise<Change[]> {
  const firstSeen = new Map<string, string>();
  for (const change of fresh) {
    if (change.entity !== 'incident') continue;
    const seen = firstSeen.get(change.entityId);
    if (seen === undefined || change.hlc < seen) firstSeen.set(change.entityId, change.hlc);
  }
  if (!firstSeen.size) return [];
  const { rows } = await client.query<{ incident_id: string }>(
    'SELECT incident_id FROM incident_number WHERE team_id = $1 AND incident_id = ANY($2::text[])',
    [team.id, [...firstSeen.keys()]],
  );
  const numbered = new Set(rows.map((row) => row.incident_id));
  const unnumbered = [...firstSeen]
    .filter(([id]) => !numbered.has(id))
    .sort(([a, x], [b, y]) => (x < y ? -1 : x > y ? 1 : a < b ? -1 : 1));
  if (!unnumbered.length) return [];
  const given = await team.nextNumbers(unnumbered.length);
  const numbers = unnumbered.map(([id], index) => ({ id, number: given[index]! }));
  await client.query(
    `INSERT INTO incident_number (team_id, incident_id, number)
     SELECT $1, x.id, x.number FROM jsonb_to_recordset($2::jsonb) AS x(id text, number bigint)`,
    [team.id, JSON.stringify(numbers)],
  );
  return numbers.map(({ id, number }) => hubChange(team, nowMs, 'incident', id, 'number', number));
}

export async function push(
  pool: pg.Pool,
  teamLog: TeamLog,
  principal: Principal,
  device: string,
  raw: readonly unknown[],
  nowMs: number,
): Promise<PushResponse> {
  const { valid, rejected } = screenChanges(raw, principal, nowMs);
  const accepted: string[] = [];
  const duplicate: string[] = [];
  if (valid.length) {
    await teamLog(pool, principal.teamId, async (client, team) => {
      const known = await knownIds(
        client,
        team.id,
        valid.map((c) => c.id),
      );
      const fresh: Change[] = [];
      const inBatch = new Set<string>();
      for (const change of valid) {
        if (known.has(change.id) || inBatch.has(change.id)) {
          duplicate.push(change.id);
          continue;
        }
        inBatch.add(change.id);
        fresh.push(change);
        accepted.push(change.id);
      }
      observeClock(team, fresh, nowMs);
      await appendToLog(client, team, fresh, principal.accountId);
      await appendToLog(client, team, await numberNewIncidents(client, team, fresh, nowMs), null);
      await client.query(
        `INSERT INTO device_cursor (team_id, device, cursor) VALUES ($1, $2, 0)
         ON CONFLICT (team_id, device) DO UPDATE SET seen_at = now()`,
        [team.id, device],
      );
    });
  }
  return { accepted, duplicate, rejected, hubTime: nowMs };
}
