import { GOAL_KPI_INFO } from '#shared/domain/goals.ts';
import type { GoalKpi, GoalProgress } from '#shared/domain/goals.ts';
import type { KpiReport } from '#shared/domain/kpi-answer.ts';
import { KPI_DEFINITIONS } from '#shared/domain/kpi-definitions.ts';
import { formatChange, formatCount, formatDuration, formatPercent, NOTHING } from '#shared/domain/kpi-format.ts';
import type { FigureKind } from '#shared/domain/kpi-format.ts';
import type { DrillFigure, KpiSlice } from '#shared/domain/kpi-query.ts';
import type { KpiFigures } from '#shared/domain/kpi-tally.ts';

/** What a figure card shows: its value and change in the shared formatting, its goal, and what it drills into. */
export interface KpiCard {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** "+12", "−3 min"; empty when either period has nothing to compare. */
  readonly change: string;
  /** Whether the change is good news, bad news, or neither (no change, or a plain count of work coming in). */
  readonly tone: 'good' | 'bad' | 'neutral';
  /** A second line: what the figure is out of, or why it is empty. */
  readonly detail: string;
  readonly definition: string;
  /** The goal a supervisor can set on this figure; null when goals do not apply to it. */
  readonly goalKpi: GoalKpi | null;
  readonly goal: GoalProgress | null;
  /** The incidents behind the figure, for the queue; null when there are none to show. */
  readonly drill: { readonly figure: DrillFigure; readonly slice?: KpiSlice } | null;
  /** How many incidents the drill-down opens (the figure itself, or what a rate or time is taken over). */
  readonly drillCount: number;
}

