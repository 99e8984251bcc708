import { z } from 'zod';
import { BULK_MAX } from './bulk.ts';
import { channel, prioritySchema, status } from './enums.ts';
import { DUE_STATES } from './incident-due.ts';
import type { IncidentSummary } from './incident.ts';
import { kpiDrillSchema } from './kpi-query.ts';
import { idSchema, optionalText, requiredText } from './schemas.ts';

export const QUEUE_COLUMNS = [
  'number',
  'priority',
  'title',
  'status',
  'assignee',
  'group',
  'channel',
  'updated',
  'due',
] as const;
export type QueueColumn = (typeof QUEUE_COLUMNS)[number];
export const QUEUE_COLUMN_LABELS: Record<QueueColumn, string> = {
  number: 'Number',
  priority: 'Priority',
  title: 'Title',
  status: 'Status',
  assignee: 'Assignee',
  group: 'Group',
  channel: 'Channel',
  updated: 'Updated',
  due: 'Due',
};

/** `me` is the signed-in agent; `none` matches incidents with nobody (or no group) set. */
const personRef = z.union([idSchema, z.literal('me'), z.literal('none')]);
const groupRef = z.union([idSchema, z.literal('none')]);

export const queueFilterSchema = z.strictObject({
  statuses: z.array(status.schema).max(10).optional(),
  priorities: z.array(prioritySchema).max(5).optional(),
  assigneeIds: z.array(personRef).max(200).optional(),
  groupIds: z.array(groupRef).max(200).optional(),
  channels: z.array(channel.schema).max(10).optional(),
  categoryIds: z.array(idSchema).max(200).optional(),
  text: optionalText('Search', 200).optional(),
  /** Only incidents resolved or closed within this many days (the "Recently resolved" view). */
  resolvedWithinDays: z.number().int().min(1).max(3650).optional(),
  /** Where the incident's SLA clocks stand now ("Breached", "At risk"): compared with the desk's clock. */
  dueStates: z.array(z.enum(DUE_STATES)).max(DUE_STATES.length).optional(),
  /** Exactly the incidents behind a KPI figure (a drill-down from the dashboard). */
  kpi: kpiDrillSchema.optional(),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const queueSortSchema = z.strictObject({
  column: z.enum(QUEUE_COLUMNS),
  direction: z.enum(['asc', 'desc']),
});
export type QueueSort = z.infer<typeof queueSortSchema>;

export const QUEUE_PAGE_MAX = 500;

export const queuePageInput = z.strictObject({
  filter: queueFilterSchema,
  sort: queueSortSchema,
  offset: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(QUEUE_PAGE_MAX),
});
export type QueuePageInput = z.input<typeof queuePageInput>;

export const queueIdsInput = z.strictObject({
  filter: queueFilterSchema,
  sort: queueSortSchema,
  limit: z.number().int().min(1).max(BULK_MAX),
});

export interface QueuePage {
  readonly rows: readonly IncidentSummary[];
  /** How many incidents match the filter, for the scroll height and the view's count. */
  readonly total: number;
  readonly offset: number;
}

export interface QueueView {
  readonly id: string;
  readonly name: string;
  readonly filter: QueueFilter;
  readonly sort: QueueSort;
  /** Built-in views cannot be renamed or deleted. */
  readonly builtIn: boolean;
  readonly count: number;
  /** Shared with the whole team by the supervisor who made it: everyone sees it under Team views. */
  readonly shared: boolean;
  /** Whether the signed-in agent made it (and so may rename, update, share, order or delete it). */
  readonly mine: boolean;
}

const OPEN = ['new', 'assigned', 'in_progress', 'waiting_on_customer'] as const;
const BY_UPDATED: QueueSort = { column: 'updated', direction: 'desc' };

export type ViewDefinition = Omit<QueueView, 'count'>;

const builtIn = { builtIn: true, shared: false, mine: false } as const;

export const BUILT_IN_VIEWS: readonly ViewDefinition[] = [
  {
    id: 'my-open',
    name: 'My open',
    filter: { statuses: [...OPEN], assigneeIds: ['me'] },
    sort: { column: 'priority', direction: 'asc' },
    ...builtIn,
  },
  {
    id: 'unassigned',
    name: 'Unassigned',
    filter: { statuses: [...OPEN], assigneeIds: ['none'] },
    sort: { column: 'priority', direction: 'asc' },
    ...builtIn,
  },
  { id: 'all-open', name: 'All open', filter: { statuses: [...OPEN] }, sort: BY_UPDATED, ...builtIn },
  {
    id: 'breaching-soon',
    name: 'Breaching soon',
    filter: { statuses: [...OPEN], dueStates: ['at_risk'] },
    sort: { column: 'due', direction: 'asc' },
    ...builtIn,
  },
  {
    id: 'recently-resolved',
    name: 'Recently resolved',
    filter: { statuses: ['resolved', 'closed'], resolvedWithinDays: 7 },
    sort: BY_UPDATED,
    ...builtIn,
  },
];

export const saveViewInput = z.strictObject({
  id: idSchema.optional(),
  name: requiredText('View name', 80),
  filter: queueFilterSchema,
  sort: queueSortSchema,
  /** Left out: as it was (a new view is the agent's own). Only supervisors share views with the team. */
  shared: z.boolean().optional(),
});
export type SaveViewInput = z.input<typeof saveViewInput>;

export const deleteViewInput = z.strictObject({ id: idSchema });

/** The agent's own views, in the order they want them listed. */
export const reorderViewsInput = z.strictObject({
  ids: z
    .array(idSchema)
    .min(1)
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'each view once' }),
});
