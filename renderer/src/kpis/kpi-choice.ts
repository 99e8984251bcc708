import type { Channel, Priority } from '#shared/domain/enums.ts';
import type { KpiPeriod, PeriodPreset } from '#shared/domain/kpi-period.ts';
import type { DrillFigure, KpiDrill, KpiFilters, KpiSlice, TimeMeasure } from '#shared/domain/kpi-query.ts';

/** What the supervisor has chosen above the figures: a period, filters and how time is counted. */
export interface KpiChoice {
  readonly period: PeriodPreset | 'custom';
  /** The custom period's first and last days (YYYY-MM-DD), both included. */
  readonly firstDay: string;
  readonly lastDay: string;
  readonly groupIds: readonly string[];
  readonly agentIds: readonly string[];
  readonly channels: readonly Channel[];
  readonly categoryIds: readonly string[];
  readonly serviceIds: readonly string[];
  readonly priorities: readonly Priority[];
  readonly measure: TimeMeasure;
}

export const INITIAL_KPI_CHOICE: KpiChoice = {
  period: 'last30Days',
  firstDay: '',
  lastDay: '',
  groupIds: [],
  agentIds: [],
  channels: [],
  categoryIds: [],
  serviceIds: [],
  priorities: [],
  measure: 'calendar',
};

export interface KpiAsk {
  readonly period: KpiPeriod;
  readonly filters: KpiFilters;
  readonly measure: TimeMeasure;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day after a YYYY-MM-DD date: a period is [from, to), and people pick the last day they mean. */
export function dayAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** What to ask `kpi/report`, or why the custom period cannot be asked yet. */
export function kpiAsk(choice: KpiChoice): { ask: KpiAsk; problem: null } | { ask: null; problem: string } {
  const filters: KpiFilters = {
    ...(choice.groupIds.length ? { groupIds: [...choice.groupIds] } : {}),
    ...(choice.agentIds.length ? { agentIds: [...choice.agentIds] } : {}),
    ...(choice.channels.length ? { channels: [...choice.channels] } : {}),
    ...(choice.categoryIds.length ? { categoryIds: [...choice.categoryIds] } : {}),
    ...(choice.serviceIds.length ? { serviceIds: [...choice.serviceIds] } : {}),
    ...(choice.priorities.length ? { priorities: [...choice.priorities] } : {}),
  };
  if (choice.period !== 'custom') {
    return { ask: { period: { preset: choice.period }, filters, measure: choice.measure }, problem: null };
  }
  if (!DAY.test(choice.firstDay) || !DAY.test(choice.lastDay)) {
    return { ask: null, problem: 'Choose the first and the last day of the period.' };
  }
  if (choice.lastDay < choice.firstDay) {
    return { ask: null, problem: 'The last day is before the first day: choose a last day on or after it.' };
  }
  return {
    ask: { period: { from: choice.firstDay, to: dayAfter(choice.lastDay) }, filters, measure: choice.measure },
    problem: null,
  };
}

/** The queue filter for the incidents behind one figure of the report asked with `ask`. */
export function drillFor(ask: KpiAsk, figure: DrillFigure, slice?: KpiSlice, bucket?: number): KpiDrill {
  return {
    period: ask.period,
    filters: ask.filters,
    measure: ask.measure,
    figure,
    ...(bucket === undefined ? {} : { bucket }),
    ...(slice ? { slice } : {}),
  };
}
