import { addBusinessMs } from './business-time.ts';
import type { CalendarLike } from './business-time.ts';
import { compileCalendar } from './calendar-days.ts';
import type { CompiledCalendar } from './calendar-days.ts';
import { formatInstant, MINUTE_MS, parseInstant } from './instant.ts';
import { DEFAULT_PAUSE_STATUSES, deskStatus, parseEvents, SLA_CLOCKS, targetsMs } from './sla-input.ts';
import type { SlaClockName, SlaInput } from './sla-input.ts';
import { ClockWalk } from './sla-clock-walk.ts';

/**
 * SLA clocks, evaluated as a pure function of calendar, targets and the incident's history, so queue badges,
 * escalations and KPIs all read the same answer.
 *
 * - First response runs from creation until the first public response to the reporter.
 * - Next update runs from a customer message until the next public response; each such wait is a new cycle.
 *   Before the first customer message there is no cycle, and the clock is not answered.
 * - Resolution runs from creation until the incident is resolved or closed. A reopen continues it: the elapsed
 *   time accumulates across the cycle, it does not start over.
 * - Every clock runs in business time only while the status is not a pause status (by default waiting on
 *   customer, resolved, closed), so a clock cannot breach while paused. Cancelling stops every clock for good.
 * - Breach means the elapsed business time exceeds the target (strictly: reaching it exactly is still on time).
 * - Target changes: the `targets` argument is in force from creation; a `targets` event (the policy matched
 *   again after a priority change) replaces them from its instant on. Elapsed time is kept. A clock still
 *   running is judged against the targets in force now: if it already exceeds the new target it is breached
 *   from the instant of the change, and if a raised target is no longer exceeded, it is no longer breached. A
 *   clock that was met keeps the verdict of the target in force when it was met. Callers that only know the
 *   targets of the incident as it is now pass those, with no `targets` event: every clock is then judged
 *   against them, which is what "re-match the policy and keep the elapsed time" asks.
 */
export * from './sla-input.ts';

export const CLOCK_STATES = ['running', 'paused', 'met', 'breached', 'stopped'] as const;
/**
 * `met`: stopped by what it waited for (check `breached` for late); `breached`: past its target and still owed;
 * `stopped`: the incident was cancelled before the clock was met. A breached clock keeps running while the
 * incident's status runs (`running` says whether it does).
 */
export type ClockState = (typeof CLOCK_STATES)[number];
export const CLOCK_STATE_LABELS: Record<ClockState, string> = {
  running: 'Running',
  paused: 'Paused',
  met: 'Met',
  breached: 'Breached',
  stopped: 'Stopped',
};

/** A clock is "at risk" from this share of its target on: the queue's filter and the amber badge. */
export const AT_RISK_PERCENT = 75;

/** One clock in the reference format: `dueAt` only while the clock runs and has not breached. */
export interface ClockOutcome {
  readonly elapsedMinutes: number;
  readonly dueAt?: string;
  readonly metAt: string | null;
  readonly breached: boolean;
}
export type SlaOutcome = { readonly [K in SlaClockName]?: ClockOutcome };

export interface SlaClock extends ClockOutcome {
  readonly clock: SlaClockName;
  readonly state: ClockState;
  /** 1 for first response and resolution (a reopen continues the cycle); counts customer waits for next update. */
  readonly cycle: number;
  readonly startedAt: string;
  readonly targetMinutes: number;
  /** Whole business minutes elapsed (a minute counts once it has passed); `elapsedMs` is exact. */
  readonly elapsedMinutes: number;
  readonly elapsedMs: number;
  /** Elapsed share of the target in percent, exact, past 100 when breached. */
  readonly percentElapsed: number;
  readonly dueAt?: string;
  /** From this instant on the elapsed time exceeds the target (the next opening after a due time at closing). */
  readonly breachedAt: string | null;
  /** When the clock is (or was, in this running stretch) at AT_RISK_PERCENT; null unless it runs. */
  readonly atRiskAt: string | null;
  /** The stretch the clock has run in without a stop since, and its elapsed time then; null unless it runs. */
  readonly running: { readonly since: string; readonly elapsedMs: number } | null;
}
export type SlaClocks = { readonly [K in SlaClockName]?: SlaClock };

