import { IANAZone } from 'luxon';
import { parseCalendar, wallMinutes, WEEKDAYS } from './calendar.ts';
import type { BusinessCalendar, NormalizedCalendar } from './calendar.ts';
import { DAY_MS, MINUTE_MS } from './instant.ts';

/**
 * A calendar compiled for arithmetic: each local date's opening time as UTC millisecond ranges, worked out once
 * per date and kept. Business-time questions then walk plain numbers instead of creating date objects.
 *
 * The rule, for every zone and every date: an instant is business time when its local date is not a holiday
 * and its local wall-clock time lies in one of that weekday's intervals. So an opening hour that does not exist
 * on a spring-forward day (02:30 in Berlin on the last Sunday of March) adds nothing, an interval that spans
 * the gap is an hour shorter, and one that spans the autumn's repeated hour is an hour longer: business minutes
 * are real minutes during which the clocks on the wall show opening hours. No DST table is ours: offsets come
 * from the zone database through luxon.
 */
export interface DayRanges {
  /** Opening time of one local date as UTC ranges `[start0, end0, start1, end1, …]`, in order, end exclusive. */
  readonly bounds: readonly number[];
  readonly totalMs: number;
}

/** Zone offsets are sampled on this grid and assumed to change at most once between two samples. */
const GRID_MS = 12 * 3_600_000;
/** An instant with local date D lies within this reach of D's midnight read as UTC (offsets run −12 h to +14 h). */
const REACH_BEFORE_MS = 15 * 3_600_000;
const REACH_AFTER_MS = DAY_MS + 13 * 3_600_000;
/** Kept dates per calendar; a few years of dates is a few hundred kilobytes, and past that the table starts over. */
const MAX_CACHED_DAYS = 40_000;

const CLOSED: DayRanges = { bounds: [], totalMs: 0 };

interface OffsetPiece {
  readonly from: number;
  readonly to: number;
  readonly offsetMs: number;
}

export class CompiledCalendar {
  readonly calendar: NormalizedCalendar;
  private readonly zone: IANAZone;
  /** Per weekday (0 = Monday) the opening intervals as `[start, end, …]` minutes after local midnight. */
  private readonly week: readonly (readonly number[])[];
  private readonly holidays: ReadonlySet<number>;
  private readonly days = new Map<number, DayRanges>();
  private readonly gridOffsets = new Map<number, number>();
  private readonly transitions = new Map<number, number>();

  constructor(calendar: NormalizedCalendar) {
    this.calendar = calendar;
    this.zone = IANAZone.create(calendar.timeZone);
    this.week = WEEKDAYS.map((day) =>
      calendar.hours[day].flatMap(([start, end]) => [wallMinutes(start, false)!, wallMinutes(end, true)!]),
    );
    this.holidays = new Set(calendar.holidays.map((holiday) => Date.parse(`${holiday.date}T00:00:00Z`) / DAY_MS));
  }

  /** The opening time of local date number `day` (days since 1970-01-01). */
  dayRanges(day: number): DayRanges {
    let ranges = this.days.get(day);
    if (!ranges) {
      if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
      ranges = this.compileDay(day);
      this.days.set(day, ranges);
    }
    return ranges;
  }

