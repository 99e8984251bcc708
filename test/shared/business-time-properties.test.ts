import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessMs, businessMsBetween, compileCalendar } from '#shared/domain/business-time.ts';
import type { BusinessCalendar } from '#shared/domain/calendar.ts';
import { BusinessTimeline } from '#shared/domain/business-timeline.ts';
import { DEFAULT_CALENDAR, parseCalendar, wallMinutes, WEEKDAYS } from '#shared/domain/calendar.ts';
import { prng } from '../helpers/prng.ts';
import { AWKWARD_ZONES, randomCalendar, randomInstantMs } from '../helpers/random-calendar.ts';

const MINUTE = 60_000;
const SEED = Number(process.env.DESK_TEST_SEED ?? 20_240_331);

/**
 * An oracle written from the definition and nothing else: walk minute by minute, ask luxon for the wall clock
 * in the calendar's zone, and count the minutes whose local date is no holiday and whose wall time lies in an
 * interval of that weekday. Zone changes happen on whole minutes, so a minute is all open or all closed.
 */
function oracleMinutes(calendar: BusinessCalendar, from: number, to: number): number {
  const normal = parseCalendar(calendar);
  const holidays = new Set(normal.holidays.map((h) => h.date));
  let minutes = 0;
  for (let t = from; t < to; t += MINUTE) {
    const local = DateTime.fromMillis(t, { zone: normal.timeZone });
    if (holidays.has(local.toISODate()!)) continue;
    const wall = local.hour * 60 + local.minute;
    const day = WEEKDAYS[local.weekday - 1]!;
    if (normal.hours[day].some(([a, b]) => wallMinutes(a, false)! <= wall && wall < wallMinutes(b, true)!)) minutes++;
  }
  return minutes;
}

describe(`business time properties (seed ${SEED})`, () => {
  it('agrees with the minute-by-minute oracle on random calendars, zones and spans', () => {
    const random = prng(SEED);
    for (let round = 0; round < 60; round++) {
      const calendar = randomCalendar(random);
      const from = randomInstantMs(random);
      const to = from + random.int(0, 3 * 24 * 60) * MINUTE;
      const ours = businessMsBetween(compileCalendar(calendar), from, to) / MINUTE;
      expect(ours, `round ${round}: ${JSON.stringify({ calendar, from, to })}`).toBe(oracleMinutes(calendar, from, to));
    }
  });

  it('makes add and between inverse, and add the earliest such instant', () => {
    const random = prng(SEED + 1);
    for (let round = 0; round < 400; round++) {
      const compiled = compileCalendar(randomCalendar(random));
      const start = randomInstantMs(random) + (random.next() < 0.3 ? random.int(0, MINUTE - 1) : 0);
      const minutes = random.pick([0, 1, 30, 60, 480, random.int(0, 5_000), random.int(0, 60_000) / 1000]);
      const ms = Math.round(minutes * MINUTE);
      const end = addBusinessMs(compiled, start, ms);
      const context = `round ${round}: start ${start}, ${minutes} minutes, ${compiled.calendar.timeZone}`;
      expect(end, context).toBeGreaterThanOrEqual(start);
      expect(businessMsBetween(compiled, start, end), context).toBe(ms);
      if (ms > 0) expect(businessMsBetween(compiled, start, end - 1), context).toBe(ms - 1);
    }
  });

  it('adds spans: between is additive over a split, and add composes', () => {
    const random = prng(SEED + 2);
    for (let round = 0; round < 400; round++) {
      const compiled = compileCalendar(randomCalendar(random));
      // Spans up to two months; each round's calendar is new, so longer spans would mostly time the compiling.
      const a = randomInstantMs(random);
      const b = a + random.int(0, 30 * 24 * 60) * MINUTE + random.int(0, MINUTE);
      const c = b + random.int(0, 30 * 24 * 60) * MINUTE;
      const context = `round ${round}: ${a}, ${b}, ${c} in ${compiled.calendar.timeZone}`;
      expect(businessMsBetween(compiled, a, c), context).toBe(
        businessMsBetween(compiled, a, b) + businessMsBetween(compiled, b, c),
      );
      const [first, second] = [random.int(0, 3_000) * MINUTE, random.int(0, 3_000) * MINUTE];
      expect(addBusinessMs(compiled, addBusinessMs(compiled, a, first), second), context).toBe(
        addBusinessMs(compiled, a, first + second),
      );
    }
  });

  it('counts wall-clock minutes on a calendar open around the clock, in every zone', () => {
    const random = prng(SEED + 3);
    for (const timeZone of AWKWARD_ZONES) {
      const compiled = compileCalendar({ ...DEFAULT_CALENDAR, timeZone });
      for (let round = 0; round < 40; round++) {
        const from = randomInstantMs(random);
        const to = from + random.int(0, 10 * 24 * 60) * MINUTE + random.int(0, MINUTE);
        expect(businessMsBetween(compiled, from, to), timeZone).toBe(to - from);
        expect(addBusinessMs(compiled, from, to - from), timeZone).toBe(to);
      }
    }
  });
});

describe(`business time as a running total (seed ${SEED})`, () => {
  it('measures every span exactly as businessMsBetween does, whatever order the spans are asked in', () => {
    const random = prng(SEED + 1);
    for (let round = 0; round < 40; round++) {
      const calendar = compileCalendar(randomCalendar(random));
      const timeline = new BusinessTimeline(calendar);
      for (let span = 0; span < 25; span++) {
        const from = randomInstantMs(random);
        const to = from + random.int(-60, 60 * 24 * 60) * MINUTE;
        const context = `round ${round}, span ${span}: ${JSON.stringify({ calendar: calendar.calendar, from, to })}`;
        expect(timeline.between(from, to), context).toBe(to > from ? businessMsBetween(calendar, from, to) : 0);
      }
    }
  });
});
