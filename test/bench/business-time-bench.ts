/**
 * `tsx test/bench/business-time-bench.ts [--incidents N]`, or part of `npm run bench`.
 *
 * Times the pure time functions one call at a time, the way the escalation sweep and the queue projections call
 * them: addBusinessMinutes, businessMinutesBetween and evaluateSla on realistic calendars (office hours with
 * holidays in Berlin, a split shift in New York, 24×7), and the recomputation of every incident's clocks after a
 * calendar change (a new calendar object, so every local date is compiled again). Budget for that: 10 s at
 * 100,000 incidents (issue 12). Figures in microseconds per call, the recomputation in milliseconds.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { addBusinessMinutes, businessMinutesBetween } from '#shared/domain/business-time.ts';
import type { BusinessCalendar } from '#shared/domain/calendar.ts';
import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import { formatInstant } from '#shared/domain/instant.ts';
import { evaluateSla } from '#shared/domain/sla.ts';
import type { SlaEvent, SlaInput } from '#shared/domain/sla.ts';
import { percentile } from './measure.ts';
import { prng } from '../helpers/prng.ts';
import type { Prng } from '../helpers/prng.ts';

const RECOMPUTE_BUDGET_MS = 10_000;
const MINUTE = 60_000;
const OPEN = ['new', 'assigned', 'in_progress'] as const;

function officeBerlin(): BusinessCalendar {
  const day = [['08:00', '18:00']] as const;
  const holidays = ['01-01', '05-01', '10-03', '12-24', '12-25', '12-26', '12-31'].flatMap((d) =>
    ['2024', '2025', '2026'].map((y) => `${y}-${d}`),
  );
  return { timeZone: 'Europe/Berlin', hours: { mon: day, tue: day, wed: day, thu: day, fri: day }, holidays };
}

function splitShiftNewYork(): BusinessCalendar {
  const day = [
    ['07:00', '12:00'],
    ['13:00', '19:30'],
  ] as const;
  return {
    timeZone: 'America/New_York',
    hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [['09:00', '13:00']] },
  };
}

const calendars = (): BusinessCalendar[] => [officeBerlin(), splitShiftNewYork(), { ...DEFAULT_CALENDAR }];

const someInstant = (random: Prng) => Date.UTC(2024, 0, 1) + random.int(0, 2 * 365 * 24 * 60) * MINUTE;

/** An incident history: some status changes, replies and customer messages over a few days. */
function someIncident(random: Prng, calendar: BusinessCalendar): SlaInput {
  const created = someInstant(random);
  let at = created;
  const events: SlaEvent[] = [];
  for (let n = random.int(1, 8); n > 0; n--) {
    at += random.int(5, 24 * 60) * MINUTE;
    const roll = random.next();
    const iso = formatInstant(at);
    if (roll < 0.4)
      events.push({ at: iso, type: 'status', status: random.pick([...OPEN, 'waiting_on_customer', 'resolved']) });
    else if (roll < 0.75) events.push({ at: iso, type: 'agent_reply' });
    else events.push({ at: iso, type: 'customer_message' });
  }
  return {
    calendar,
    targets: {
      firstResponseMinutes: random.pick([15, 60, 240]),
      nextUpdateMinutes: 480,
      resolutionMinutes: random.pick([240, 960, 2400]),
    },
    createdAt: formatInstant(created),
    initialStatus: 'new',
    events,
    now: formatInstant(at + random.int(0, 3 * 24 * 60) * MINUTE),
  };
}

/** Times `run` once per sample, after a warm-up that compiles the calendars' dates, as a running sweep has. */
function microseconds(samples: number, run: (i: number) => unknown): { p50: number; p95: number } {
  for (let i = 0; i < Math.min(samples, 2_000); i++) run(i);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    run(i);
    times.push((performance.now() - started) * 1000);
  }
  times.sort((a, b) => a - b);
  const round = (us: number) => Math.round(us * 100) / 100;
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

export interface BusinessTimeBench {
  readonly incidents: number;
  readonly addP50Us: number;
  readonly addP95Us: number;
  readonly betweenP50Us: number;
  readonly betweenP95Us: number;
  readonly evaluateSlaP50Us: number;
  readonly evaluateSlaP95Us: number;
  readonly recomputeAllMs: number;
  readonly recomputeBudgetMs: number;
  readonly withinBudget: boolean;
}

export function benchBusinessTime(options: { incidents: number; log?: (line: string) => void }): BusinessTimeBench {
  const random = prng(12);
  const cals = calendars();
  const samples = 20_000;
  const starts = Array.from({ length: samples }, () => formatInstant(someInstant(random)));
  const ends = starts.map((s) => formatInstant(Date.parse(s) + random.int(0, 14 * 24 * 60) * MINUTE));
  const minutes = starts.map(() => random.int(1, 5_000));
  options.log?.(`Business time: ${samples} calls each of add, between and evaluateSla …`);
  const add = microseconds(samples, (i) => addBusinessMinutes(cals[i % cals.length]!, starts[i]!, minutes[i]!));
  const between = microseconds(samples, (i) => businessMinutesBetween(cals[i % cals.length]!, starts[i]!, ends[i]!));
  const histories = Array.from({ length: samples }, (_, i) => someIncident(random, cals[i % cals.length]!));
  const evaluate = microseconds(samples, (i) => evaluateSla(histories[i]!));

  options.log?.(`Business time: recomputing the clocks of ${options.incidents} incidents after a calendar change …`);
  const incidents = Array.from({ length: options.incidents }, () => someIncident(random, cals[0]!));
  // A calendar change hands the store a new calendar object: nothing of the old one's compiled dates is reused.
  const changed = officeBerlin();
  const started = performance.now();
  for (const incident of incidents) evaluateSla({ ...incident, calendar: changed });
  const recomputeAllMs = Math.round(performance.now() - started);

  return {
    incidents: options.incidents,
    addP50Us: add.p50,
    addP95Us: add.p95,
    betweenP50Us: between.p50,
    betweenP95Us: between.p95,
    evaluateSlaP50Us: evaluate.p50,
    evaluateSlaP95Us: evaluate.p95,
    recomputeAllMs,
    recomputeBudgetMs: RECOMPUTE_BUDGET_MS,
    withinBudget: recomputeAllMs <= RECOMPUTE_BUDGET_MS,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { incidents: { type: 'string', default: '100000' } } });
  const result = benchBusinessTime({
    incidents: Number(values.incidents),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(JSON.stringify(result, null, 2));
}
