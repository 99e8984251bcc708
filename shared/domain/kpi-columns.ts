import type { Channel, Priority } from './enums.ts';
import type { IncidentKpiFacts, KpiClockResult, KpiSlaResults, OpenSpan } from './kpi-facts.ts';
import type { DurationMeasure } from './kpi-membership.ts';
import { SLA_CLOCKS } from './sla-input.ts';

/**
 * Every incident's KPI facts as columns: one typed array per field, an incident's facts at the same slot in
 * each. A report walks a few flat arrays of numbers instead of a hundred thousand objects: no pointer chasing,
 * nothing for the collector to trace, and a fifth of the memory. Ids (agents, groups, categories, services,
 * channels, priorities) are small codes into a table per field, so filters and tallies index arrays instead of
 * looking strings up in maps. An absent instant is NaN, which every comparison answers false to, as the
 * predicates answer for null.
 */

/** The values of one field, each given a code once; code 0 is "none" (null). */
export class KpiCodes {
  readonly keys: (string | null)[] = [null];
  readonly #codes = new Map<string, number>();

  codeOf(value: string | null): number {
    if (value === null) return 0;
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.keys.length;
      this.#codes.set(value, code);
      this.keys.push(value);
    }
    return code;
  }

  find(value: string): number | undefined {
    return this.#codes.get(value);
  }

  /** The table of codes a filter's list accepts (`none` names incidents without one), or null when it has none. */
  accepting(list: readonly (string | number)[] | undefined): Uint8Array | null {
    if (!list?.length) return null;
    const accept = new Uint8Array(this.keys.length);
    for (const value of list) {
      if (value === 'none') accept[0] = 1;
      const code = this.#codes.get(String(value));
      if (code !== undefined) accept[code] = 1;
    }
    return accept;
  }
}

/** What a clock's outcome is stored as; 0 is "no such clock". */
const OUTCOMES = [null, 'met', 'breached', 'running'] as const;
export const CLOCK_MET = 1;
export const CLOCK_BREACHED = 2;

/** Durations from the report to each instant, on one measure; NaN where there is no such instant. */
export interface MeasuredDurations {
  readonly ack: Float64Array;
  readonly response: Float64Array;
  readonly resolve: Float64Array;
}

const orNaN = (value: number | null) => (value === null ? Number.NaN : value);
const orNull = (value: number) => (Number.isNaN(value) ? null : value);

function grown<T extends Float64Array | Int32Array | Uint8Array>(array: T, length: number, fill = 0): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  if (fill) next.fill(fill, array.length);
  return next;
}

export class KpiColumns {
  readonly ids: string[] = [];
  readonly #slots = new Map<string, number>();
  readonly agents = new KpiCodes();
  readonly groups = new KpiCodes();
  readonly categories = new KpiCodes();
  readonly services = new KpiCodes();
  readonly channels = new KpiCodes();
  readonly priorities = new KpiCodes();

  reportedAt = new Float64Array(0);
  acknowledgedAt = new Float64Array(0);
  firstResponseAt = new Float64Array(0);
  resolvedAt = new Float64Array(0);
  closedAt = new Float64Array(0);
  activeUntil = new Float64Array(0);
  agent = new Int32Array(0);
  group = new Int32Array(0);
  category = new Int32Array(0);
  service = new Int32Array(0);
  channel = new Int32Array(0);
  priority = new Int32Array(0);
  reopens = new Int32Array(0);
  escalations = new Int32Array(0);
  firstContact = new Uint8Array(0);
  /** Clock c of slot i at `i * 3 + c` (SLA_CLOCKS order): its outcome's index in OUTCOMES, and its instant. */
  clockOutcome = new Uint8Array(0);
  clockAt = new Float64Array(0);
  /** Slot i's open spans are `spanCount[i]` pairs (from, to; NaN while open) from `spans[spanAt[i]]` on. */
  spanAt = new Int32Array(0);
  spanCount = new Int32Array(0);
  spans = new Float64Array(0);
  #spansUsed = 0;
  /** Span room no slot points at any more (a slot whose spans outgrew their place moved to the end). */
  #spansWasted = 0;

  /** The one measure whose durations are kept (business time on the team's calendar), and its slots to redo. */
  #measure: DurationMeasure | null = null;
  #measured: MeasuredDurations | null = null;
  #unmeasured = new Uint8Array(0);
  #unmeasuredCount = 0;