  private compileDay(day: number): DayRanges {
    if (this.holidays.has(day)) return CLOSED;
    // 1970-01-01 was a Thursday, index 3 counting from Monday.
    const intervals = this.week[(((day + 3) % 7) + 7) % 7]!;
    if (!intervals.length) return CLOSED;
    const midnight = day * DAY_MS;
    const ranges: [number, number][] = [];
    for (const piece of this.offsetPieces(midnight - REACH_BEFORE_MS, midnight + REACH_AFTER_MS)) {
      for (let i = 0; i < intervals.length; i += 2) {
        // Where the wall clock shows [open, close) of this date, while this piece's offset holds.
        const from = Math.max(piece.from, midnight + intervals[i]! * MINUTE_MS - piece.offsetMs);
        const to = Math.min(piece.to, midnight + intervals[i + 1]! * MINUTE_MS - piece.offsetMs);
        if (to > from) ranges.push([from, to]);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const bounds: number[] = [];
    let totalMs = 0;
    for (const [from, to] of ranges) {
      totalMs += to - from;
      // Touching ranges (12:00–13:00, 13:00–14:00, or both sides of an offset change) become one.
      if (bounds.length && bounds[bounds.length - 1] === from) bounds[bounds.length - 1] = to;
      else bounds.push(from, to);
    }
    return { bounds, totalMs };
  }

  /** Stretches of constant UTC offset covering [from, to), from the offsets on the grid and the changes between. */
  private offsetPieces(from: number, to: number): OffsetPiece[] {
    const pieces: OffsetPiece[] = [];
    const add = (pieceFrom: number, pieceTo: number, offsetMs: number) => {
      const [clippedFrom, clippedTo] = [Math.max(pieceFrom, from), Math.min(pieceTo, to)];
      if (clippedTo <= clippedFrom) return;
      const last = pieces[pieces.length - 1];
      if (last && last.offsetMs === offsetMs) pieces[pieces.length - 1] = { ...last, to: clippedTo };
      else pieces.push({ from: clippedFrom, to: clippedTo, offsetMs });
    };
    for (let k = Math.floor(from / GRID_MS); k * GRID_MS < to; k++) {
      const [cellFrom, cellTo] = [k * GRID_MS, (k + 1) * GRID_MS];
      const [before, after] = [this.offsetAtGrid(k), this.offsetAtGrid(k + 1)];
      if (before === after) {
        add(cellFrom, cellTo, before);
      } else {
        const change = this.transitionIn(k, before);
        add(cellFrom, change, before);
        add(change, cellTo, after);
      }
    }
    return pieces;
  }

  private offsetMs(instant: number): number {
    return this.zone.offset(instant) * MINUTE_MS;
  }

  private offsetAtGrid(k: number): number {
    let offset = this.gridOffsets.get(k);
    if (offset === undefined) {
      offset = this.offsetMs(k * GRID_MS);
      this.gridOffsets.set(k, offset);
    }
    return offset;
  }

  /** The first millisecond of grid cell `k` whose offset is no longer `before`: one change within a cell. */
  private transitionIn(k: number, before: number): number {
    let change = this.transitions.get(k);
    if (change === undefined) {
      let low = k * GRID_MS;
      let high = low + GRID_MS;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (this.offsetMs(middle) === before) low = middle;
        else high = middle;
      }
      change = high;
      this.transitions.set(k, change);
    }
    return change;
  }
}

const byObject = new WeakMap<object, CompiledCalendar>();
/** Calendars equal in content but not identity (rebuilt from JSON per call) share one compiled table. */
const byContent = new Map<string, CompiledCalendar>();
const MAX_BY_CONTENT = 64;

/**
 * Validates and compiles a calendar, once per calendar object. Calendars are values: a changed calendar is a new
 * object (the store hands out fresh objects after an edit), so a calendar mutated in place would keep its old
 * table.
 */
export function compileCalendar(calendar: BusinessCalendar | CompiledCalendar): CompiledCalendar {
  if (calendar instanceof CompiledCalendar) return calendar;
  // Not an object at all: let the validator say what is wrong (a WeakMap would only say "invalid key").
  if (typeof calendar !== 'object' || calendar === null) parseCalendar(calendar);
  let compiled = byObject.get(calendar);
  if (compiled) return compiled;
  const key = JSON.stringify([calendar.timeZone, calendar.hours, calendar.holidays ?? []]);
  compiled = byContent.get(key);
  if (!compiled) {
    compiled = new CompiledCalendar(parseCalendar(calendar));
    if (byContent.size >= MAX_BY_CONTENT) byContent.delete(byContent.keys().next().value!);
    byContent.set(key, compiled);
  }
  byObject.set(calendar, compiled);
  return compiled;
}
