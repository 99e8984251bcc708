import { describe, expect, it } from 'vitest';
import { DeskError } from '#shared/errors.ts';
import { describeSpan, parseWhen, periodBuckets, PERIOD_PRESETS, resolvePeriod } from '#shared/domain/kpi-period.ts';
import type { PeriodPreset } from '#shared/domain/kpi-period.ts';

/** Tuesday 10 March 2026, 14:30 in Berlin (13:30 UTC). */
const NOW = Date.UTC(2026, 2, 10, 13, 30);
const iso = (ms: number) => new Date(ms).toISOString();

describe('reporting periods in the workspace’s time zone', () => {
  const expected: Record<PeriodPreset, [from: string, to: string, previousFrom: string, label: string]> = {
    today: ['2026-03-09T23:00:00.000Z', '2026-03-10T23:00:00.000Z', '2026-03-08T23:00:00.000Z', 'Today'],
    last7Days: ['2026-03-03T23:00:00.000Z', '2026-03-10T23:00:00.000Z', '2026-02-24T23:00:00.000Z', 'Last 7 days'],
    last30Days: ['2026-02-08T23:00:00.000Z', '2026-03-10T23:00:00.000Z', '2026-01-09T23:00:00.000Z', 'Last 30 days'],
    last90Days: ['2025-12-10T23:00:00.000Z', '2026-03-10T23:00:00.000Z', '2025-09-11T22:00:00.000Z', 'Last 90 days'],
    thisMonth: ['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z', '2026-01-31T23:00:00.000Z', 'March 2026'],
    lastMonth: ['2026-01-31T23:00:00.000Z', '2026-02-28T23:00:00.000Z', '2025-12-31T23:00:00.000Z', 'February 2026'],
    thisQuarter: ['2025-12-31T23:00:00.000Z', '2026-03-31T22:00:00.000Z', '2025-09-30T22:00:00.000Z', 'Q1 2026'],
    lastQuarter: ['2025-09-30T22:00:00.000Z', '2025-12-31T23:00:00.000Z', '2025-06-30T22:00:00.000Z', 'Q4 2025'],
  };
  for (const preset of PERIOD_PRESETS) {
    it(`${preset}: whole days in Europe/Berlin, compared with the period before`, () => {
      const { current, previous } = resolvePeriod({ preset }, NOW, 'Europe/Berlin');
      const [from, to, previousFrom, label] = expected[preset];
      expect([iso(current.from), iso(current.to), iso(previous.from), current.label]).toEqual([
        from,
        to,
        previousFrom,
        label,
      ]);
      expect(previous.to).toBe(current.from);
    });
  }

  it('a custom period is [from, to), compared with as many days just before', () => {
    const { current, previous } = resolvePeriod({ from: '2026-03-02', to: '2026-03-09' }, NOW, 'UTC');
    expect([iso(current.from), iso(current.to)]).toEqual(['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z']);
    expect([iso(previous.from), iso(previous.to)]).toEqual(['2026-02-23T00:00:00.000Z', '2026-03-02T00:00:00.000Z']);
    expect(current.label).toBe('2–8 Mar 2026');
  });

  it('WHEN is a date (the start of that day in the zone) or an ISO instant', () => {
    expect(iso(parseWhen('2026-03-01', 'America/New_York', 'from'))).toBe('2026-03-01T05:00:00.000Z');
    expect(iso(parseWhen('2026-03-01T09:15:00+01:00', 'UTC', 'from'))).toBe('2026-03-01T08:15:00.000Z');
  });

  const refusals: [string, () => unknown, RegExp][] = [
    [
      'an inverted period',
      () => resolvePeriod({ from: '2026-05-01', to: '2026-04-01' }, NOW, 'UTC'),
      /ends before it starts/,
    ],
    ['an empty period', () => resolvePeriod({ from: '2026-05-01', to: '2026-05-01' }, NOW, 'UTC'), /is empty/],
    [
      'a date that does not exist',
      () => resolvePeriod({ from: '2026-02-30', to: '2026-03-01' }, NOW, 'UTC'),
      /not a date/,
    ],
    ['an instant without a zone', () => parseWhen('2026-03-01T09:00', 'UTC', 'The start'), /with a zone/],
    ['an unknown time zone', () => resolvePeriod({ preset: 'today' }, NOW, 'Mars/Olympus'), /not a time zone/],
    ['eleven years', () => resolvePeriod({ from: '2015-01-01', to: '2026-01-01' }, NOW, 'UTC'), /longer than/],
  ];
  for (const [what, run, message] of refusals) {
    it(`refuses ${what} in words`, () => {
      expect(run).toThrow(DeskError);
      expect(run).toThrow(message);
    });
  }
});

describe('chart buckets', () => {
  it('days up to two months, each a whole local day across a clock change', () => {
    const { current } = resolvePeriod({ from: '2026-03-27', to: '2026-04-01' }, NOW, 'Europe/Berlin');
    const buckets = periodBuckets(current, 'Europe/Berlin');
    expect(buckets.map((b) => b.label)).toEqual(['27 Mar', '28 Mar', '29 Mar', '30 Mar', '31 Mar']);
    // 29 March has 23 hours in Berlin.
    expect(buckets.map((b) => (b.to - b.from) / 3_600_000)).toEqual([24, 24, 23, 24, 24]);
  });

  it('weeks from Monday, cut to the period, up to a year; months beyond', () => {
    const quarter = resolvePeriod({ from: '2026-01-01', to: '2026-04-01' }, NOW, 'UTC').current;
    const weeks = periodBuckets(quarter, 'UTC');
    expect(weeks[0]).toMatchObject({ label: 'w/c 1 Jan', from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 5) });
    expect(weeks.at(-1)).toMatchObject({ to: Date.UTC(2026, 3, 1) });
    const twoYears = resolvePeriod({ from: '2024-03-01', to: '2026-03-01' }, NOW, 'UTC').current;
    const months = periodBuckets(twoYears, 'UTC');
    expect(months).toHaveLength(24);
    expect(months[0]!.label).toBe('Mar 2024');
  });

  it('labels spans in words', () => {
    expect(describeSpan(Date.UTC(2026, 1, 28), Date.UTC(2026, 2, 3), 'UTC')).toBe('28 Feb – 2 Mar 2026');
    expect(describeSpan(Date.UTC(2026, 2, 3), Date.UTC(2026, 2, 4), 'UTC')).toBe('3 Mar 2026');
  });
});
