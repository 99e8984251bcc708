import { z } from 'zod';
import { channel, levelSchema, prioritySchema } from './enums.ts';
import type { Channel, Level, Priority, ResolutionCode, Status } from './enums.ts';
import type { DueSummary } from './incident-due.ts';
import type { TimelineFile } from './incident-files.ts';
import type { PriorityOverride } from './priority.ts';
import { idSchema, isoInstantSchema, optionalText, requiredText, tagsSchema } from './schemas.ts';

/** An incident as the detail view and the CLI see it. Instants are ISO 8601 strings in UTC. */
export interface Incident {
  readonly id: string;
  /** `null` until a number is assigned (by the hub, when the workspace is connected to one). */
  readonly number: number | null;
  /** The number shown meanwhile for an incident made here, until the hub gives the real one. */
  readonly provisionalNumber: number | null;
  readonly title: string;
  readonly description: string;
  readonly channel: Channel;
  readonly reporterId: string | null;
  readonly categoryId: string | null;
  readonly subcategory: string | null;
  readonly serviceId: string | null;
  readonly impact: Level;
  readonly urgency: Level;
  readonly priority: Priority;
  readonly priorityOverride: PriorityOverride | null;
  readonly status: Status;
  readonly assigneeId: string | null;
  readonly groupId: string | null;
  readonly tags: readonly string[];
  readonly reportedAt: string;
  readonly acknowledgedAt: string | null;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
  readonly resolutionCode: ResolutionCode | null;
  readonly resolutionNotes: string | null;
  /** What caused it, recorded when it is resolved (the resolution mail states it). */
  readonly cause: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Incidents this one follows on from (a reply to a closed incident starts a new one, linked). */
  readonly relatedIncidentIds: readonly string[];
}

/** One row of the queue. */
export interface IncidentSummary {
  readonly id: string;
  readonly number: number | null;
  readonly provisionalNumber: number | null;
  readonly title: string;
  readonly status: Status;
  readonly priority: Priority;
  readonly assigneeId: string | null;
  readonly assigneeName: string | null;
  readonly groupId: string | null;
  readonly groupName: string | null;
  readonly channel: Channel;
  readonly categoryId: string | null;
  readonly updatedAt: string;
  /** When its next SLA clock is due, as instants the screen compares with its own clock. */
  readonly due: DueSummary;
}

/**
 * "INC-1042"; a provisional number (made offline, not yet confirmed by the hub) is marked "INC-1042*"; an
 * incident with neither shows "INC-…".
 */
export function formatIncidentNumber(number: number | null, provisional: number | null = null): string {
  if (number !== null) return `INC-${number}`;
  return provisional === null ? 'INC-…' : `INC-${provisional}*`;
}

export const PROVISIONAL_NUMBER_HINT = 'Provisional number: the team hub gives the final one at the next sync.';

/** The fields a timeline entry can report as changed, with the words agents see. */
export const INCIDENT_FIELD_LABELS = {
  title: 'Title',
  description: 'Description',
  channel: 'Channel',
  reporterId: 'Reporter',
  categoryId: 'Category',
  subcategory: 'Subcategory',
  serviceId: 'Affected service',
  impact: 'Impact',
  urgency: 'Urgency',
  priority: 'Priority',
  priorityOverride: 'Priority override',
  status: 'Status',
  assigneeId: 'Assignee',
  groupId: 'Group',
  tags: 'Tags',
  reportedAt: 'Reported',
  acknowledgedAt: 'Acknowledged',
  resolvedAt: 'Resolved',
  closedAt: 'Closed',
  resolutionCode: 'Resolution code',
  resolutionNotes: 'Resolution notes',
  cause: 'Cause',
  number: 'Number',
  relatedIncidentIds: 'Related incidents',
} as const;
export type IncidentField = keyof typeof INCIDENT_FIELD_LABELS;

export type FieldValue = string | number | boolean | null | readonly string[] | PriorityOverride;

export interface FieldChange {
  readonly field: IncidentField;
  readonly from: FieldValue;
  readonly to: FieldValue;
}

export const TIMELINE_EVENT_TYPES = ['created', 'changed', 'note', 'message', 'reply', 'notice', 'attachment'] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