interface CardSpec {
  readonly id: string;
  readonly label: string;
  readonly kind: FigureKind;
  readonly better: 'higher' | 'lower' | null;
  readonly read: (figures: KpiFigures) => number | null;
  readonly detail: (figures: KpiFigures) => string;
  readonly definition: string;
  readonly goalKpi: GoalKpi | null;
  readonly figure: DrillFigure;
  readonly slice?: KpiSlice;
  readonly drillCount: (figures: KpiFigures) => number;
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;
const measured = (count: number) => (count ? `over ${plural(count, 'incident', 'incidents')}` : 'Nothing measured');
const outOf = (count: number, of: number, what: string) =>
  of ? `${formatCount(count)} of ${formatCount(of)} ${what}` : `None ${what} in this period`;

const SPECS: readonly CardSpec[] = [
  {
    id: 'created',
    label: 'Created',
    kind: 'count',
    better: null,
    read: (f) => f.created,
    detail: (f) => `${formatCount(f.handled)} handled`,
    definition: KPI_DEFINITIONS.created,
    goalKpi: null,
    figure: 'created',
    drillCount: (f) => f.created,
  },
  {
    id: 'resolved',
    label: 'Resolved',
    kind: 'count',
    better: 'higher',
    read: (f) => f.resolved,
    detail: (f) => `${formatCount(f.closed)} closed`,
    definition: KPI_DEFINITIONS.resolved,
    goalKpi: 'resolved',
    figure: 'resolved',
    drillCount: (f) => f.resolved,
  },
  {
    id: 'backlog',
    label: 'Backlog at the end',
    kind: 'count',
    better: 'lower',
    read: (f) => f.backlog.atEnd,
    detail: (f) => `${formatCount(f.backlog.atStart)} at the start`,
    definition: KPI_DEFINITIONS.backlog,
    goalKpi: 'backlog',
    figure: 'backlogAtEnd',
    drillCount: (f) => f.backlog.atEnd,
  },
  ...(
    [
      ['mtta', 'Mean time to acknowledge', 'acknowledged'],
      ['firstResponse', 'Mean first response', 'firstResponded'],
    ] as const
  ).map(([key, label, figure]): CardSpec => ({
    id: key,
    label,
    kind: 'duration',
    better: 'lower',
    read: (f) => f[key].meanMinutes,
    detail: (f) => measured(f[key].count),
    definition: KPI_DEFINITIONS[key],
    goalKpi: key,
    figure,
    drillCount: (f) => f[key].count,
  })),
  ...(
    [
      ['ttrMean', 'Time to resolve, mean', (f: KpiFigures) => f.timeToResolve.meanMinutes, null],
      ['ttrMedian', 'Time to resolve, median', (f: KpiFigures) => f.timeToResolve.medianMinutes, 'timeToResolveMedian'],
      ['ttrP90', 'Time to resolve, 90th percentile', (f: KpiFigures) => f.timeToResolve.p90Minutes, 'timeToResolveP90'],
    ] as const
  ).map(([id, label, read, goalKpi]): CardSpec => ({
    id,
    label,
    kind: 'duration',
    better: 'lower',
    read,
    detail: (f) => measured(f.timeToResolve.count),
    definition: KPI_DEFINITIONS.timeToResolve,
    goalKpi,
    figure: 'resolved',
    drillCount: (f) => f.resolved,
  })),
  ...(
    [
      ['fcr', 'First contact resolution', 'higher', 'firstContactResolution', 'resolved', 'resolvedAtFirstContact'],
      ['reopen', 'Reopen rate', 'lower', 'reopenRate', 'resolved', 'reopened'],
      ['escalation', 'Escalation rate', 'lower', 'escalationRate', 'created', 'escalated'],
    ] as const
  ).map(([id, label, better, key, outOfWhat, figure]): CardSpec => ({
    id,
    label,
    kind: 'rate',
    better,
    read: (f) => f[key].rate,
    detail: (f) => outOf(f[key].count, f[key].of, outOfWhat),
    definition: KPI_DEFINITIONS[key],
    goalKpi: key,
    figure,
    drillCount: (f) => f[key].count,
  })),
  ...(
    [
      ['slaFirstResponse', 'SLA compliance, first response', 'firstResponse', 'slaFirstResponse'],
      ['slaResolution', 'SLA compliance, resolution', 'resolution', 'slaResolution'],
    ] as const
  ).map(([id, label, clock, goalKpi]): CardSpec => ({
    id,
    label,
    kind: 'rate',
    better: 'higher',
    read: (f) => f.slaCompliance[clock].rate,
    detail: (f) =>
      f.slaCompliance[clock].of
        ? `${formatCount(f.slaCompliance[clock].count)} of ${formatCount(f.slaCompliance[clock].of)} clocks met`
        : 'No service-level clock was met or breached in this period',
    definition: KPI_DEFINITIONS.slaCompliance,
    goalKpi,
    figure: 'slaMet',
    slice: { clock },
    drillCount: (f) => f.slaCompliance[clock].count,
  })),
];

function format(kind: FigureKind, value: number | null): string {
  if (kind === 'count') return formatCount(value);
  if (kind === 'duration') return formatDuration(value);
  return formatPercent(value);
}

function toneOf(better: CardSpec['better'], current: number | null, previous: number | null): KpiCard['tone'] {
  if (better === null || current === null || previous === null || current === previous) return 'neutral';
  return current > previous === (better === 'higher') ? 'good' : 'bad';
}

/** The figure cards of a report, in the order the dashboard shows them. */
export function kpiCards(report: Pick<KpiReport, 'figures' | 'previousFigures' | 'goals'>): KpiCard[] {
  return SPECS.map((spec) => {
    const current = spec.read(report.figures);
    const previous = spec.read(report.previousFigures);
    const isSla = spec.id.startsWith('sla');
    const drillCount = spec.drillCount(report.figures);
    return {
      id: spec.id,
      label: spec.label,
      value: isSla && current === null ? 'No service levels yet' : format(spec.kind, current),
      change: formatChange(current, previous, spec.kind),
      tone: toneOf(spec.better, current, previous),
      detail: spec.detail(report.figures),
      definition: spec.definition,
      goalKpi: spec.goalKpi,
      goal: spec.goalKpi ? (report.goals.find((g) => g.goal.kpi === spec.goalKpi) ?? null) : null,
      drill: drillCount > 0 ? { figure: spec.figure, ...(spec.slice ? { slice: spec.slice } : {}) } : null,
      drillCount,
    };
  });
}

/** A goal's target and where the figure stands, in the goal's unit: "Goal 90% · met", "Goal ≤ 4 h · 6.5 h". */
export function goalText(progress: GoalProgress): string {
  const info = GOAL_KPI_INFO[progress.goal.kpi];
  const show = (value: number | null) => {
    if (value === null) return NOTHING;
    switch (info.unit) {
      case 'count':
        return formatCount(Math.round(value));
      case 'minutes':
        return formatDuration(value);
      case 'hours':
        return formatDuration(value * 60);
      case 'percent':
        return `${Number(value.toFixed(1))}%`;
    }
  };
  const bound = info.better === 'higher' ? '≥' : '≤';
  const verdict = progress.met === null ? 'nothing to judge yet' : progress.met ? 'met' : 'not met';
  return `Goal ${bound} ${show(progress.target)} · ${verdict}`;
}