/** The instant a running stretch reaches `ms` elapsed: its start when it already had that much. */
function stretchReaches(calendar: CompiledCalendar, since: number, elapsedAtSince: number, ms: number): number {
  return addBusinessMs(calendar, since, Math.max(0, ms - elapsedAtSince));
}

/**
 * One clock as numbers: instants in epoch milliseconds, durations in milliseconds. The hot-path form for a
 * sweep or a projection over many incidents, which sorts and compares and has no use for text.
 */
export interface ClockFigures {
  readonly clock: SlaClockName;
  readonly state: ClockState;
  readonly cycle: number;
  readonly startedAt: number;
  readonly targetMs: number;
  readonly elapsedMs: number;
  readonly dueAt: number | null;
  readonly metAt: number | null;
  readonly breached: boolean;
  readonly breachedAt: number | null;
  /** Null unless the clock runs, and when asked not to work it out (evaluateSla has no use for it). */
  readonly atRiskAt: number | null;
  readonly runningSince: number | null;
  readonly elapsedMsAtRunningSince: number;
}
export type SlaFigures = { readonly [K in SlaClockName]?: ClockFigures };

function clockFigures(
  calendar: CompiledCalendar,
  walk: ClockWalk,
  clock: SlaClockName,
  target: number,
  withAtRisk: boolean,
): ClockFigures {
  const tracker = walk.trackers[clock]!;
  const met = tracker.metAt !== null;
  const breached = tracker.elapsed > (met ? (tracker.targetAtMet ?? target) : target);
  const since = met ? null : tracker.stretchStart;
  const state: ClockState = met
    ? 'met'
    : walk.currentStatus === 'cancelled'
      ? 'stopped'
      : breached
        ? 'breached'
        : since === null
          ? 'paused'
          : 'running';
  const reaches = (percent: number) =>
    since === null
      ? null
      : stretchReaches(calendar, since, tracker.elapsedAtStretchStart, Math.ceil((target * percent) / 100));
  return {
    clock,
    state,
    cycle: tracker.cycle,
    startedAt: tracker.startedAt,
    targetMs: target,
    elapsedMs: tracker.elapsed,
    dueAt: state === 'running' ? reaches(100) : null,
    metAt: tracker.metAt,
    breached,
    breachedAt: breached ? (tracker.breachedAt ?? tracker.metAt ?? tracker.startedAt) : null,
    atRiskAt: withAtRisk ? reaches(AT_RISK_PERCENT) : null,
    runningSince: since,
    elapsedMsAtRunningSince: tracker.elapsedAtStretchStart,
  };
}

function figures(input: SlaInput, withAtRisk: boolean): SlaFigures {
  const calendar = compileCalendar(input.calendar);
  const createdAt = parseInstant(input.createdAt, 'createdAt');
  const now = parseInstant(input.now, 'now');
  const pauses = new Set(
    (input.pauseStatuses ?? DEFAULT_PAUSE_STATUSES).map((s, i) => deskStatus(s, `pauseStatuses[${i}]`)),
  );
  const walk = new ClockWalk(
    calendar,
    pauses,
    createdAt,
    deskStatus(input.initialStatus, 'initialStatus'),
    targetsMs(input.targets, 'targets'),
  );
  for (const event of parseEvents(input.events, createdAt, now)) {
    walk.advance(event.at);
    walk.apply(event);
  }
  walk.advance(now);
  const result: { [K in SlaClockName]?: ClockFigures } = {};
  for (const clock of SLA_CLOCKS) {
    const target = walk.currentTargets[clock];
    if (target !== undefined && walk.trackers[clock])
      result[clock] = clockFigures(calendar, walk, clock, target, withAtRisk);
  }
  return result;
}