export interface TimelineEvent {
  readonly id: string;
  readonly at: string;
  readonly actorId: string | null;
  readonly type: TimelineEventType;
  /** What the agent did, in the lifecycle's words ("resolve", "assign"), when the entry records an action. */
  readonly action: string | null;
  readonly changes: readonly FieldChange[];
  readonly body: string | null;
  /** For `message` entries: the inbound message (email, call, walk-in, alert) that belongs to the incident. */
  readonly message: TimelineMessage | null;
  /** For `reply` entries: the mail the desk sent, with its delivery state as this workstation knows it. */
  readonly reply?: TimelineReply | null;
  /** For what a rule did (a `changed` entry with action `automation`, or its note): which rule, and what it did. */
  readonly automation?: TimelineAutomation | null;
  /** For `notice` entries: a disruption notice to a service's subscribers, and how many got it. */
  readonly notice?: TimelineNotice | null;
  /** For `attachment` entries: the file an agent added to the incident. */
  readonly attachment?: TimelineFile | null;
}

export interface TimelineAutomation {
  readonly ruleId: string;
  readonly ruleName: string;
  /** What its actions did beyond changing fields: "Sent “Acknowledgement” to …", "Not done: …". */
  readonly outcomes: readonly string[];
  /** Why it fired, for time rules: "75 % of the resolution target has elapsed". */
  readonly reason?: string | null;
}

export interface TimelineNotice {
  /** notice, update or all_clear (shared/domain/notices.ts). */
  readonly kind: string;
  readonly subject: string;
  readonly recipients: number;
  readonly sent: number;
  readonly waiting: number;
  readonly failed: number;
}

export interface TimelineReply {
  readonly outboxId: string;
  readonly automatic: boolean;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  /** queued, sending, sent or failed (shared/domain/outbox.ts). */
  readonly state: string;
  readonly lastError: string | null;
  readonly sentAt: string | null;
  /** The files that went with it (none when this workstation has not heard of the mail yet). */
  readonly attachments?: readonly TimelineFile[];
}

export interface TimelineMessage {
  readonly id: string;
  readonly channel: string;
  /** message, auto_reply, bounce, loop or unparsed (shared/domain/intake.ts). */
  readonly kind: string;
  /** `outbound` for a call the agent made back to the reporter. */
  readonly direction?: 'inbound' | 'outbound';
  readonly from: { readonly address: string; readonly name: string } | null;
  readonly subject: string;
}

export interface IncidentDetail {
  readonly incident: Incident;
  readonly timeline: readonly TimelineEvent[];
}

const titleSchema = requiredText('Title', 200);
const descriptionSchema = optionalText('Description', 20_000);

export const priorityOverrideSchema = z.strictObject({
  priority: prioritySchema,
  reason: requiredText('Reason for the priority override', 500),
});

export const createIncidentInput = z.strictObject({
  title: titleSchema,
  description: descriptionSchema.default(''),
  channel: channel.schema,
  reporterId: idSchema.nullable().default(null),
  categoryId: idSchema.nullable().default(null),
  subcategory: optionalText('Subcategory', 120).nullable().default(null),
  serviceId: idSchema.nullable().default(null),
  impact: levelSchema,
  urgency: levelSchema,
  priorityOverride: priorityOverrideSchema.nullable().default(null),
  assigneeId: idSchema.nullable().default(null),
  groupId: idSchema.nullable().default(null),
  tags: tagsSchema.default([]),
  reportedAt: isoInstantSchema.optional(),
});
export type CreateIncidentInput = z.input<typeof createIncidentInput>;
export type CreateIncidentCommand = z.output<typeof createIncidentInput>;

export const updateIncidentInput = z.strictObject({
  id: idSchema,
  fields: z
    .strictObject({
      title: titleSchema,
      description: descriptionSchema,
      channel: channel.schema,
      reporterId: idSchema.nullable(),
      categoryId: idSchema.nullable(),
      subcategory: optionalText('Subcategory', 120).nullable(),
      serviceId: idSchema.nullable(),
      impact: levelSchema,
      urgency: levelSchema,
      priorityOverride: priorityOverrideSchema.nullable(),
      groupId: idSchema.nullable(),
      tags: tagsSchema,
      /** Editable after resolving too: an incident resolved before the cause was asked for needs it to close. */
      cause: optionalText('Cause', 2_000).nullable(),
    })
    .partial()
    .refine((fields) => Object.keys(fields).length > 0, { message: 'name at least one field to change' }),
});
export type UpdateIncidentInput = z.input<typeof updateIncidentInput>;
export type UpdateIncidentCommand = z.output<typeof updateIncidentInput>;

export const assignIncidentInput = z.strictObject({
  id: idSchema,
  assigneeId: idSchema.nullable(),
  groupId: idSchema.nullable().optional(),
});
export type AssignIncidentInput = z.input<typeof assignIncidentInput>;

export const addNoteInput = z.strictObject({
  id: idSchema,
  body: requiredText('Note', 20_000),
});
export type AddNoteInput = z.input<typeof addNoteInput>;

export const incidentIdInput = z.strictObject({ id: idSchema });
export type IncidentIdInput = z.input<typeof incidentIdInput>;
