import type { Channel } from '#shared/domain/enums.ts';
import type { IncidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import type { DurationMeasure, KpiWindow, ResolvedKpiFilters } from '#shared/domain/kpi-membership.ts';
import { periodBuckets, resolvePeriod } from '#shared/domain/kpi-period.ts';
import type { KpiPlan } from '#shared/domain/kpi-report.ts';
import { Contribution, Tally } from '#shared/domain/kpi-tally.ts';
import type { KpiFigures } from '#shared/domain/kpi-tally.ts';
import { AGENT_A, AGENT_B, DAY, GROUP_1, GROUP_2, MONDAY } from './kpi-histories.ts';
import type { Prng } from './prng.ts';

/**
 * What the randomized KPI tests draw their incidents and periods from, and the plain recount they check the
 * report against: each incident's contribution read on its own (Contribution.read) and tallied.
 */

/** Two named agents, one more, and nobody; likewise groups: a row for "unassigned" always turns up. */
export const RANDOM_AGENTS = [AGENT_A, AGENT_B, '0190f000-0000-7000-8000-00000000000c', null];
export const RANDOM_GROUPS = [GROUP_1, GROUP_2, null];
export const RANDOM_CHANNELS: Channel[] = ['email', 'phone', 'walk_in', 'web'];
/** Ten weeks after the first incident can be reported: histories run up to here, periods end before or after. */
export const RANDOM_NOW = MONDAY + 70 * DAY;

/** A period from within the first 40 days to a day from 41 up to `lastDay`, and the one before it. */
export function randomPlan(
  rand: Prng,
  options: { lastDay: number; duration: DurationMeasure; filters?: ResolvedKpiFilters },
): KpiPlan {
  const from = new Date(MONDAY + rand.int(0, 40) * DAY).toISOString().slice(0, 10);
  const to = new Date(MONDAY + rand.int(41, options.lastDay) * DAY).toISOString().slice(0, 10);
  const { current, previous } = resolvePeriod({ from, to }, RANDOM_NOW, 'UTC');
  return {
    current,
    previous,
    buckets: periodBuckets(current, 'UTC'),
    now: RANDOM_NOW,
    filters: options.filters ?? {},
    duration: options.duration,
  };
}

/** The period's figures, each incident tallied on its own with the object predicates. */
export function talliedOneByOne(facts: readonly IncidentKpiFacts[], period: KpiWindow, plan: KpiPlan): KpiFigures {
  const tally = new Tally();
  const contribution = new Contribution();
  for (const f of facts) if (contribution.read(f, period, plan.now, plan.duration)) tally.add(contribution);
  return tally.figures();
}
