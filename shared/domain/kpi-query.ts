import { z } from 'zod';
import { channel, prioritySchema } from './enums.ts';
import { kpiPeriodSchema } from './kpi-period.ts';
import { idSchema } from './schemas.ts';
import { SLA_CLOCKS } from './sla-input.ts';

/**
 * What a KPI report or a drill-down asks for: a period, filters, and whether durations count calendar time or
 * business time. Filters read the incident as it is now (its current assignee, group, channel…); `none` is an
 * incident with nobody (no group, no category, no service) set, and `me` the signed-in agent.
 */
const withNone = z.union([idSchema, z.literal('none')]);
const list = <T extends z.ZodType>(item: T, label: string) =>
  z
    .array(item)
    .max(200, { message: `at most 200 ${label}` })
    .optional();

export const kpiFiltersSchema = z.strictObject({
  groupIds: list(withNone, 'groups'),
  agentIds: list(z.union([idSchema, z.literal('none'), z.literal('me')]), 'agents'),
  channels: list(channel.schema, 'channels'),
  categoryIds: list(withNone, 'categories'),
  serviceIds: list(withNone, 'services'),
  priorities: list(prioritySchema, 'priorities'),
});
export type KpiFilters = z.infer<typeof kpiFiltersSchema>;
export const KPI_FILTER_KEYS = ['groupIds', 'agentIds', 'channels', 'categoryIds', 'serviceIds', 'priorities'] as const;

export const TIME_MEASURES = ['calendar', 'business'] as const;
export type TimeMeasure = (typeof TIME_MEASURES)[number];
export const TIME_MEASURE_LABELS: Record<TimeMeasure, string> = {
  calendar: 'Calendar time',
  business: 'Business hours',
};

export const kpiReportInput = z.strictObject({
  period: kpiPeriodSchema,
  filters: kpiFiltersSchema.default({}),
  measure: z.enum(TIME_MEASURES).default('calendar'),
});
export type KpiReportInput = z.input<typeof kpiReportInput>;
export type KpiReportQuery = z.output<typeof kpiReportInput>;

/** Age of an open incident (from when it was reported), for the backlog's buckets. */
export const AGE_BUCKETS = ['underDay', 'days1to3', 'days3to7', 'days7to30', 'over30Days'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
export const AGE_BUCKET_LABELS: Record<AgeBucket, string> = {
  underDay: 'Under 1 day',
  days1to3: '1–3 days',
  days3to7: '3–7 days',
  days7to30: '7–30 days',
  over30Days: 'Over 30 days',
};
const HOUR = 60;
const DAY = 24 * HOUR;
/** Lower bounds in minutes, in the order above. */
export const AGE_BUCKET_MINUTES: readonly number[] = [0, DAY, 3 * DAY, 7 * DAY, 30 * DAY];

/** Time to resolve, for its distribution. */
export const RESOLVE_BUCKETS = [
  'underHour',
  'hours1to4',
  'hours4to8',
  'hours8to24',
  'days1to3',
  'days3to7',
  'over7Days',
] as const;
export type ResolveBucket = (typeof RESOLVE_BUCKETS)[number];
export const RESOLVE_BUCKET_LABELS: Record<ResolveBucket, string> = {
  underHour: 'Under 1 h',
  hours1to4: '1–4 h',
  hours4to8: '4–8 h',
  hours8to24: '8–24 h',
  days1to3: '1–3 days',
  days3to7: '3–7 days',
  over7Days: 'Over 7 days',
};
export const RESOLVE_BUCKET_MINUTES: readonly number[] = [0, HOUR, 4 * HOUR, 8 * HOUR, DAY, 3 * DAY, 7 * DAY];

/** The sets of incidents behind each figure, as a drill-down opens them in the queue. */
export const DRILL_FIGURES = [
  'created',
  'resolved',
  'closed',
  'handled',
  'backlogAtStart',
  'backlogAtEnd',
  /** Open at the end of one bucket (`bucket`), optionally of one age (`slice.ageBucket`). */
  'backlog',
  'acknowledged',
  'firstResponded',
  'resolvedAtFirstContact',
  'reopened',
  'escalated',
  'slaMet',
  'slaBreached',
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

export const kpiSliceSchema = z.strictObject({
  agentId: withNone.optional(),
  groupId: withNone.optional(),
  channel: channel.schema.optional(),
  categoryId: withNone.optional(),
  serviceId: withNone.optional(),
  priority: prioritySchema.optional(),
  ageBucket: z.enum(AGE_BUCKETS).optional(),
  resolveBucket: z.enum(RESOLVE_BUCKETS).optional(),
  /** SLA figures count clocks, so their drill-down names one clock: an incident then appears once. */
  clock: z.enum(SLA_CLOCKS).optional(),
});
export type KpiSlice = z.infer<typeof kpiSliceSchema>;

/** A drill-down as a queue filter keeps it: every part spelled out (no defaults), so it reads back the same. */
export const kpiDrillSchema = z
  .strictObject({
    period: kpiPeriodSchema,
    filters: kpiFiltersSchema,
    measure: z.enum(TIME_MEASURES),
    figure: z.enum(DRILL_FIGURES),
    /** The comparison period instead of the period itself. */
    previous: z.boolean().optional(),
    /** One bar or point of a chart over time: its index among the period's buckets. */
    bucket: z.number().int().min(0).max(10_000).optional(),
    slice: kpiSliceSchema.optional(),
  })
  .refine((drill) => !drill.figure.startsWith('sla') || drill.slice?.clock !== undefined, {
    message: 'an SLA drill-down names its clock (firstResponse, nextUpdate or resolution)',
    path: ['slice', 'clock'],
  })
  .refine((drill) => drill.figure !== 'backlog' || drill.bucket !== undefined, {
    message: 'a backlog drill-down names the bucket whose end it counts at',
    path: ['bucket'],
  });
export type KpiDrill = z.infer<typeof kpiDrillSchema>;
