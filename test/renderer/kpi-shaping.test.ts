import { describe, expect, it } from 'vitest';
import { goalProgress } from '#shared/domain/goals.ts';
import type { KpiReport } from '#shared/domain/kpi-answer.ts';
import { emptyFigures, rate } from '#shared/domain/kpi-tally.ts';
import type { KpiFigures } from '#shared/domain/kpi-tally.ts';
import { kpiCards, goalText } from '../../renderer/src/kpis/kpi-cards.ts';
import {
  backlogRows,
  channelsWithIncidents,
  createdResolvedRows,
  hasSlaClocks,
  resolveDistributionRows,
  shareRows,
  slaRows,
} from '../../renderer/src/kpis/kpi-charts.ts';
import { filtersText, kpiCsv } from '../../renderer/src/kpis/kpi-csv.ts';
import { dayAfter, drillFor, INITIAL_KPI_CHOICE, kpiAsk } from '../../renderer/src/kpis/kpi-choice.ts';

const DAY_MS = 86_400_000;

function figures(overrides: Partial<KpiFigures>): KpiFigures {
  return { ...emptyFigures(), ...overrides };
}

const duration = (mean: number | null, median: number | null, p90: number | null, count: number) => ({
  count,
  meanMinutes: mean,
  medianMinutes: median,
  p90Minutes: p90,
  totalMinutes: (mean ?? 0) * count,
});

describe('KPI figure cards', () => {
  const current = figures({
    created: 12,
    resolved: 9,
    closed: 4,
    handled: 20,
    backlog: { atStart: 8, atEnd: 11 },
    mtta: duration(35, 30, 60, 9),
    timeToResolve: duration(250, 180, 600, 9),
    firstContactResolution: rate(3, 9),
    reopenRate: rate(1, 9),
  });
  const previous = figures({
    created: 10,
    resolved: 12,
    backlog: { atStart: 5, atEnd: 8 },
    mtta: duration(50, 40, 90, 12),
  });

  it('shows each figure in the shared formatting, with its change judged good or bad', () => {
    const cards = kpiCards({ figures: current, previousFigures: previous, goals: [] });
    const card = (id: string) => cards.find((c) => c.id === id)!;
    expect(card('created')).toMatchObject({ value: '12', change: '+2', tone: 'neutral', detail: '20 handled' });
    expect(card('resolved')).toMatchObject({ value: '9', change: '−3', tone: 'bad', drillCount: 9 });
    expect(card('backlog')).toMatchObject({ value: '11', change: '+3', tone: 'bad', detail: '8 at the start' });
    expect(card('mtta')).toMatchObject({ value: '35 min', change: '−15 min', tone: 'good' });
    expect(card('ttrMedian')).toMatchObject({ value: '3 h', drill: { figure: 'resolved' }, drillCount: 9 });
    expect(card('ttrP90').value).toBe('10 h');
    expect(card('fcr')).toMatchObject({ value: '33.3%', detail: '3 of 9 resolved', drillCount: 3 });
    expect(card('reopen').value).toBe('11.1%');
  });

  it('says honestly when there are no service levels or nothing to measure, never NaN', () => {
    const cards = kpiCards({ figures: emptyFigures(), previousFigures: emptyFigures(), goals: [] });
    const card = (id: string) => cards.find((c) => c.id === id)!;
    expect(card('slaResolution').value).toBe('No service levels yet');
    expect(card('mtta')).toMatchObject({ value: '—', change: '', detail: 'Nothing measured', drill: null });
    expect(card('created')).toMatchObject({ value: '0', change: '±0', drill: null });
    expect(card('fcr').detail).toBe('None resolved in this period');
    for (const c of cards) expect(`${c.value} ${c.change} ${c.detail}`).not.toMatch(/NaN|undefined|null/);
  });

  it('shows the team goal on its figure, in the goal’s unit', () => {
    const goal = {
      id: 'g1',
      kpi: 'timeToResolveMedian',
      target: 4,
      scope: 'team',
      scopeId: null,
      period: 'month',
    } as const;
    const progress = goalProgress(goal, current, 30 * DAY_MS);
    const cards = kpiCards({ figures: current, previousFigures: previous, goals: [progress] });
    const median = cards.find((c) => c.id === 'ttrMedian')!;
    expect(median.goal).toBe(progress);
    expect(goalText(progress)).toBe('Goal ≤ 4 h · met');
    const resolvedGoal = goalProgress({ ...goal, kpi: 'resolved', target: 30 }, current, 30 * DAY_MS);
    expect(goalText(resolvedGoal)).toMatch(/^Goal ≥ 30 · not met$/);
  });
});

