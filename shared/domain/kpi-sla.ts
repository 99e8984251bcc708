import { nextBusinessMs } from './business-time.ts';
import { compileCalendar } from './calendar-days.ts';
import type { CompiledCalendar } from './calendar-days.ts';
import type { Status } from './enums.ts';
import { formatInstant } from './instant.ts';
import type { KpiClockResult, KpiIncidentRecord, KpiSlaResults } from './kpi-facts.ts';
import { slaHistory } from './sla-history.ts';
import { evaluateSlaFigures, SLA_CLOCKS, TARGET_KEYS } from './sla.ts';
import type { ClockFigures, SlaClockName, SlaFigures, SlaInput, SlaTargets } from './sla.ts';
import type { BusinessCalendar } from './calendar.ts';

/**
 * SLA compliance reads the same clocks as the queue's badges: `evaluateSlaFigures` over the incident's history.
 * Each clock that has a verdict counts once: met on time at the instant it was met, or breached at the instant
 * it breached (a clock met late is a breach). A clock still running is kept with the instant it will breach
 * unless something stops it first, so the figure stays right as time alone passes.
 */
export function kpiClockResults(input: SlaInput): KpiSlaResults {
  return verdictsOfFigures(evaluateSlaFigures(input), compileCalendar(input.calendar));
}

/** The verdicts from clocks already evaluated (see kpiClockResults), as the due instants read them too. */
export function verdictsOfFigures(evaluated: SlaFigures, calendar: CompiledCalendar): KpiSlaResults {
  const results: { -readonly [K in SlaClockName]?: KpiClockResult } = {};
  for (const [clock, figures] of Object.entries(evaluated) as [SlaClockName, ClockFigures][]) {
    if (figures.breached && figures.breachedAt !== null) {
      results[clock] = { outcome: 'breached', at: figures.breachedAt };
    } else if (figures.state === 'met' && figures.metAt !== null) {
      results[clock] = { outcome: 'met', at: figures.metAt };
    } else if (figures.state === 'running' && figures.dueAt !== null) {
      // Breach is exceeding the target: the first business instant after the due time.
      results[clock] = { outcome: 'running', at: nextBusinessMs(calendar, figures.dueAt) };
    }
  }
  return results;
}

/**
 * The clock verdicts of an incident under the given targets and calendar, at the end of its history (the store
 * reads the policy that applies through incidentClockInput; this is the same reading for a record in hand).
 */
export function incidentClockResults(
  record: KpiIncidentRecord,
  targets: SlaTargets,
  calendar: BusinessCalendar,
  pauseStatuses?: readonly Status[],
): KpiSlaResults {
  if (!SLA_CLOCKS.some((clock) => targets[TARGET_KEYS[clock]] !== undefined)) return {};
  const history = slaHistory(record.createdAt, record.status, record.entries);
  return kpiClockResults({
    calendar,
    targets,
    createdAt: formatInstant(record.createdAt),
    initialStatus: history.initialStatus,
    events: history.events,
    now: formatInstant(history.endsAt),
    ...(pauseStatuses ? { pauseStatuses } : {}),
  });
}
