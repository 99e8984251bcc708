import type { IncidentKpiFacts } from './kpi-facts.ts';
import {
  clockVerdict,
  isEscalatedReport,
  isOpenAt,
  isOpenDuring,
  isReopenedResolution,
  isResolvedAtFirstContact,
  isWithin,
} from './kpi-membership.ts';
import type { DurationMeasure, KpiWindow } from './kpi-membership.ts';
import { MINUTE_MS } from './instant.ts';
import { SLA_CLOCKS } from './sla-input.ts';
import type { SlaClockName } from './sla-input.ts';

/** A duration figure in minutes; null when nothing was measured (never NaN). */
export interface DurationFigure {
  readonly count: number;
  readonly meanMinutes: number | null;
  /** The middle value (the mean of the two middle ones for an even count). */
  readonly medianMinutes: number | null;
  /** Nearest rank: the ⌈0.9 n⌉-th shortest, so nine in ten took at most this long. */
  readonly p90Minutes: number | null;
  readonly totalMinutes: number;
}

/** `count` of `of`; the rate is null when `of` is 0. */
export interface RateFigure {
  readonly count: number;
  readonly of: number;
  readonly rate: number | null;
}

export interface KpiFigures {
  readonly created: number;
  readonly resolved: number;
  readonly closed: number;
  readonly handled: number;
  readonly backlog: { readonly atStart: number; readonly atEnd: number };
  readonly mtta: DurationFigure;
  readonly firstResponse: DurationFigure;
  readonly timeToResolve: DurationFigure;
  readonly slaCompliance: Readonly<Record<SlaClockName, RateFigure>>;
  readonly firstContactResolution: RateFigure;
  readonly reopenRate: RateFigure;
  readonly escalationRate: RateFigure;
}

/** What one incident adds to the figures of one window; reused for every incident (no garbage per row). */
export class Contribution {
  created = false;
  resolved = false;
  closed = false;
  handled = false;
  atStart = false;
  atEnd = false;
  ackMinutes: number | null = null;
  responseMinutes: number | null = null;
  resolveMinutes: number | null = null;
  firstContact = false;
  reopened = false;
  escalated = false;
  readonly clocks: Record<SlaClockName, 'met' | 'breached' | null> = {
    firstResponse: null,
    nextUpdate: null,
    resolution: null,
  };

  /** Fills this with what `facts` adds to `window`; answers false when it adds nothing at all. */
  read(facts: IncidentKpiFacts, window: KpiWindow, now: number, duration: DurationMeasure): boolean {
    if (facts.reportedAt >= window.to || (facts.activeUntil !== null && facts.activeUntil < window.from)) {
      return false;
    }
    const minutes = (at: number | null) =>
      at !== null && isWithin(at, window) ? duration(facts.reportedAt, at) / MINUTE_MS : null;
    this.created = isWithin(facts.reportedAt, window);
    this.resolved = isWithin(facts.resolvedAt, window);
    this.closed = isWithin(facts.closedAt, window);
    this.handled = isOpenDuring(facts, window);
    this.atStart = isOpenAt(facts, window.from);
    this.atEnd = isOpenAt(facts, window.to);
    this.ackMinutes = minutes(facts.acknowledgedAt);
    this.responseMinutes = minutes(facts.firstResponseAt);
    this.resolveMinutes = minutes(facts.resolvedAt);
    this.firstContact = isResolvedAtFirstContact(facts, window);
    this.reopened = isReopenedResolution(facts, window);
    this.escalated = isEscalatedReport(facts, window);
    for (const clock of SLA_CLOCKS) this.clocks[clock] = clockVerdict(facts.sla[clock], window, now);
    return true;
  }
}

const clockCounts = () => ({ met: 0, breached: 0 });

/** Sums contributions; `figures()` turns the sums into the figures. */
export class Tally {
  created = 0;
  resolved = 0;
  closed = 0;
  handled = 0;
  atStart = 0;
  atEnd = 0;
  firstContact = 0;
  reopened = 0;
  escalated = 0;
  readonly ack: number[] = [];
  readonly response: number[] = [];
  readonly resolve: number[] = [];
  readonly clocks: Record<SlaClockName, { met: number; breached: number }> = {
    firstResponse: clockCounts(),
    nextUpdate: clockCounts(),
    resolution: clockCounts(),
  };

  add(c: Contribution): void {
    if (c.created) this.created += 1;
    if (c.resolved) this.resolved += 1;
    if (c.closed) this.closed += 1;
    if (c.handled) this.handled += 1;
    if (c.atStart) this.atStart += 1;
    if (c.atEnd) this.atEnd += 1;
    if (c.firstContact) this.firstContact += 1;
    if (c.reopened) this.reopened += 1;
    if (c.escalated) this.escalated += 1;
    if (c.ackMinutes !== null) this.ack.push(c.ackMinutes);
    if (c.responseMinutes !== null) this.response.push(c.responseMinutes);
    if (c.resolveMinutes !== null) this.resolve.push(c.resolveMinutes);
    for (const clock of SLA_CLOCKS) {
      const verdict = c.clocks[clock];
      if (verdict) this.clocks[clock][verdict] += 1;
    }
  }

  figures(): KpiFigures {
    const sla = (clock: SlaClockName) => {
      const { met, breached } = this.clocks[clock];
      return rate(met, met + breached);
    };
    return {
      created: this.created,
      resolved: this.resolved,
      closed: this.closed,
      handled: this.handled,
      backlog: { atStart: this.atStart, atEnd: this.atEnd },
      mtta: durationFigure(this.ack),
      firstResponse: durationFigure(this.response),
      timeToResolve: durationFigure(this.resolve),
      slaCompliance: {
        firstResponse: sla('firstResponse'),
        nextUpdate: sla('nextUpdate'),
        resolution: sla('resolution'),
      },
      firstContactResolution: rate(this.firstContact, this.resolved),
      reopenRate: rate(this.reopened, this.resolved),
      escalationRate: rate(this.escalated, this.created),
    };
  }
}

/** The figures of nothing at all: zeros and nulls. */
export function emptyFigures(): KpiFigures {
  return new Tally().figures();
}

export function rate(count: number, of: number): RateFigure {
  return { count, of, rate: of === 0 ? null : count / of };
}

/** Sorts `minutes` in place and reads the figure off it. */
export function durationFigure(minutes: number[]): DurationFigure {
  const count = minutes.length;
  if (!count) return { count, meanMinutes: null, medianMinutes: null, p90Minutes: null, totalMinutes: 0 };
  minutes.sort((a, b) => a - b);
  let total = 0;
  for (const value of minutes) total += value;
  const middle = count >> 1;
  const median = count % 2 ? minutes[middle]! : (minutes[middle - 1]! + minutes[middle]!) / 2;
  return {
    count,
    meanMinutes: total / count,
    medianMinutes: median,
    p90Minutes: minutes[Math.ceil(0.9 * count) - 1]!,
    totalMinutes: total,
  };
}
