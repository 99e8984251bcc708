import { formatDuration } from '#shared/domain/due-text.ts';
import { CLOCK_STATE_LABELS, SLA_CLOCK_LABELS } from '#shared/domain/sla.ts';
import type { ClockState } from '#shared/domain/sla.ts';
import type { IncidentSla } from '#shared/domain/sla-settings.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Business time in hours and minutes: a "day" of business time is not 24 hours, so days would mislead. */
export function formatBusinessTime(ms: number): string {
  if (ms < HOUR) return formatDuration(ms);
  return `${Math.floor(ms / HOUR)} h ${String(Math.floor((ms % HOUR) / MINUTE)).padStart(2, '0')} min`;
}

/** One clock as the incident detail lists it. */
export interface SlaClockRow {
  readonly key: string;
  readonly label: string;
  readonly state: ClockState;
  readonly stateLabel: string;
  /** "4 h 00 min", in business time. */
  readonly target: string;
  /** "1 h 12 min (30 %)", in business time. */
  readonly elapsed: string;
  /** The due instant in the agent's time zone, and in the calendar's when that is another; null when not due. */
  readonly dueHere: string | null;
  readonly dueThere: string | null;
}

function dateTime(timeZone: string | undefined) {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  });
}

/**
 * The incident's clocks for the detail: target, elapsed, due instant in both time zones, state. A met clock shows
 * when it was met instead of when it was due; the agent's zone is the browser's unless one is given (tests).
 */
export function slaClockRows(sla: IncidentSla, agentTimeZone?: string): SlaClockRow[] {
  const here = dateTime(agentTimeZone);
  const agentZone = agentTimeZone ?? here.resolvedOptions().timeZone;
  const calendarZone = sla.calendar?.timeZone;
  const there = calendarZone && calendarZone !== agentZone ? dateTime(calendarZone) : null;
  return sla.clocks.map((clock) => {
    const at = clock.state === 'met' || clock.state === 'stopped' ? null : (clock.dueAt ?? clock.breachedAt);
    const ms = at ? Date.parse(at) : null;
    return {
      key: `${clock.clock}:${clock.cycle}`,
      label: SLA_CLOCK_LABELS[clock.clock],
      state: clock.state,
      stateLabel: clock.state === 'met' && clock.breached ? 'Met late' : CLOCK_STATE_LABELS[clock.state],
      target: formatBusinessTime(clock.targetMinutes * MINUTE),
      elapsed: `${formatBusinessTime(clock.elapsedMs)} (${Math.floor(clock.percentElapsed)} %)`,
      dueHere: ms === null ? null : here.format(ms),
      dueThere: ms === null || !there ? null : there.format(ms),
    };
  });
}