/** Every clock that has a target, as numbers (see ClockFigures): for sweeps over many incidents. */
export function evaluateSlaFigures(input: SlaInput): SlaFigures {
  return figures(input, true);
}

const text = (ms: number | null) => (ms === null ? null : formatInstant(ms));

function clockAnswer(f: ClockFigures): SlaClock {
  return {
    clock: f.clock,
    state: f.state,
    cycle: f.cycle,
    startedAt: formatInstant(f.startedAt),
    targetMinutes: f.targetMs / MINUTE_MS,
    elapsedMinutes: Math.floor(f.elapsedMs / MINUTE_MS),
    elapsedMs: f.elapsedMs,
    percentElapsed: (f.elapsedMs / f.targetMs) * 100,
    ...(f.dueAt === null ? {} : { dueAt: formatInstant(f.dueAt) }),
    metAt: text(f.metAt),
    breached: f.breached,
    breachedAt: text(f.breachedAt),
    atRiskAt: text(f.atRiskAt),
    running:
      f.runningSince === null ? null : { since: formatInstant(f.runningSince), elapsedMs: f.elapsedMsAtRunningSince },
  };
}

/** Every clock that has a target, in full: state, percentages, due, breach and at-risk instants. */
export function evaluateSlaClocks(input: SlaInput): SlaClocks {
  const result: { [K in SlaClockName]?: SlaClock } = {};
  for (const [clock, f] of Object.entries(figures(input, true)) as [SlaClockName, ClockFigures][]) {
    result[clock] = clockAnswer(f);
  }
  return result;
}

/** The reference format of `sla-cases.json`: per clock with a target, elapsed, due (while running), met, breached. */
export function evaluateSla(input: SlaInput): SlaOutcome {
  const outcome: { [K in SlaClockName]?: ClockOutcome } = {};
  for (const [clock, f] of Object.entries(figures(input, false)) as [SlaClockName, ClockFigures][]) {
    const elapsedMinutes = Math.floor(f.elapsedMs / MINUTE_MS);
    const [metAt, breached] = [text(f.metAt), f.breached];
    outcome[clock] =
      f.dueAt === null
        ? { elapsedMinutes, metAt, breached }
        : { elapsedMinutes, dueAt: formatInstant(f.dueAt), metAt, breached };
  }
  return outcome;
}

/**
 * When a running clock reaches `percent` of its target: ahead for escalation timers, or in the past when it
 * already has. A stretch that began beyond the threshold answers its own start. Null unless the clock runs.
 */
export function clockCrossingAt(calendar: CalendarLike, clock: SlaClock, percent: number): string | null {
  if (!clock.running) return null;
  const threshold = Math.ceil((clock.targetMinutes * MINUTE_MS * percent) / 100);
  const since = parseInstant(clock.running.since, 'running.since');
  return formatInstant(stretchReaches(compileCalendar(calendar), since, clock.running.elapsedMs, threshold));
}

/**
 * The clock the queue's "Due" column shows: a breached one first (the longest overdue), then the running one
 * due soonest, then a paused one (the furthest along). Null when every clock is met or stopped.
 */
export function mostUrgentClock(clocks: SlaClocks): SlaClock | null {
  const owed = Object.values(clocks).filter((clock) => clock.state !== 'met' && clock.state !== 'stopped');
  const rank = (clock: SlaClock): [number, string | number] =>
    clock.state === 'breached'
      ? [0, clock.breachedAt!]
      : clock.state === 'running'
        ? [1, clock.dueAt!]
        : [2, -clock.percentElapsed];
  owed.sort((a, b) => {
    const [ra, ka] = rank(a);
    const [rb, kb] = rank(b);
    return ra - rb || (ka < kb ? -1 : ka > kb ? 1 : 0);
  });
  return owed[0] ?? null;
}
