import { z } from 'zod';
import { DAY_MS } from './instant.ts';
import type { KpiFigures } from './kpi-tally.ts';
import { idSchema } from './schemas.ts';

/**
 * Goals: a supervisor's target for one KPI, for the team, a group or an agent. Targets are whole numbers in
 * the unit the screen shows (a count, minutes, hours or a percentage). A count of work done ("resolve 200 a month") is
 * a rate: over a report of another length it is scaled to that length; every other target holds as it is.
 */
export const GOAL_KPIS = [
  'resolved',
  'backlog',
  'mtta',
  'firstResponse',
  'timeToResolveMedian',
  'timeToResolveP90',
  'slaFirstResponse',
  'slaResolution',
  'firstContactResolution',
  'reopenRate',
  'escalationRate',
] as const;
export type GoalKpi = (typeof GOAL_KPIS)[number];

export type GoalUnit = 'count' | 'minutes' | 'hours' | 'percent';

export interface GoalKpiInfo {
  readonly label: string;
  readonly unit: GoalUnit;
  /** Whether a higher value is better (resolved, compliance) or a lower one (times, backlog, reopens). */
  readonly better: 'higher' | 'lower';
  /** A count of work done per goal period, scaled to the length of the report. */
  readonly perPeriod: boolean;
}

export const GOAL_KPI_INFO: Record<GoalKpi, GoalKpiInfo> = {
  resolved: { label: 'Resolved', unit: 'count', better: 'higher', perPeriod: true },
  backlog: { label: 'Backlog at the end', unit: 'count', better: 'lower', perPeriod: false },
  mtta: { label: 'Mean time to acknowledge', unit: 'minutes', better: 'lower', perPeriod: false },
  firstResponse: { label: 'Mean first response time', unit: 'minutes', better: 'lower', perPeriod: false },
  timeToResolveMedian: { label: 'Median time to resolve', unit: 'hours', better: 'lower', perPeriod: false },
  timeToResolveP90: { label: '90th percentile time to resolve', unit: 'hours', better: 'lower', perPeriod: false },
  slaFirstResponse: { label: 'SLA compliance, first response', unit: 'percent', better: 'higher', perPeriod: false },
  slaResolution: { label: 'SLA compliance, resolution', unit: 'percent', better: 'higher', perPeriod: false },
  firstContactResolution: { label: 'First contact resolution', unit: 'percent', better: 'higher', perPeriod: false },
  reopenRate: { label: 'Reopen rate', unit: 'percent', better: 'lower', perPeriod: false },
  escalationRate: { label: 'Escalation rate', unit: 'percent', better: 'lower', perPeriod: false },
};

export const GOAL_SCOPES = ['team', 'group', 'agent'] as const;
export type GoalScope = (typeof GOAL_SCOPES)[number];

export const GOAL_PERIODS = ['day', 'week', 'month', 'quarter'] as const;
export type GoalPeriod = (typeof GOAL_PERIODS)[number];
export const GOAL_PERIOD_LABELS: Record<GoalPeriod, string> = {
  day: 'a day',
  week: 'a week',
  month: 'a month',
  quarter: 'a quarter',
};
/** Average lengths, for scaling a per-period count to a report of any length. */
const GOAL_PERIOD_DAYS: Record<GoalPeriod, number> = { day: 1, week: 7, month: 365.25 / 12, quarter: 365.25 / 4 };

export interface Goal {
  readonly id: string;
  readonly kpi: GoalKpi;
  readonly target: number;
  readonly scope: GoalScope;
  /** The group's or agent's id; null for the team. */
  readonly scopeId: string | null;
  readonly period: GoalPeriod;
}

export const saveGoalInput = z
  .strictObject({
    id: idSchema.optional(),
    kpi: z.enum(GOAL_KPIS, { message: `must be one of ${GOAL_KPIS.join(', ')}` }),
    target: z
      .number({ message: 'The target must be a number' })
      .int({ message: 'The target must be a whole number' })
      .min(0, { message: 'The target must be 0 or more' })
      .max(1_000_000, { message: 'The target must be at most 1,000,000' }),
    scope: z.enum(GOAL_SCOPES),
    scopeId: idSchema.nullable().default(null),
    period: z.enum(GOAL_PERIODS).default('month'),
  })
  .refine((goal) => GOAL_KPI_INFO[goal.kpi].unit !== 'percent' || goal.target <= 100, {
    message: 'A percentage target is at most 100',
    path: ['target'],
  })
  .refine((goal) => (goal.scope === 'team') === (goal.scopeId === null), {
    message: 'A team goal names no group or agent; a group or agent goal names one',
    path: ['scopeId'],
  });
export type SaveGoalInput = z.input<typeof saveGoalInput>;

/** The figure a goal is judged by, in the goal's unit; null when there is nothing to judge (no incidents). */
export function goalValue(kpi: GoalKpi, figures: KpiFigures): number | null {
  const percent = (rate: number | null) => (rate === null ? null : rate * 100);
  const hours = (minutes: number | null) => (minutes === null ? null : minutes / 60);
  switch (kpi) {
    case 'resolved':
      return figures.resolved;
    case 'backlog':
      return figures.backlog.atEnd;
    case 'mtta':
      return figures.mtta.meanMinutes;
    case 'firstResponse':
      return figures.firstResponse.meanMinutes;
    case 'timeToResolveMedian':
      return hours(figures.timeToResolve.medianMinutes);
    case 'timeToResolveP90':
      return hours(figures.timeToResolve.p90Minutes);
    case 'slaFirstResponse':
      return percent(figures.slaCompliance.firstResponse.rate);
    case 'slaResolution':
      return percent(figures.slaCompliance.resolution.rate);
    case 'firstContactResolution':
      return percent(figures.firstContactResolution.rate);
    case 'reopenRate':
      return percent(figures.reopenRate.rate);
    case 'escalationRate':
      return percent(figures.escalationRate.rate);
  }
}

/** The target over a span of `ms` (a report, or one bar of a chart): scaled for per-period counts. */
export function targetOver(goal: Pick<Goal, 'kpi' | 'target' | 'period'>, ms: number): number {
  if (!GOAL_KPI_INFO[goal.kpi].perPeriod) return goal.target;
  return (goal.target * ms) / (GOAL_PERIOD_DAYS[goal.period] * DAY_MS);
}

export interface GoalProgress {
  readonly goal: Goal;
  /** The target for the report's length. */
  readonly target: number;
  readonly value: number | null;
  /** Null when there is nothing to judge. */
  readonly met: boolean | null;
  /** How far along, 0 to 1 (1 is met), for a progress bar. */
  readonly progress: number | null;
}

export function goalProgress(goal: Goal, figures: KpiFigures, periodMs: number): GoalProgress {
  const target = targetOver(goal, periodMs);
  const value = goalValue(goal.kpi, figures);
  if (value === null) return { goal, target, value, met: null, progress: null };
  const higher = GOAL_KPI_INFO[goal.kpi].better === 'higher';
  const met = higher ? value >= target : value <= target;
  const progress = higher ? (target === 0 ? 1 : value / target) : value === 0 ? 1 : target / value;
  return { goal, target, value, met, progress: Math.max(0, Math.min(1, progress)) };
}
