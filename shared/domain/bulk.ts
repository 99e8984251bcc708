import { z } from 'zod';
import { prioritySchema, resolutionCode } from './enums.ts';
import { TRANSITION_ACTIONS } from './lifecycle.ts';
import { idSchema, optionalText, requiredText } from './schemas.ts';

/**
 * One change made to many incidents at once from the queue: each incident gets its own change through the
 * write path, as if the agent had made it on the incident, and the whole can be undone for a short while.
 */
export const BULK_CHANGE_KINDS = ['assign', 'group', 'status', 'priority', 'tag'] as const;
export type BulkChangeKind = (typeof BULK_CHANGE_KINDS)[number];

export const bulkChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('assign'), assigneeId: idSchema.nullable() }),
  z.strictObject({ kind: z.literal('group'), groupId: idSchema.nullable() }),
  z.strictObject({
    kind: z.literal('status'),
    action: z.enum(TRANSITION_ACTIONS),
    notes: optionalText('Notes', 20_000).optional(),
    resolutionCode: resolutionCode.schema.optional(),
    /** What caused them: resolving needs it, as on one incident. */
    cause: optionalText('Cause', 2_000).optional(),
  }),
  z.strictObject({
    kind: z.literal('priority'),
    priority: prioritySchema,
    reason: requiredText('Reason for the priority', 500),
  }),
  z.strictObject({ kind: z.literal('tag'), tag: requiredText('Tag', 40) }),
]);
export type BulkChange = z.infer<typeof bulkChangeSchema>;

/** "Select all in the filter" reaches this many; the queue says so when a filter matches more. */
export const BULK_MAX = 5_000;

export const bulkChangeInput = z.strictObject({
  ids: z.array(idSchema).min(1, { message: 'choose at least one incident' }).max(BULK_MAX),
  change: bulkChangeSchema,
});
export type BulkChangeInput = z.input<typeof bulkChangeInput>;

export interface BulkIncidentRef {
  readonly id: string;
  readonly number: number | null;
  readonly provisionalNumber: number | null;
}

export interface BulkSkip extends BulkIncidentRef {
  /** Why this incident was left as it was ("It is Closed; reopen it before …", "Already tagged vip"). */
  readonly reason: string;
}

export interface BulkOutcome {
  readonly changed: readonly BulkIncidentRef[];
  readonly skipped: readonly BulkSkip[];
  /** Undoes the changes made, for `BULK_UNDO_SECONDS`; null when nothing changed. */
  readonly undoId: string | null;
}

/** How long an agent has to change their mind: as long as the notice with "Undo" stays, and a little more. */
export const BULK_UNDO_SECONDS = 60;

export const undoBulkInput = z.strictObject({ undoId: idSchema });

export interface UndoOutcome {
  readonly restored: readonly BulkIncidentRef[];
  /** Incidents someone changed again since: undoing would throw their change away, so they stay. */
  readonly kept: readonly BulkSkip[];
}