describe('KPI chart rows', () => {
  const report = {
    buckets: [
      { from: '', to: '', label: '1 Dec' },
      { from: '', to: '', label: '2 Dec' },
    ],
    series: {
      created: { email: [2, 0], phone: [1, 3], walk_in: [0, 0], web: [0, 0], monitoring: [0, 0], agent: [0, 0] },
      resolved: [1, 2],
      backlog: { underDay: [2, 1], days1to3: [0, 2], days3to7: [0, 0], days7to30: [0, 0], over30Days: [1, 1] },
      sla: {
        firstResponse: { met: [3, 0], breached: [1, 0] },
        nextUpdate: { met: [0, 0], breached: [0, 0] },
        resolution: { met: [0, 0], breached: [0, 0] },
      },
    },
    resolveDistribution: [1, 0, 2],
  } as unknown as KpiReport;

  it('turns the series into one row per bar, with the channels that brought incidents', () => {
    expect(createdResolvedRows(report)[1]).toMatchObject({ label: '2 Dec', email: 0, phone: 3, resolved: 2 });
    expect(channelsWithIncidents(report)).toEqual(['email', 'phone']);
    expect(backlogRows(report).map((row) => row.total)).toEqual([3, 4]);
    expect(
      resolveDistributionRows(report)
        .slice(0, 3)
        .map((row) => row.count),
    ).toEqual([1, 0, 2]);
    expect(resolveDistributionRows(report).at(-1)).toEqual({ label: 'Over 7 days', count: 0 });
  });

  it('draws SLA compliance in percent, with a gap where no clock finished', () => {
    expect(slaRows(report)).toEqual([
      { label: '1 Dec', firstResponse: 75, resolution: null },
      { label: '2 Dec', firstResponse: null, resolution: null },
    ]);
    expect(hasSlaClocks(report)).toBe(true);
  });

  it('lists shares with incidents, biggest first', () => {
    const rows = [
      { key: 'a', name: 'Access', count: 2, share: 0.2 },
      { key: 'b', name: 'Billing', count: 0, share: 0 },
      { key: 'c', name: 'Cloud', count: 8, share: 0.8 },
    ];
    expect(shareRows(rows).map((row) => row.name)).toEqual(['Cloud', 'Access']);
  });
});

describe('the KPI period and filters', () => {
  it('asks for a preset with the chosen filters', () => {
    const choice = { ...INITIAL_KPI_CHOICE, period: 'last7Days', groupIds: ['g1'], measure: 'business' } as const;
    const { ask } = kpiAsk({ ...choice, channels: ['email'], priorities: [2] });
    expect(ask).toEqual({
      period: { preset: 'last7Days' },
      filters: { groupIds: ['g1'], channels: ['email'], priorities: [2] },
      measure: 'business',
    });
  });

  it('asks for a custom period up to the end of its last day, and says what is missing or inverted', () => {
    const custom = { ...INITIAL_KPI_CHOICE, period: 'custom' as const };
    expect(kpiAsk({ ...custom, firstDay: '2026-11-01', lastDay: '2026-11-30' }).ask?.period).toEqual({
      from: '2026-11-01',
      to: '2026-12-01',
    });
    expect(kpiAsk({ ...custom, firstDay: '2026-11-01' }).problem).toMatch(/first and the last day/);
    expect(kpiAsk({ ...custom, firstDay: '2026-11-05', lastDay: '2026-11-01' }).problem).toMatch(/before the first/);
    expect(dayAfter('2024-02-28')).toBe('2024-02-29');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
  });

  it('drills into a figure with the same period, filters and measure as the report', () => {
    const { ask } = kpiAsk({ ...INITIAL_KPI_CHOICE, agentIds: ['a1'] });
    expect(drillFor(ask!, 'resolved', { groupId: 'g' }, 3)).toEqual({
      period: { preset: 'last30Days' },
      filters: { agentIds: ['a1'] },
      measure: 'calendar',
      figure: 'resolved',
      bucket: 3,
      slice: { groupId: 'g' },
    });
  });
});

describe('the KPI CSV export', () => {
  it('starts with the period, comparison and filters, then the figures as shown, then the table', () => {
    const current = figures({ created: 1234, resolved: 2, mtta: duration(35, 30, 60, 2) });
    const cards = kpiCards({ figures: current, previousFigures: emptyFigures(), goals: [] });
    const row = { key: 'a1', name: 'Robin "Rob" Hale', email: 'r@x', goals: [], figures: current, previous: current };
    const csv = kpiCsv(
      {
        period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', label: 'November 2026' },
        previousPeriod: { from: '', to: '', label: 'October 2026' },
        measure: 'business',
        timeZone: 'Europe/Berlin',
        byAgent: [row],
        byGroup: [],
      },
      cards,
      filtersText({ channels: ['email', 'phone'], groupIds: ['g1'] }, (key, value) => `${key}=${value}`),
    );
    const lines = csv.split('\r\n');
    expect(lines.slice(0, 4)).toEqual([
      'Period,November 2026,From,2026-11-01T00:00:00.000Z,To,2026-12-01T00:00:00.000Z',
      'Compared with,October 2026',
      'Filters,"Groups: groupIds=g1; Channels: channels=email, channels=phone"',
      'Durations in,Business hours,Time zone,Europe/Berlin',
    ]);
    expect(lines).toContain('Created,"1,234","+1,234",0 handled');
    expect(lines).toContain('Mean time to acknowledge,35 min,,over 2 incidents');
    expect(lines.at(-1)).toBe('"Robin ""Rob"" Hale",0,2,35 min,—,—,—,—');
    expect(filtersText({}, () => '')).toBe('None');
  });
});
