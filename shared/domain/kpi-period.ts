import { DateTime } from 'luxon';
import { z } from 'zod';
import { DeskError } from '../errors.ts';
import { isKnownTimeZone, isLocalDate } from './calendar.ts';
import { DAY_MS, formatInstant, instantMs } from './instant.ts';

/**
 * Reporting periods. A period is [from, to): it includes its start and excludes its end. Dates are whole days
 * in the workspace's time zone, so "this month" means the same days on every workstation, whatever each
 * computer's own zone. Each period is compared with the one before it: the same number of days just before,
 * or the previous calendar month or quarter for those.
 */
export const PERIOD_PRESETS = [
  'today',
  'last7Days',
  'last30Days',
  'last90Days',
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'lastQuarter',
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const PERIOD_PRESET_LABELS: Record<PeriodPreset, string> = {
  today: 'Today',
  last7Days: 'Last 7 days',
  last30Days: 'Last 30 days',
  last90Days: 'Last 90 days',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  thisQuarter: 'This quarter',
  lastQuarter: 'Last quarter',
};

/** The longest period a report covers: ten years of days, weeks or months. */
export const MAX_PERIOD_DAYS = 3_660;

/** `WHEN`: a date (`2026-03-01`, the start of that day in the workspace's zone) or an ISO 8601 instant. */
const whenSchema = z
  .string()
  .trim()
  .min(1, { message: 'needs a date (YYYY-MM-DD) or a date and time' })
  .max(40, { message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date and time' });

export const kpiPeriodSchema = z.union([
  z.strictObject({ preset: z.enum(PERIOD_PRESETS) }),
  z.strictObject({ from: whenSchema, to: whenSchema }),
]);
export type KpiPeriod = z.infer<typeof kpiPeriodSchema>;

export interface ResolvedPeriod {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

export interface PeriodPair {
  readonly current: ResolvedPeriod;
  readonly previous: ResolvedPeriod;
}

function invalid(message: string): DeskError {
  return new DeskError('invalid_input', message);
}

export function checkTimeZone(timeZone: string): string {
  if (!isKnownTimeZone(timeZone)) throw invalid(`"${timeZone}" is not a time zone (such as Europe/Berlin or UTC).`);
  return timeZone;
}

const at = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone, locale: 'en-GB' });

/** A `WHEN` as epoch milliseconds: a date is the start of that day in `timeZone`. */
export function parseWhen(text: string, timeZone: string, label: string): number {
  const trimmed = text.trim();
  if (isLocalDate(trimmed)) return DateTime.fromISO(trimmed, { zone: timeZone }).startOf('day').toMillis();
  const ms = instantMs(trimmed);
  if (ms === null) {
    throw invalid(
      `${label} "${text}" is not a date (YYYY-MM-DD) or an ISO 8601 date and time with a zone (2026-03-01T09:00:00Z).`,
    );
  }
  return ms;
}

function dayLabel(ms: number, zone: string): string {
  return at(ms, zone).toFormat('d LLL yyyy');
}

/** "3 Mar 2026", "3–9 Mar 2026", "28 Feb – 2 Mar 2026", or with times when the ends are not midnights. */
export function describeSpan(from: number, to: number, zone: string): string {
  const start = at(from, zone);
  const end = at(to, zone);
  const wholeDays = start.equals(start.startOf('day')) && end.equals(end.startOf('day'));
  if (!wholeDays) return `${start.toFormat('d LLL yyyy HH:mm')} – ${end.toFormat('d LLL yyyy HH:mm')}`;
  const last = end.minus({ days: 1 });
  if (last <= start) return dayLabel(from, zone);
  if (start.hasSame(last, 'month')) return `${start.toFormat('d')}–${last.toFormat('d LLL yyyy')}`;
  if (start.hasSame(last, 'year')) return `${start.toFormat('d LLL')} – ${last.toFormat('d LLL yyyy')}`;
  return `${dayLabel(from, zone)} – ${last.toFormat('d LLL yyyy')}`;
}

const period = (from: DateTime, to: DateTime, label: string): ResolvedPeriod => ({
  from: from.toMillis(),
  to: to.toMillis(),
  label,
});

function quarterLabel(start: DateTime): string {
  return `Q${start.quarter} ${start.year}`;
}

function presetPair(preset: PeriodPreset, nowMs: number, zone: string): PeriodPair {
  const today = at(nowMs, zone).startOf('day');
  const tomorrow = today.plus({ days: 1 });
  const lastDays = (days: number): PeriodPair => {
    const from = tomorrow.minus({ days });
    const before = from.minus({ days });
    return {
      current: period(from, tomorrow, PERIOD_PRESET_LABELS[preset]),
      previous: period(before, from, `The ${days} days before`),
    };
  };
  const month = (start: DateTime): PeriodPair => {
    const before = start.minus({ months: 1 });
    return {
      current: period(start, start.plus({ months: 1 }), start.toFormat('LLLL yyyy')),
      previous: period(before, start, before.toFormat('LLLL yyyy')),
    };
  };
  const quarter = (start: DateTime): PeriodPair => {
    const before = start.minus({ quarters: 1 });
    return {
      current: period(start, start.plus({ quarters: 1 }), quarterLabel(start)),
      previous: period(before, start, quarterLabel(before)),
    };
  };
  switch (preset) {
    case 'today':
      return {
        current: period(today, tomorrow, 'Today'),
        previous: period(today.minus({ days: 1 }), today, 'Yesterday'),
      };
    case 'last7Days':
      return lastDays(7);
    case 'last30Days':
      return lastDays(30);
    case 'last90Days':
      return lastDays(90);
    case 'thisMonth':
      return month(today.startOf('month'));
    case 'lastMonth':
      return month(today.startOf('month').minus({ months: 1 }));
    case 'thisQuarter':
      return quarter(today.startOf('quarter'));
    case 'lastQuarter':
      return quarter(today.startOf('quarter').minus({ quarters: 1 }));
  }
}

/** The period and the one it is compared with; refuses an inverted, empty or overlong one in words. */
export function resolvePeriod(spec: KpiPeriod, nowMs: number, timeZone: string): PeriodPair {
  const zone = checkTimeZone(timeZone);
  if ('preset' in spec) return presetPair(spec.preset, nowMs, zone);
  const from = parseWhen(spec.from, zone, 'The start of the period');
  const to = parseWhen(spec.to, zone, 'The end of the period');
  if (to < from) {
    throw invalid(
      `The period ends before it starts (from ${spec.from} to ${spec.to}): the end must come after the start.`,
    );
  }
  if (to === from)
    throw invalid(`The period from ${spec.from} to ${spec.to} is empty: the end must come after the start.`);
  if (to - from > MAX_PERIOD_DAYS * DAY_MS) {
    throw invalid(`The period is longer than ${MAX_PERIOD_DAYS.toLocaleString('en')} days; choose a shorter one.`);
  }
  const length = to - from;
  return {
    current: { from, to, label: describeSpan(from, to, zone) },
    previous: { from: from - length, to: from, label: describeSpan(from - length, from, zone) },
  };
}

export const BUCKET_UNITS = ['day', 'week', 'month'] as const;
export type BucketUnit = (typeof BUCKET_UNITS)[number];

/** One bar or point of a chart over time: a day, a week or a month of the period, cut to the period. */
export interface Bucket {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

/** Days up to about two months, weeks (from Monday) up to a year, months beyond: a readable number of bars. */
export function bucketUnitFor(period: Pick<ResolvedPeriod, 'from' | 'to'>): BucketUnit {
  const days = (period.to - period.from) / DAY_MS;
  return days <= 62 ? 'day' : days <= 366 ? 'week' : 'month';
}

export function periodBuckets(period: Pick<ResolvedPeriod, 'from' | 'to'>, timeZone: string): Bucket[] {
  const zone = checkTimeZone(timeZone);
  const unit = bucketUnitFor(period);
  const buckets: Bucket[] = [];
  let start = at(period.from, zone);
  while (start.toMillis() < period.to) {
    const next = start.startOf(unit).plus({ [`${unit}s`]: 1 });
    const to = Math.min(next.toMillis(), period.to);
    const label =
      unit === 'day'
        ? start.toFormat('d LLL')
        : unit === 'week'
          ? `w/c ${start.toFormat('d LLL')}`
          : start.toFormat('LLL yyyy');
    buckets.push({ from: start.toMillis(), to, label });
    start = at(to, zone);
  }
  return buckets;
}

/** ISO text of a period's ends, for an export's first lines and the CLI's JSON. */
export function periodText(period: Pick<ResolvedPeriod, 'from' | 'to'>): { from: string; to: string } {
  return { from: formatInstant(period.from), to: formatInstant(period.to) };
}
