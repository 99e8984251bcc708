import { DAY_MS } from './instant.ts';
import type { CompiledCalendar } from './calendar-days.ts';

/** Local dates overlapping a UTC day lie within one day either side of it; one more is a margin. */
const DAY_MARGIN = 2;

/**
 * Business time as a running total: `at(x)` is the business milliseconds between a fixed origin and `x`, so the
 * business time between two instants is `at(to) - at(from)`, exactly what businessMsBetween counts (opening time
 * is a sum of overlaps, and sums subtract). A report over a year measures a hundred thousand spans; each is then
 * two lookups by UTC day number and a walk over that day's few opening ranges, instead of a walk over the days
 * of the span.
 *
 * Per UTC day it keeps the day's opening ranges (those of the local dates that overlap it, clipped to it) and the
 * running total at its start, both worked out the first time the day is asked for, outwards from the first day
 * asked for (the origin).
 */
export class BusinessTimeline {
  readonly #calendar: CompiledCalendar;
  /** UTC day number → its opening ranges `[start0, end0, …]` within the day, in order. */
  readonly #ranges = new Map<number, number[]>();
  /** UTC day number → business ms from the origin's start to this day's start (negative before the origin). */
  readonly #totals = new Map<number, number>();
  #first = 0;
  #last = -1;

  constructor(calendar: CompiledCalendar) {
    this.#calendar = calendar;
  }

  /** Business milliseconds from the origin to `at` (negative before it). */
  at(at: number): number {
    const day = Math.floor(at / DAY_MS);
    let total = this.#totals.get(day);
    if (total === undefined) total = this.#reach(day);
    const ranges = this.#ranges.get(day)!;
    for (let i = 0; i < ranges.length; i += 2) {
      const start = ranges[i]!;
      if (start >= at) break;
      total += Math.min(ranges[i + 1]!, at) - start;
    }
    return total;
  }

  /** Business milliseconds from `from` to `to` (0 unless `to` is later). */
  between(from: number, to: number): number {
    return to > from ? this.at(to) - this.at(from) : 0;
  }

  /** Extends the known days to `day`, in steps of one day from the nearest known one; answers its total. */
  #reach(day: number): number {
    if (this.#last < this.#first) {
      this.#first = this.#last = day;
      this.#totals.set(day, 0);
      this.#ranges.set(day, this.#rangesOf(day));
      return 0;
    }
    while (this.#last < day) {
      const total = this.#totals.get(this.#last)! + openMs(this.#ranges.get(this.#last)!);
      this.#last += 1;
      this.#ranges.set(this.#last, this.#rangesOf(this.#last));
      this.#totals.set(this.#last, total);
    }
    while (this.#first > day) {
      this.#first -= 1;
      const ranges = this.#rangesOf(this.#first);
      this.#ranges.set(this.#first, ranges);
      this.#totals.set(this.#first, this.#totals.get(this.#first + 1)! - openMs(ranges));
    }
    return this.#totals.get(day)!;
  }

  /** The opening ranges of the local dates near UTC day `day`, clipped to it and in order. */
  #rangesOf(day: number): number[] {
    const from = day * DAY_MS;
    const to = from + DAY_MS;
    const pieces: [number, number][] = [];
    for (let local = day - DAY_MARGIN; local <= day + DAY_MARGIN; local++) {
      const { bounds } = this.#calendar.dayRanges(local);
      for (let i = 0; i < bounds.length; i += 2) {
        const start = Math.max(bounds[i]!, from);
        const end = Math.min(bounds[i + 1]!, to);
        if (end > start) pieces.push([start, end]);
      }
    }
    return pieces.sort((a, b) => a[0] - b[0]).flat();
  }
}

function openMs(ranges: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < ranges.length; i += 2) total += ranges[i + 1]! - ranges[i]!;
  return total;
}
