import { CHANNELS } from './enums.ts';
import type { Channel } from './enums.ts';
import type { KpiColumns } from './kpi-columns.ts';
import type { Bucket } from './kpi-period.ts';
import { AGE_BUCKET_MINUTES, AGE_BUCKETS } from './kpi-query.ts';
import type { AgeBucket } from './kpi-query.ts';
import { MINUTE_MS } from './instant.ts';
import { SLA_CLOCKS } from './sla-input.ts';
import type { SlaClockName } from './sla-input.ts';

/**
 * Instants in ascending order and nearly evenly spaced (the starts or ends of a period's days, weeks or months,
 * a day or a month being a little longer or shorter than the next): a lookup guesses the place from the spacing
 * and steps from there, one or two steps instead of a binary search over two years of days.
 */
class Edges {
  readonly #values: Float64Array;
  readonly #first: number;
  readonly #step: number;

  constructor(values: readonly number[]) {
    this.#values = Float64Array.from(values);
    this.#first = values[0] ?? 0;
    this.#step = values.length > 1 ? (values.at(-1)! - this.#first) / (values.length - 1) : 1;
  }

  get length(): number {
    return this.#values.length;
  }

  #guess(value: number): number {
    const guess = Math.floor((value - this.#first) / this.#step) + 1;
    return guess < 0 ? 0 : guess > this.#values.length ? this.#values.length : guess;
  }

  /** The first index whose value is above `value`. */
  firstAbove(value: number): number {
    const values = this.#values;
    let i = this.#guess(value);
    while (i > 0 && values[i - 1]! > value) i--;
    while (i < values.length && values[i]! <= value) i++;
    return i;
  }

  /** The first index whose value is at or above `value`. */
  firstAtOrAbove(value: number): number {
    const values = this.#values;
    let i = this.#guess(value);
    while (i > 0 && values[i - 1]! >= value) i--;
    while (i < values.length && values[i]! < value) i++;
    return i;
  }
}

const AGE_MS = AGE_BUCKET_MINUTES.map((minutes) => minutes * MINUTE_MS);

export const zeros = (n: number) => new Array<number>(n).fill(0);

/** The charts over time: what each incident adds to the period's buckets. */
export class SeriesBuilder {
  readonly #starts: Edges;
  readonly #ends: Edges;
  readonly created: Record<Channel, number[]>;
  readonly resolved: number[];
  /** Differences: +1 where an incident enters an age at a bucket end, -1 after it leaves. */
  readonly #backlog: number[][];
  readonly sla: Record<SlaClockName, { met: number[]; breached: number[] }>;

  constructor(buckets: readonly Bucket[]) {
    const n = buckets.length;
    this.#starts = new Edges(buckets.map((b) => b.from));
    this.#ends = new Edges(buckets.map((b) => b.to));
    this.created = Object.fromEntries(CHANNELS.map((c) => [c, zeros(n)])) as Record<Channel, number[]>;
    this.resolved = zeros(n);
    this.#backlog = AGE_BUCKETS.map(() => zeros(n + 1));
    this.sla = Object.fromEntries(SLA_CLOCKS.map((c) => [c, { met: zeros(n), breached: zeros(n) }])) as Record<
      SlaClockName,
      { met: number[]; breached: number[] }
    >;
  }

  /**
   * The bucket holding `times[index]`, which the caller knows to be within the period. The instant is read
   * here rather than handed over: an instant is too large for a small integer, and a call that is not inlined
   * would box it, a hundred thousand times a report.
   */
  bucketAt(times: Float64Array, index: number): number {
    return this.#starts.firstAbove(times[index]!) - 1;
  }

  /** The backlog at each bucket end, by age, while the incident at `slot` was open (read here, for the same reason). */
  addSpans(c: KpiColumns, slot: number): void {
    const ends = this.#ends;
    const reported = c.reportedAt[slot]!;
    for (let s = c.spanAt[slot]!, end = s + c.spanCount[slot]! * 2; s < end; s += 2) {
      const to = c.spans[s + 1]!;
      // Open at a bucket end E when from < E <= to.
      const first = ends.firstAbove(c.spans[s]!);
      const last = Number.isNaN(to) ? ends.length - 1 : ends.firstAbove(to) - 1;
      if (first > last) continue;
      // The first bucket end at which the incident is of each age, age by age.
      let lower = ends.firstAtOrAbove(reported + AGE_MS[0]!);
      for (let age = 0; age < AGE_MS.length; age++) {
        const upper = age + 1 < AGE_MS.length ? ends.firstAtOrAbove(reported + AGE_MS[age + 1]!) : ends.length;
        const a = Math.max(first, lower);
        const b = Math.min(last, upper - 1);
        if (a <= b) {
          this.#backlog[age]![a]! += 1;
          this.#backlog[age]![b + 1]! -= 1;
        }
        lower = upper;
      }
    }
  }

  backlog(): Record<AgeBucket, number[]> {
    return Object.fromEntries(
      AGE_BUCKETS.map((age, i) => {
        let running = 0;
        return [age, this.#backlog[i]!.slice(0, this.#ends.length).map((d) => (running += d))];
      }),
    ) as Record<AgeBucket, number[]>;
  }
}
