import type pg from 'pg';
import { changeSchema } from '#shared/change.ts';
import type { Change, EntityKind } from '#shared/change.ts';
import { decodeHlc } from '#shared/hlc.ts';
import { MAX_CLOCK_AHEAD_MS } from '#shared/sync.ts';
import type { PushResponse, Rejection } from '#shared/sync.ts';
import type { Principal } from '../auth/tokens.ts';
import { appendToLog, HUB_DEVICE, hubChange, knownIds, observeClock } from './team-log.ts';
import type { TeamLog, TeamState } from './team-log.ts';
import { claimOwnership, ownersOf, ownershipProblem, recordDeviceCursor } from './ownership.ts';
import { stampFloor } from './stamp-floor.ts';

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
  'goal',
  'rule',
  'template',
]);

function describeIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'change'}: ${issue.message}` : 'not a change';
}

/** A change that passed the checks made without the database, with its place in the push. */
interface Screened {
  readonly change: Change;
  readonly index: number;
}

/** A refusal with the change's place in the push, so the answer lists refusals in the order they were sent. */
type PlacedRejection = Rejection & { readonly index: number };

/** Checks each change on its own, so one bad change is refused without refusing its neighbours. */
export function screenChanges(
  raw: readonly unknown[],
  principal: Principal,
  nowMs: number,
): { valid: Screened[]; rejected: PlacedRejection[] } {
  const valid: Screened[] = [];
  const rejected: PlacedRejection[] = [];
  raw.forEach((candidate, index) => {
    const parsed = changeSchema.safeParse(candidate);
    const rawId = (candidate as { id?: unknown } | null)?.id;
    // Echoed back in the answer: only an id that is plain text of a sane length.
    const id = typeof rawId === 'string' && /^[\x20-\x7e]{1,64}$/.test(rawId) ? rawId : `#${index}`;
    const reject = (reason: Rejection['reason'], message: string) => rejected.push({ id, reason, message, index });
    if (!parsed.success) return reject('malformed', describeIssue(parsed.error));
    const change = parsed.data as Change;
    const aheadMs = decodeHlc(change.hlc).wall - nowMs;
    if (aheadMs > MAX_CLOCK_AHEAD_MS) {
      const minutes = Math.round(aheadMs / 60_000);
      return reject('clock_ahead', `stamped ${minutes} minutes ahead of the hub's clock; check this computer's clock`);
    }
    if (change.device === HUB_DEVICE) return reject('forbidden', 'only the hub writes as the hub');
    if (change.entity === 'incident' && change.op === 'set' && change.field === 'number') {
      return reject('forbidden', 'incident numbers are given by the hub');
    }
    if (SUPERVISED.has(change.entity) && principal.role === 'agent') {
      return reject('forbidden', `only a supervisor can change ${change.entity} settings`);
    }
    // As the desk refuses it: a view shared with the team shows in everyone's list.
    if (change.entity === 'view' && change.field === 'shared' && change.value === true && principal.role === 'agent') {
      return reject('forbidden', 'only a supervisor can share a view with the team');
    }
    valid.push({ change, index });
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

/**
 * Takes a device's changes into the team's log: each is checked on its own (its form, its clock, its device
 * and agent, what its author may change), and the ones that pass are appended under the team lock, numbered
 * and folded into the hub's field state, all in one transaction.
 */
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
      const changes = valid.map((screened) => screened.change);
      const known = await knownIds(
        client,
        team.id,
        changes.map((c) => c.id),
      );
      const owners = await ownersOf(client, team.id, changes);
      const stampProblem = await stampFloor(client, team.id, principal.accountId, changes, nowMs);
      const fresh: Change[] = [];
      const inBatch = new Set<string>();
      for (const { change, index } of valid) {
        // Already in the log (a retried push whose answer was lost): taken before, whatever its age now.
        if (known.has(change.id) || inBatch.has(change.id)) {
          duplicate.push(change.id);
          continue;
        }
        const notYours = ownershipProblem(change, owners, principal.accountId);
        if (notYours) {
          rejected.push({ id: change.id, reason: 'forbidden', message: notYours, index });
          continue;
        }
        const tooOld = stampProblem(change);
        if (tooOld) {
          rejected.push({ id: change.id, reason: 'clock_behind', message: tooOld, index });
          continue;
        }
        inBatch.add(change.id);
        fresh.push(change);
        accepted.push(change.id);
      }
      // Nothing taken, nothing written: a push refused change by change leaves the team's rows as they were.
      if (!fresh.length && !duplicate.length) return;
      observeClock(team, fresh, nowMs);
      await appendToLog(client, team, fresh, principal.accountId);
      await appendToLog(client, team, await numberNewIncidents(client, team, fresh, nowMs), null);
      await claimOwnership(client, team.id, principal.accountId, fresh);
      // The pushing device's last sign of life, for compaction; a device of someone else's is not recorded.
      await recordDeviceCursor(client, team.id, device, principal.accountId, null);
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  return {
    accepted,
    duplicate,
    rejected: rejected.map(({ id, reason, message }) => ({ id, reason, message })),
    hubTime: nowMs,
  };
}
