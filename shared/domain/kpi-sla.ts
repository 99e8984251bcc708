import { nextBusinessMs } from './business-time.ts';
import { compileCalendar } from './calendar-days.ts';
import type { Status } from './enums.ts';
import { formatInstant } from './instant.ts';
import { fieldChangesOf, isStatus } from './kpi-facts.ts';
import type { KpiClockResult, KpiIncidentRecord, KpiSlaResults } from './kpi-facts.ts';
import { isCustomerMessage, isPublicResponse } from './responses.ts';
import { evaluateSlaFigures, SLA_CLOCKS, TARGET_KEYS } from './sla.ts';
import type { ClockFigures, SlaClockName, SlaEvent, SlaInput, SlaTargets } from './sla.ts';
import type { BusinessCalendar } from './calendar.ts';

/**
 * SLA compliance reads the same clocks as the queue's badges: `evaluateSlaFigures` over the incident's history.
 * Each clock that has a verdict counts once: met on time at the instant it was met, or breached at the instant
 * it breached (a clock met late is a breach). A clock still running is kept with the instant it will breach
 * unless something stops it first, so the figure stays right as time alone passes.
 */
export function kpiClockResults(input: SlaInput): KpiSlaResults {
  const calendar = compileCalendar(input.calendar);
  const results: { -readonly [K in SlaClockName]?: KpiClockResult } = {};
  for (const [clock, figures] of Object.entries(evaluateSlaFigures(input)) as [SlaClockName, ClockFigures][]) {
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
 * The clock events of an incident's timeline: status changes, public responses, and customer messages after
 * the first response (before it, the first-response clock is already timing the wait). Ends with a move to the
 * status the incident has now, should the timeline not end in it.
 */
export function kpiSlaEvents(record: KpiIncidentRecord): { initialStatus: Status; events: SlaEvent[]; endsAt: number } {
  const events: SlaEvent[] = [];
  let initial: Status | null = null;
  let last: Status | null = null;
  let responded = false;
  let endsAt = record.createdAt;
  for (const entry of record.entries) {
    const at = Math.max(entry.at, record.createdAt);
    const status = fieldChangesOf(entry).find((c) => c.field === 'status' && isStatus(c.to));
    if (status) {
      initial ??= isStatus(status.from) ? status.from : (status.to as Status);
      last = status.to as Status;
      events.push({ at: formatInstant(at), type: 'status', status: last });
    } else if (isPublicResponse(entry)) {
      responded = true;
      events.push({ at: formatInstant(at), type: 'agent_reply' });
    } else if (isCustomerMessage(entry) && responded) {
      events.push({ at: formatInstant(at), type: 'customer_message' });
    } else continue;
    endsAt = Math.max(endsAt, at);
  }
  if (last !== null && last !== record.status) {
    events.push({ at: formatInstant(endsAt), type: 'status', status: record.status });
  }
  return { initialStatus: initial ?? record.status, events, endsAt };
}

/** The clock verdicts of an incident under the given targets and calendar, at the end of its history. */
export function incidentClockResults(
  record: KpiIncidentRecord,
  targets: SlaTargets,
  calendar: BusinessCalendar,
  pauseStatuses?: readonly Status[],
): KpiSlaResults {
  if (!SLA_CLOCKS.some((clock) => targets[TARGET_KEYS[clock]] !== undefined)) return {};
  const history = kpiSlaEvents(record);
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
