import type { SelectQueryBuilder } from 'kysely';
import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import { addBusinessMs, compileCalendar } from '#shared/domain/business-time.ts';
import type { CompiledCalendar } from '#shared/domain/business-time.ts';
import { OPEN_STATUSES } from '#shared/domain/enums.ts';
import { slaThresholdMs } from '#shared/domain/escalation-triggers.ts';
import type { SlaTrigger, UnacknowledgedTrigger } from '#shared/domain/escalation-triggers.ts';
import { MINUTE_MS } from '#shared/domain/instant.ts';
import { targetsMs } from '#shared/domain/sla.ts';
import type { SlaClockName } from '#shared/domain/sla.ts';
import { calendarOf } from '#core/sla/sla-config.ts';
import type { SlaConfig } from '#core/sla/sla-config.ts';
import type { Database } from '#core/store/schema.ts';
import type { Db } from '#core/store/store.ts';

/**
 * Which incidents an escalation trigger may fall due on now, read from the due instants the store projects
 * (indexed per policy), so a sweep over 100,000 open incidents reads the few near a threshold rather than all.
 * A narrowing only: the trigger's own `due` (shared/domain/escalation-triggers.ts) decides for each.
 *
 * Per policy, the clock's target is known, so its threshold is a business-time distance from the stored due
 * instant: a threshold at or before the target is crossed by now exactly when the due instant is no further
 * than that distance ahead of now; one after the target, only once the due instant has passed. Occasions
 * older than the catch-up window (`lateMs`) are let go, as for every time rule.
 */
const DUE_COLUMN: Record<SlaClockName, 'first_response_due_at' | 'next_update_due_at' | 'resolution_due_at'> = {
  firstResponse: 'first_response_due_at',
  nextUpdate: 'next_update_due_at',
  resolution: 'resolution_due_at',
};

export interface CandidateWindow {
  readonly now: number;
  readonly lateMs: number;
  readonly config: SlaConfig;
}

/**
 * The earliest start from which `ms` business milliseconds end at or after `instant`: found by halving (adding
 * business time only moves forward as the start does), within the longest span a calendar may close for.
 */
function earliestStartReaching(calendar: CompiledCalendar, ms: number, instant: number): number {
  let [low, high] = [instant - 3 * 366 * 24 * 60 * MINUTE_MS - ms, instant];
  while (high - low > MINUTE_MS) {
    const middle = Math.floor((low + high) / 2);
    if (addBusinessMs(calendar, middle, ms) >= instant) high = middle;
    else low = middle;
  }
  return low;
}

export async function slaCandidates(db: Db, trigger: SlaTrigger, window: CandidateWindow): Promise<string[]> {
  const column = DUE_COLUMN[trigger.clock];
  const ids: string[] = [];
  for (const policy of window.config.policies) {
    const target = targetsMs(policy.targets, 'targets')[trigger.clock];
    if (target === undefined) continue;
    const calendar = compileCalendar(calendarOf(window.config, policy));
    const threshold = slaThresholdMs(trigger, target);
    const oldest = window.now - window.lateMs;
    // While running on time the column is the due instant; once breached, the later of the breach and the
    // clock's last resumption, from which a threshold past the target is at most `threshold - target` away.
    const [from, to] =
      threshold <= target
        ? [oldest, addBusinessMs(calendar, window.now, target - threshold) + 1]
        : [earliestStartReaching(calendar, threshold - target, oldest), window.now];
    const rows = await db
      .selectFrom('incident')
      .select('id')
      .where('sla_policy_id', '=', policy.id)
      .where(column, '>=', from)
      .where(column, '<=', to)
      .where('status', 'in', [...OPEN_STATUSES])
      .execute();
    for (const row of rows) ids.push(row.id);
  }
  return ids;
}

/** Incidents nobody acknowledged whose wait, in their policy's calendar (24×7 without one), ended in the window. */
export async function unacknowledgedCandidates(
  db: Db,
  trigger: UnacknowledgedTrigger,
  window: CandidateWindow,
): Promise<string[]> {
  const ms = trigger.minutes * MINUTE_MS;
  const oldest = window.now - window.lateMs;
  const scopes = [
    ...window.config.policies.map((policy) => ({ policyId: policy.id, calendar: calendarOf(window.config, policy) })),
    { policyId: null, calendar: DEFAULT_CALENDAR },
  ];
  const ids: string[] = [];
  for (const { policyId, calendar } of scopes) {
    const from = new Date(earliestStartReaching(compileCalendar(calendar), ms, oldest)).toISOString();
    // Business time never runs faster than the wall clock: created later than `ms` ago, it cannot be due.
    const to = new Date(window.now - ms).toISOString();
    let query: SelectQueryBuilder<Database, 'incident', { id: string }> = db
      .selectFrom('incident')
      .select('id')
      .where('acknowledged_at', 'is', null)
      .where('created_at', '>=', from)
      .where('created_at', '<=', to)
      .where('status', 'in', [...OPEN_STATUSES]);
    query = policyId === null ? query.where('sla_policy_id', 'is', null) : query.where('sla_policy_id', '=', policyId);
    for (const row of await query.execute()) ids.push(row.id);
  }
  return ids;
}
