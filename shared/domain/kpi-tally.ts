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
import { selectKth } from './selection.ts';
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

export const VERDICT_MET = 1;
export const VERDICT_BREACHED = 2;

/** What one incident adds to the figures of one period; reused for every incident (no garbage per row). */
export class Contribution {
  created = false;
  resolved = false;
  closed = false;
  handled = false;
  atStart = false;
  atEnd = false;
  // Milliseconds (whole numbers, so their sum is exact whatever order incidents come in: the in-memory and the
  // SQL roads then agree to the last digit). NaN for "not in the period" rather than null: the fields stay plain
  // doubles, written in place for every incident instead of boxing a new number each time.
  ackMs = Number.NaN;
  responseMs = Number.NaN;
  resolveMs = Number.NaN;
  firstContact = false;
  reopened = false;
  escalated = false;
  /**
   * Each clock's verdict, in SLA_CLOCKS order: VERDICT_MET, VERDICT_BREACHED or 0. Indexed by number, not by
   * the clock's name: a lookup by a name that changes from one access to the next is the slow kind.
   */
  readonly verdicts = new Uint8Array(SLA_CLOCKS.length);

  /** Fills this with what `facts` adds to `period`; answers false when it adds nothing at all. */
  read(facts: IncidentKpiFacts, period: KpiWindow, now: number, duration: DurationMeasure): boolean {
    if (facts.reportedAt >= period.to || (facts.activeUntil !== null && facts.activeUntil < period.from)) {
      return false;
    }
    const ms = Contribution.#ms;
    this.created = isWithin(facts.reportedAt, period);
    this.resolved = isWithin(facts.resolvedAt, period);
    this.closed = isWithin(facts.closedAt, period);
    this.handled = isOpenDuring(facts, period);
    this.atStart = isOpenAt(facts, period.from);
    this.atEnd = isOpenAt(facts, period.to);
    this.ackMs = ms(facts, facts.acknowledgedAt, period, duration);
    this.responseMs = ms(facts, facts.firstResponseAt, period, duration);
    this.resolveMs = ms(facts, facts.resolvedAt, period, duration);
    this.firstContact = isResolvedAtFirstContact(facts, period);
    this.reopened = isReopenedResolution(facts, period);
    this.escalated = isEscalatedReport(facts, period);
    for (let c = 0; c < SLA_CLOCKS.length; c++) {
      const verdict = clockVerdict(facts.sla[SLA_CLOCKS[c]!], period, now);
      this.verdicts[c] = verdict === 'met' ? VERDICT_MET : verdict === 'breached' ? VERDICT_BREACHED : 0;
    }
    return true;
  }

  /** Milliseconds from the report to `at`, when `at` falls in the period. A static function: no closure per row. */
  static #ms(facts: IncidentKpiFacts, at: number | null, period: KpiWindow, duration: DurationMeasure) {
    return at !== null && isWithin(at, period) ? duration(facts.reportedAt, at) : Number.NaN;
  }
}

/**
 * Buffers for durations, handed back when a report is done and taken again by the next one. A report at
 * 100,000 incidents fills megabytes of them; new ones every time would grow the memory outside the heap until
 * a full collection walks every incident's facts, which costs more than the report.
 */
const spare: Float64Array<ArrayBuffer>[] = [];
let spareBytes = 0;
const SPARE_LIMIT_BYTES = 64 * 1024 * 1024;
const NO_VALUES: Float64Array<ArrayBuffer> = new Float64Array(0);

function takeBuffer(length: number): Float64Array<ArrayBuffer> {
  let best = -1;
  for (let i = 0; i < spare.length; i++) {
    if (spare[i]!.length >= length && (best < 0 || spare[i]!.length < spare[best]!.length)) best = i;
  }
  if (best < 0) return new Float64Array(Math.max(16, 2 ** Math.ceil(Math.log2(length))));
  const taken = spare[best]!;
  spare[best] = spare.at(-1)!;
  spare.pop();
  spareBytes -= taken.byteLength;
  return taken;
}

function giveBack(values: Float64Array<ArrayBuffer>): void {
  if (values === NO_VALUES || spareBytes + values.byteLength > SPARE_LIMIT_BYTES) return;
  spare.push(values);
  spareBytes += values.byteLength;
}

/** Durations in a growing typed array: no boxed numbers, and a sort without a comparator. */
export class Durations {
  #values = NO_VALUES;
  length = 0;