  static of(facts: Iterable<IncidentKpiFacts>): KpiColumns {
    const columns = new KpiColumns();
    for (const f of facts) columns.put(f);
    return columns;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Adds the incident's facts, or replaces those it had. */
  put(facts: IncidentKpiFacts): void {
    let slot = this.#slots.get(facts.id);
    if (slot === undefined) {
      slot = this.ids.length;
      if (slot === this.reportedAt.length) this.#grow(Math.max(64, slot * 2));
      this.#slots.set(facts.id, slot);
      this.ids.push(facts.id);
    }
    this.reportedAt[slot] = facts.reportedAt;
    this.acknowledgedAt[slot] = orNaN(facts.acknowledgedAt);
    this.firstResponseAt[slot] = orNaN(facts.firstResponseAt);
    this.resolvedAt[slot] = orNaN(facts.resolvedAt);
    this.closedAt[slot] = orNaN(facts.closedAt);
    this.activeUntil[slot] = orNaN(facts.activeUntil);
    this.agent[slot] = this.agents.codeOf(facts.assigneeId);
    this.group[slot] = this.groups.codeOf(facts.groupId);
    this.category[slot] = this.categories.codeOf(facts.categoryId);
    this.service[slot] = this.services.codeOf(facts.serviceId);
    this.channel[slot] = this.channels.codeOf(facts.channel);
    this.priority[slot] = this.priorities.codeOf(String(facts.priority));
    this.reopens[slot] = facts.reopens;
    this.escalations[slot] = facts.escalations;
    this.firstContact[slot] = facts.firstContact ? 1 : 0;
    for (let c = 0; c < SLA_CLOCKS.length; c++) {
      const result = facts.sla[SLA_CLOCKS[c]!];
      this.clockOutcome[slot * 3 + c] = result ? OUTCOMES.indexOf(result.outcome) : 0;
      this.clockAt[slot * 3 + c] = result ? result.at : Number.NaN;
    }
    this.#putSpans(slot, facts.openSpans);
    if (this.#measured && !this.#unmeasured[slot]) {
      this.#unmeasured[slot] = 1;
      this.#unmeasuredCount += 1;
    }
  }

  /** The facts at a slot, as the object the predicates read (a drill-down's list, a test's comparison). */
  factsAt(slot: number): IncidentKpiFacts {
    const spans: OpenSpan[] = [];
    for (let s = this.spanAt[slot]!, end = s + this.spanCount[slot]! * 2; s < end; s += 2) {
      spans.push([this.spans[s]!, orNull(this.spans[s + 1]!)]);
    }
    const sla: { -readonly [K in keyof KpiSlaResults]: KpiClockResult } = {};
    for (let c = 0; c < SLA_CLOCKS.length; c++) {
      const outcome = OUTCOMES[this.clockOutcome[slot * 3 + c]!];
      if (outcome) sla[SLA_CLOCKS[c]!] = { outcome, at: this.clockAt[slot * 3 + c]! };
    }
    return {
      id: this.ids[slot]!,
      channel: this.channels.keys[this.channel[slot]!] as Channel,
      categoryId: this.categories.keys[this.category[slot]!]!,
      serviceId: this.services.keys[this.service[slot]!]!,
      priority: Number(this.priorities.keys[this.priority[slot]!]) as Priority,
      groupId: this.groups.keys[this.group[slot]!]!,
      assigneeId: this.agents.keys[this.agent[slot]!]!,
      reportedAt: this.reportedAt[slot]!,
      acknowledgedAt: orNull(this.acknowledgedAt[slot]!),
      firstResponseAt: orNull(this.firstResponseAt[slot]!),
      resolvedAt: orNull(this.resolvedAt[slot]!),
      closedAt: orNull(this.closedAt[slot]!),
      reopens: this.reopens[slot]!,
      escalations: this.escalations[slot]!,
      firstContact: this.firstContact[slot] === 1,
      openSpans: spans,
      sla,
      activeUntil: orNull(this.activeUntil[slot]!),
    };
  }

  *facts(): Generator<IncidentKpiFacts> {
    for (let slot = 0; slot < this.size; slot++) yield this.factsAt(slot);
  }

  /**
   * The durations on `measure`, worked out once per incident and kept for the next report on the same measure
   * (the reader hands out one measure per calendar, so a changed calendar is a new measure and starts afresh);
   * an incident whose facts change is measured again.
   */
  measured(measure: DurationMeasure): MeasuredDurations {
    if (this.#measure !== measure || !this.#measured) {
      const length = this.reportedAt.length;
      this.#measure = measure;
      this.#measured = {
        ack: new Float64Array(length),
        response: new Float64Array(length),
        resolve: new Float64Array(length),
      };
      this.#unmeasured = new Uint8Array(length).fill(1, 0, this.size);
      this.#unmeasuredCount = this.size;
    }
    if (this.#unmeasuredCount) this.#remeasure(measure, this.#measured);
    return this.#measured;
  }

  #remeasure(measure: DurationMeasure, into: MeasuredDurations): void {
    const between = (from: number, to: number) => (Number.isNaN(to) ? Number.NaN : measure(from, to));
    for (let slot = 0; slot < this.size; slot++) {
      if (!this.#unmeasured[slot]) continue;
      const reported = this.reportedAt[slot]!;
      into.ack[slot] = between(reported, this.acknowledgedAt[slot]!);
      into.response[slot] = between(reported, this.firstResponseAt[slot]!);
      into.resolve[slot] = between(reported, this.resolvedAt[slot]!);
      this.#unmeasured[slot] = 0;
    }
    this.#unmeasuredCount = 0;
  }

  #putSpans(slot: number, openSpans: readonly OpenSpan[]): void {
    const count = openSpans.length;
    const isNew = this.spanAt[slot] === -1;
    if (isNew || count > this.spanCount[slot]!) {
      if (!isNew) this.#spansWasted += this.spanCount[slot]! * 2;
      if (this.#spansWasted > this.#spansUsed / 2 && this.#spansWasted > 64) this.#compactSpans();
      if (this.#spansUsed + count * 2 > this.spans.length) {
        this.spans = grown(this.spans, Math.max(256, (this.#spansUsed + count * 2) * 2));
      }
      this.spanAt[slot] = this.#spansUsed;
      this.#spansUsed += count * 2;
    } else this.#spansWasted += (this.spanCount[slot]! - count) * 2;
    this.spanCount[slot] = count;
    for (let s = 0, at = this.spanAt[slot]!; s < count; s++, at += 2) {
      this.spans[at] = openSpans[s]![0];
      this.spans[at + 1] = orNaN(openSpans[s]![1]);
    }
  }

  /** Packs every slot's spans together again, in slot order. */
  #compactSpans(): void {
    const packed = new Float64Array(this.spans.length);
    let used = 0;
    for (let slot = 0; slot < this.ids.length; slot++) {
      const from = this.spanAt[slot]!;
      const length = this.spanCount[slot]! * 2;
      if (from < 0) continue;
      packed.set(this.spans.subarray(from, from + length), used);
      this.spanAt[slot] = used;
      used += length;
    }
    this.spans = packed;
    this.#spansUsed = used;
    this.#spansWasted = 0;
  }

  #grow(length: number): void {
    for (const field of ['reportedAt', 'acknowledgedAt', 'firstResponseAt', 'resolvedAt', 'closedAt'] as const) {
      this[field] = grown(this[field], length);
    }
    this.activeUntil = grown(this.activeUntil, length);
    for (const field of ['agent', 'group', 'category', 'service', 'channel', 'priority'] as const) {
      this[field] = grown(this[field], length);
    }
    this.reopens = grown(this.reopens, length);
    this.escalations = grown(this.escalations, length);
    this.firstContact = grown(this.firstContact, length);
    this.clockOutcome = grown(this.clockOutcome, length * 3);
    this.clockAt = grown(this.clockAt, length * 3);
    // -1: a slot not yet given a place among the spans.
    this.spanAt = grown(this.spanAt, length, -1);
    this.spanCount = grown(this.spanCount, length);
    if (this.#measured) {
      this.#measured = {
        ack: grown(this.#measured.ack, length),
        response: grown(this.#measured.response, length),
        resolve: grown(this.#measured.resolve, length),
      };
      this.#unmeasured = grown(this.#unmeasured, length);
    }
  }
}
