import { sql } from 'kysely';
import type { Selectable } from 'kysely';
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
import { conditionsHold } from '#shared/domain/rule-conditions.ts';
import type { RuleIncident } from '#shared/domain/rule-conditions.ts';
import { RULE_COLUMNS, toRuleIncident } from './escalation-context.ts';
import type { RuleColumn } from './escalation-context.ts';
import type { StoredRule } from './rule.repository.ts';

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

/** A stretch of one indexed column, within one policy (null: incidents without one), that may hold due incidents. */
interface CandidateRange {
  readonly policyId: string | null;
  readonly column: (typeof DUE_COLUMN)[SlaClockName] | 'created_at';
  readonly from: number;
  readonly to: number;
}

/** Per policy, the stretch of the clock's due column an SLA trigger's threshold is crossed within. */
function slaRanges(trigger: SlaTrigger, window: CandidateWindow): CandidateRange[] {
  const ranges: CandidateRange[] = [];
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
    ranges.push({ policyId: policy.id, column: DUE_COLUMN[trigger.clock], from, to });
  }
  return ranges;
}

/** Per policy (and for incidents without one, in 24×7), the creation instants whose wait ended in the window. */
function unacknowledgedRanges(trigger: UnacknowledgedTrigger, window: CandidateWindow): CandidateRange[] {
  const ms = trigger.minutes * MINUTE_MS;
  const oldest = window.now - window.lateMs;
  const scopes = [
    ...window.config.policies.map((policy) => ({ policyId: policy.id, calendar: calendarOf(window.config, policy) })),
    { policyId: null, calendar: DEFAULT_CALENDAR },
  ];
  return scopes.map(({ policyId, calendar }) => ({
    policyId,
    column: 'created_at',
    from: earliestStartReaching(compileCalendar(calendar), ms, oldest),
    // Business time never runs faster than the wall clock: created later than `ms` ago, it cannot be due.
    to: window.now - ms,
  }));
}

export type EscalationTrigger = SlaTrigger | UnacknowledgedTrigger;

const DUE_COLUMNS = ['first_response_due_at', 'next_update_due_at', 'resolution_due_at'] as const;
type CandidateRow = Pick<Selectable<Database['incident']>, (typeof DUE_COLUMNS)[number] | RuleColumn>;

/** Whether the row, of the range's policy, lies in it (`created`: its creation instant, parsed once). */
function inRange(row: CandidateRow, created: number, range: CandidateRange): boolean {
  if (range.column === 'created_at') {
    return row.acknowledged_at === null && created >= range.from && created <= range.to;
  }
  const value = row[range.column];
  return value !== null && value >= range.from && value <= range.to;
}

/**
 * Which incidents each escalation rule may fall due on now and whose conditions hold, keyed by the rule: the
 * stretches of every rule are asked of the indexes in one query (each stretch an indexed range, SQLite's OR by
 * union of index searches), then handed back to the rules they came from. One query a beat rather than one per
 * rule and policy: on a busy workstation each round trip to SQLite costs more than the search itself. The rows
 * carry what the conditions read, so the many a rule's conditions leave out are not read again, beat after beat.
 */
export async function escalationCandidates(
  db: Db,
  rules: readonly Pick<StoredRule, 'id' | 'trigger' | 'conditions'>[],
  window: CandidateWindow,
): Promise<Map<string, RuleIncident[]>> {
  const rangesOf = new Map(
    rules.map((rule) => {
      const trigger = rule.trigger as EscalationTrigger;
      return [
        rule.id,
        trigger.type === 'unacknowledged' ? unacknowledgedRanges(trigger, window) : slaRanges(trigger, window),
      ];
    }),
  );
  const all = [...rangesOf.values()].flat().filter((range) => range.from <= range.to);
  const found = new Map<string, RuleIncident[]>(rules.map((rule) => [rule.id, []]));
  if (!all.length) return found;
  const rows = await db
    .selectFrom('incident')
    .select([...RULE_COLUMNS, ...DUE_COLUMNS])
    // `+status`: the status is checked on the rows the ranges find, not searched by its index, which SQLite
    // would otherwise pick, reading every open incident (a thirty-millisecond scan, not five).
    .where(sql<string>`+status`, 'in', [...OPEN_STATUSES])
    .where((eb) =>
      eb.or(
        all.map((range) => {
          const policy =
            range.policyId === null ? eb('sla_policy_id', 'is', null) : eb('sla_policy_id', '=', range.policyId);
          return range.column === 'created_at'
            ? eb.and([
                policy,
                eb('acknowledged_at', 'is', null),
                eb('created_at', '>=', new Date(range.from).toISOString()),
                eb('created_at', '<=', new Date(range.to).toISOString()),
              ])
            : eb.and([policy, eb(range.column, '>=', range.from), eb(range.column, '<=', range.to)]);
        }),
      ),
    )
    .execute();
  const incidents = rows.map((row) => ({ row, created: Date.parse(row.created_at), incident: toRuleIncident(row) }));
  for (const rule of rules) {
    const byPolicy = new Map<string | null, CandidateRange[]>();
    for (const range of rangesOf.get(rule.id)!)
      byPolicy.set(range.policyId, [...(byPolicy.get(range.policyId) ?? []), range]);
    const held = found.get(rule.id)!;
    for (const { row, created, incident } of incidents) {
      const ranges = byPolicy.get(row.sla_policy_id);
      if (ranges?.some((range) => inRange(row, created, range)) && conditionsHold(rule.conditions, incident)) {
        held.push(incident);
      }
    }
  }
  return found;
}