  push(value: number): void {
    if (this.length === this.#values.length) this.#grow(this.length + 1);
    this.#values[this.length++] = value;
  }

  /** Adds every value of `other`. */
  append(other: Durations): void {
    if (!other.length) return;
    if (this.length + other.length > this.#values.length) this.#grow(this.length + other.length);
    this.#values.set(other.#values.subarray(0, other.length), this.length);
    this.length += other.length;
  }

  /** The values so far (a view, reordered by durationFigure: push nothing afterwards). */
  values(): Float64Array {
    return this.#values.subarray(0, this.length);
  }

  /** Hands the buffer on to the next report; this holds no values afterwards. */
  release(): void {
    giveBack(this.#values);
    this.#values = NO_VALUES;
    this.length = 0;
  }

  #grow(length: number): void {
    const grown = takeBuffer(Math.max(length, this.#values.length * 2));
    grown.set(this.#values.subarray(0, this.length));
    giveBack(this.#values);
    this.#values = grown;
  }
}

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
  readonly ack = new Durations();
  readonly response = new Durations();
  readonly resolve = new Durations();
  /** Per clock, in SLA_CLOCKS order. */
  readonly met = [0, 0, 0];
  readonly breached = [0, 0, 0];

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
    if (!Number.isNaN(c.ackMs)) this.ack.push(c.ackMs);
    if (!Number.isNaN(c.responseMs)) this.response.push(c.responseMs);
    if (!Number.isNaN(c.resolveMs)) this.resolve.push(c.resolveMs);
    for (let i = 0; i < SLA_CLOCKS.length; i++) {
      const verdict = c.verdicts[i];
      if (verdict === VERDICT_MET) this.met[i]! += 1;
      else if (verdict === VERDICT_BREACHED) this.breached[i]! += 1;
    }
  }

  /** Adds everything `other` holds (another tally of the same period). */
  addTally(other: Tally): void {
    this.created += other.created;
    this.resolved += other.resolved;
    this.closed += other.closed;
    this.handled += other.handled;
    this.atStart += other.atStart;
    this.atEnd += other.atEnd;
    this.firstContact += other.firstContact;
    this.reopened += other.reopened;
    this.escalated += other.escalated;
    this.ack.append(other.ack);
    this.response.append(other.response);
    this.resolve.append(other.resolve);
    for (let i = 0; i < SLA_CLOCKS.length; i++) {
      this.met[i]! += other.met[i]!;
      this.breached[i]! += other.breached[i]!;
    }
  }

  /** Hands the durations' buffers on to the next report, once the figures are read. */
  release(): void {
    this.ack.release();
    this.response.release();
    this.resolve.release();
  }

  figures(): KpiFigures {
    const sla = (clock: SlaClockName) => {
      const i = SLA_CLOCKS.indexOf(clock);
      return rate(this.met[i]!, this.met[i]! + this.breached[i]!);
    };
    return {
      created: this.created,
      resolved: this.resolved,
      closed: this.closed,
      handled: this.handled,
      backlog: { atStart: this.atStart, atEnd: this.atEnd },
      mtta: durationFigure(this.ack.values()),
      firstResponse: durationFigure(this.response.values()),
      timeToResolve: durationFigure(this.resolve.values()),
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

/**
 * Reads the figure, in minutes, off durations in whole milliseconds (reordering them). The total is summed in
 * milliseconds, exact in any order, so every road to the same incidents gives the same digits.
 */
export function durationFigure(ms: Float64Array): DurationFigure {
  const count = ms.length;
  if (!count) return { count, meanMinutes: null, medianMinutes: null, p90Minutes: null, totalMinutes: 0 };
  let totalMs = 0;
  for (let i = 0; i < count; i++) totalMs += ms[i]!;
  const middle = count >> 1;
  const upper = selectKth(ms, middle);
  // For an even count, the lower middle is the largest of the values the selection left below it.
  let lower = upper;
  if (count % 2 === 0) {
    lower = ms[0]!;
    for (let i = 1; i < middle; i++) if (ms[i]! > lower) lower = ms[i]!;
  }
  const p90Rank = Math.ceil(0.9 * count) - 1;
  return {
    count,
    meanMinutes: totalMs / MINUTE_MS / count,
    medianMinutes: count % 2 ? upper / MINUTE_MS : (lower / MINUTE_MS + upper / MINUTE_MS) / 2,
    p90Minutes: (p90Rank === middle ? upper : selectKth(ms, p90Rank, p90Rank > middle ? middle + 1 : 0)) / MINUTE_MS,
    totalMinutes: totalMs / MINUTE_MS,
  };
}
