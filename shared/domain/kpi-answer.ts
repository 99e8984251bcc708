import { z } from 'zod';
import type { GoalProgress } from './goals.ts';
import type { BucketUnit } from './kpi-period.ts';
import type { KpiFilters, TimeMeasure } from './kpi-query.ts';
import type { KpiComputation, KpiRow, ShareRow } from './kpi-report.ts';

/** What `kpi/report` answers: the figures of computeKpis, with names, the period in words, and goals. */
export interface KpiSpan {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export interface NamedKpiRow extends KpiRow {
  /** The agent's or group's name; "Unassigned" or "No group" for `none`. */
  readonly name: string;
  /** The agent's email (agents only). */
  readonly email: string | null;
  /** Goals set for this agent or group, judged on this row's figures. */
  readonly goals: readonly GoalProgress[];
}

export interface NamedShareRow extends ShareRow {
  readonly name: string;
}

export interface KpiReport extends Omit<KpiComputation, 'byAgent' | 'byGroup' | 'shares'> {
  readonly period: KpiSpan;
  readonly previousPeriod: KpiSpan;
  readonly buckets: readonly KpiSpan[];
  readonly bucketUnit: BucketUnit;
  readonly timeZone: string;
  readonly measure: TimeMeasure;
  /** The filters as applied: `me` replaced by the signed-in agent's id. */
  readonly filters: KpiFilters;
  readonly shares: {
    readonly channel: readonly NamedShareRow[];
    readonly category: readonly NamedShareRow[];
    readonly service: readonly NamedShareRow[];
    readonly priority: readonly NamedShareRow[];
  };
  /** Every agent in the filters' reach, with zeros for those who had nothing (agents see only their own row). */
  readonly byAgent: readonly NamedKpiRow[];
  readonly byGroup: readonly NamedKpiRow[];
  /** Team goals, judged on the team's figures. */
  readonly goals: readonly GoalProgress[];
  /** Whether the signed-in agent sees the whole team's rows (supervisors; or nobody signed in, as in scripts). */
  readonly teamView: boolean;
  readonly generatedAt: string;
}

export interface KpiSettings {
  /** The time zone whose days the reports count in, the same on every workstation. */
  readonly timeZone: string;
}

export const DEFAULT_KPI_SETTINGS: KpiSettings = { timeZone: 'UTC' };

export const kpiSettingsSchema = z.strictObject({
  timeZone: z.string().trim().min(1, { message: 'A time zone is required' }).max(64),
});
