import type { StoredCalendar } from '#shared/domain/calendar.ts';
import { compileCalendar } from '#shared/domain/calendar-days.ts';
import { dueOfFigures, NO_DUE, projectIncidentDue } from '#shared/domain/incident-due.ts';
import type { IncidentDueFigures } from '#shared/domain/incident-due.ts';
import { formatInstant } from '#shared/domain/instant.ts';
import { slaHistory } from '#shared/domain/sla-history.ts';
import { matchSlaPolicy } from '#shared/domain/sla-policy.ts';
import type { PolicyMatch, PolicyNames } from '#shared/domain/sla-policy.ts';
import type { KpiSlaResults } from '#shared/domain/kpi-facts.ts';
import { verdictsOfFigures } from '#shared/domain/kpi-sla.ts';
import { evaluateSlaFigures } from '#shared/domain/sla.ts';
import type { SlaFigures, SlaInput } from '#shared/domain/sla.ts';
import type { DueFacts } from './due.repository.ts';
import type { PolicyRecord } from './sla-policy.repository.ts';
import { calendarOf } from './sla-config.ts';
import type { SlaConfig } from './sla-config.ts';

/** One incident's clocks as evaluateSla reads them: the policy that applies, its calendar, and the history. */
export interface IncidentClockInput {
  readonly match: PolicyMatch & { readonly policy: PolicyRecord };
  readonly calendar: StoredCalendar;
  /** With `now` at the end of the history; the detail and `desk sla` put their own now in its place. */
  readonly input: SlaInput;
}

/**
 * Matches the incident as it is now against the policies in order and reads its timeline into clock events.
 * A priority (or category, service, organisation) change re-matches, and the clocks keep the time that has
 * elapsed: the whole history is measured against the policy that applies now (see evaluateSla).
 */
export function incidentClockInput(
  config: SlaConfig,
  facts: DueFacts,
  names: PolicyNames = {},
): IncidentClockInput | null {
  // An incident whose creation has not arrived yet (only a later edit has) has no clocks until it does.
  if (facts.createdAt === null) return null;
  const match = matchSlaPolicy(config.policies, facts, names) as IncidentClockInput['match'] | null;
  if (!match) return null;
  const calendar = calendarOf(config, match.policy);
  const history = slaHistory(facts.createdAt, facts.status, facts.entries);
  return {
    match,
    calendar,
    input: {
      calendar,
      targets: match.policy.targets,
      createdAt: formatInstant(facts.createdAt),
      initialStatus: history.initialStatus,
      events: history.events,
      now: formatInstant(history.endsAt),
      pauseStatuses: match.policy.pauseStatuses,
    },
  };
}

/**
 * The incident's due instants, or none when no policy applies. A history the arithmetic refuses (a calendar
 * closed for three years on end: every opening day a holiday) has no due instants rather than stopping the
 * write that touched it; every workstation refuses it alike, so they still agree.
 */
export function incidentDue(config: SlaConfig, facts: DueFacts): { policyId: string | null; due: IncidentDueFigures } {
  const clocks = incidentClockInput(config, facts);
  if (!clocks) return { policyId: null, due: NO_DUE };
  try {
    return { policyId: clocks.match.policy.id, due: projectIncidentDue(clocks.input) };
  } catch {
    return { policyId: clocks.match.policy.id, due: NO_DUE };
  }
}

/** No verdicts: shared, as the KPI facts share their empty record. */
const NO_VERDICTS: KpiSlaResults = Object.freeze({});

export interface IncidentClockOutcome {
  readonly policyId: string | null;
  readonly due: IncidentDueFigures;
  /** The SLA verdicts of its KPI facts (kpiClockResults). */
  readonly verdicts: KpiSlaResults;
}

const attempt = <T>(work: () => T, otherwise: T): T => {
  try {
    return work();
  } catch {
    return otherwise;
  }
};

/**
 * The incident's due instants and its KPI verdicts from one evaluation of its clocks: what incidentDue and the
 * KPI facts' kpiClockResults answer, for a recompute of every incident that needs both. A history the
 * arithmetic refuses has neither, as there.
 */
export function incidentClockOutcome(config: SlaConfig, facts: DueFacts): IncidentClockOutcome {
  const clocks = incidentClockInput(config, facts);
  if (!clocks) return { policyId: null, due: NO_DUE, verdicts: NO_VERDICTS };
  const policyId = clocks.match.policy.id;
  const figures = attempt<SlaFigures | null>(() => evaluateSlaFigures(clocks.input), null);
  if (!figures) return { policyId, due: NO_DUE, verdicts: NO_VERDICTS };
  const calendar = compileCalendar(clocks.calendar);
  return {
    policyId,
    due: attempt(() => dueOfFigures(figures, calendar), NO_DUE),
    verdicts: attempt(() => verdictsOfFigures(figures, calendar), NO_VERDICTS),
  };
}
