import type { BusinessCalendar, OpeningInterval, Weekday } from '#shared/domain/calendar.ts';
import { WEEKDAYS } from '#shared/domain/calendar.ts';
import type { Prng } from './prng.ts';

/** Zones chosen for their trouble: DST north and south, 30- and 45-minute offsets, a 30-minute DST shift. */
export const AWKWARD_ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Pacific/Chatham',
] as const;

const hhmm = (minutes: number) =>
  minutes === 1440
    ? '24:00'
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Up to three non-overlapping intervals, on quarter hours or odd minutes, often touching midnight or 02:00–03:00. */
function randomDay(random: Prng): OpeningInterval[] {
  const cuts = new Set<number>();
  const count = random.int(0, 3) * 2;
  const step = random.pick([1, 15, 30, 60]);
  while (cuts.size < count) cuts.add(random.pick([0, 120, 150, 180, 1440, random.int(0, 1440 / step) * step]));
  const sorted = [...cuts].sort((a, b) => a - b);
  const intervals: OpeningInterval[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
  return intervals;
}

/** A valid calendar: random zone, random hours per weekday (at least one interval), some holidays in 2023–2026. */
export function randomCalendar(random: Prng): BusinessCalendar {
  const hours: Partial<Record<Weekday, OpeningInterval[]>> = {};
  for (const day of WEEKDAYS) if (random.next() < 0.8) hours[day] = randomDay(random);
  if (!Object.values(hours).some((intervals) => intervals.length)) hours.mon = [['09:00', '17:00']];
  const holidays = new Set<string>();
  for (let i = random.int(0, 12); i > 0; i--) {
    holidays.add(new Date(Date.UTC(2023, 0, 1) + random.int(0, 4 * 365) * 86_400_000).toISOString().slice(0, 10));
  }
  return { timeZone: random.pick(AWKWARD_ZONES), hours, holidays: [...holidays] };
}

/** Clock changes of 2024 in the zones above, north and south, whole and half hours. */
const CLOCK_CHANGES = [
  '2024-03-31T01:00:00Z',
  '2024-10-27T01:00:00Z',
  '2024-03-10T07:00:00Z',
  '2024-11-03T06:00:00Z',
  '2024-04-06T16:00:00Z',
  '2024-10-05T16:00:00Z',
  '2024-04-06T15:00:00Z',
  '2024-10-05T15:30:00Z',
  '2024-03-10T05:30:00Z',
  '2024-04-06T14:00:00Z',
].map((iso) => Date.parse(iso));

/** An instant in 2023–2026 on a whole minute; a third of them within two days of a clock change. */
export function randomInstantMs(random: Prng): number {
  if (random.next() < 0.35) return random.pick(CLOCK_CHANGES) + random.int(-2 * 24 * 60, 2 * 24 * 60) * 60_000;
  const base = Date.UTC(2023, 0, 1) + random.int(0, 4 * 365 * 24 * 60) * 60_000;
  return random.next() < 0.3 ? Math.floor(base / 3_600_000) * 3_600_000 : base;
}
