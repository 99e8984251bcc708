import type { ExpressionBuilder, Selectable } from 'kysely';
import { DeskError } from '#shared/errors.ts';
import { hlcWallMs } from '#shared/hlc.ts';
import type { Channel, Level, Priority, ResolutionCode, Status } from '#shared/domain/enums.ts';
import type {
  FieldChange,
  Incident,
  IncidentDetail,
  IncidentSummary,
  TimelineEvent,
  TimelineEventType,
} from '#shared/domain/incident.ts';
import type { TimelineFile } from '#shared/domain/incident-files.ts';
import type { PriorityOverride } from '#shared/domain/priority.ts';
import { toDueSummary } from '#shared/domain/incident-due.ts';
import type { DuePhase } from '#shared/domain/incident-due.ts';
import type { SlaClockName } from '#shared/domain/sla-input.ts';
import type { Database, IncidentTable, OutgoingMailTable, TimelineEventTable } from '../store/schema.ts';
import type { Db } from '../store/store.ts';

export function incidentRowToModel(row: Selectable<IncidentTable> & { provisional_number: number | null }): Incident {
  return {
    id: row.id,
    number: row.number,
    provisionalNumber: row.provisional_number,
    title: row.title,
    description: row.description,
    channel: row.channel as Channel,
    reporterId: row.reporter_id,
    categoryId: row.category_id,
    subcategory: row.subcategory,
    serviceId: row.service_id,
    impact: row.impact as Level,
    urgency: row.urgency as Level,
    priority: row.priority as Priority,
    priorityOverride: row.priority_override ? (JSON.parse(row.priority_override) as PriorityOverride) : null,
    status: row.status as Status,
    assigneeId: row.assignee_id,
    groupId: row.group_id,
    tags: JSON.parse(row.tags) as string[],
    reportedAt: row.reported_at,
    acknowledgedAt: row.acknowledged_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    resolutionCode: row.resolution_code as ResolutionCode | null,
    resolutionNotes: row.resolution_notes,
    cause: row.cause,
    createdAt: row.created_at,
    updatedAt: new Date(row.updated_at).toISOString(),
    relatedIncidentIds: JSON.parse(row.related_incidents) as string[],
  };
}

export const SUMMARY_COLUMNS = [
  'id',
  'number',
  'title',
  'status',
  'priority',
  'assignee_id',
  'assignee_name',
  'group_id',
  'group_name',
  'channel',
  'category_id',
  'updated_at',
  'sla_phase',
  'sla_clock',
  'sla_due_at',
  'sla_at_risk_at',
  'sla_breach_at',
] as const;

export type SummaryRow = Pick<Selectable<IncidentTable>, (typeof SUMMARY_COLUMNS)[number]> & {
  provisional_number: number | null;
};

/** The provisional number of the incident in the outer query, as a column. */
export function provisionalNumberColumn(eb: ExpressionBuilder<Database, 'incident'>) {
  return eb
    .selectFrom('provisional_number')
    .select('provisional_number.number')
    .whereRef('provisional_number.incident_id', '=', 'incident.id')
    .as('provisional_number');
}

export function incidentRowToSummary(row: SummaryRow): IncidentSummary {
  return {
    id: row.id,
    number: row.number,
    provisionalNumber: row.provisional_number,
    title: row.title,
    status: row.status as Status,
    priority: row.priority as Priority,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    groupId: row.group_id,
    groupName: row.group_name,
    channel: row.channel as Channel,
    categoryId: row.category_id,
    updatedAt: new Date(row.updated_at).toISOString(),
    due: toDueSummary({
      phase: row.sla_phase as DuePhase,
      clock: row.sla_clock as SlaClockName | null,
      dueAt: row.sla_due_at,
      atRiskAt: row.sla_at_risk_at,
      breachAt: row.sla_breach_at,
    }),
  };
}

interface EventPayload {
  action?: string;
  changes?: FieldChange[];
  body?: string;
  notes?: string;
  messageId?: string;
  channel?: string;
  kind?: string;
  from?: { address: string; name: string } | null;
  subject?: string;
  preview?: string;
  direction?: 'inbound' | 'outbound';
  outboxId?: string;
  automatic?: boolean;
  to?: string[];
  cc?: string[];
  rule?: { id: string; name: string };
  outcomes?: string[];
  reason?: unknown;
  outboxIds?: string[];
  name?: string;
  contentType?: string;
  size?: number;
  hash?: string;
}

/** A file an agent added: the entry names it; the bytes are a blob (incidents/incident-files.service.ts). */
function attachmentOf(payload: EventPayload): TimelineFile {
  return {
    name: payload.name ?? 'file',
    contentType: payload.contentType ?? 'application/octet-stream',
    size: payload.size ?? 0,
    hash: payload.hash ?? '',
  };
}

/** What the outbox knows of the mail a `reply` entry stands for, by outbox id. */
export type ReplyStates = ReadonlyMap<string, ReplyState>;

export interface ReplyState {
  readonly state: string;
  readonly lastError: string | null;
  readonly sentAt: string | null;
  /** What was written, when this workstation has the mail; the timeline's preview is one line, cut short. */
  readonly text?: string;
  readonly attachments?: readonly TimelineFile[];
}

const REPLY_COLUMNS = ['id', 'state', 'last_error', 'sent_at', 'body_text', 'attachments'] as const;

function replyState(row: Pick<Selectable<OutgoingMailTable>, (typeof REPLY_COLUMNS)[number]>): ReplyState {
  const files = JSON.parse(row.attachments) as TimelineFile[];
  return {
    state: row.state,
    lastError: row.last_error,
    sentAt: row.sent_at,
    text: withoutSignature(row.body_text),
    attachments: files.map(({ name, contentType, size, hash }) => ({ name, contentType, size, hash })),
  };
}

/** The signature (after the "-- " line mail programs know) is the same under every reply: the timeline leaves it out. */
function withoutSignature(text: string): string {
  const at = text.lastIndexOf('\n-- \n');
  return (at >= 0 ? text.slice(0, at) : text).replace(/\s+$/, '');
}

/** A disruption notice's mails, counted by where they stand. */
function noticeOf(payload: EventPayload, replies: ReplyStates) {
  const states = (payload.outboxIds ?? []).map((id) => replies.get(id)?.state ?? 'queued');
  return {
    kind: payload.kind ?? 'notice',
    subject: payload.subject ?? '',
    recipients: states.length,
    sent: states.filter((state) => state === 'sent').length,
    waiting: states.filter((state) => state === 'queued' || state === 'sending').length,
    failed: states.filter((state) => state === 'failed').length,
  };
}

export function timelineRowToModel(
  row: Selectable<TimelineEventTable>,
  replies: ReplyStates = new Map(),
): TimelineEvent {
  const payload = JSON.parse(row.payload) as EventPayload;
  const delivery = payload.outboxId ? replies.get(payload.outboxId) : undefined;
  const rule = payload.rule;
  return {
    id: row.id,
    at: new Date(hlcWallMs(row.hlc)).toISOString(),
    actorId: row.actor,
    type: row.type as TimelineEventType,
    action: payload.action ?? null,
    changes: payload.changes ?? [],
    body: payload.body ?? payload.notes ?? delivery?.text ?? payload.preview ?? null,
    message:
      row.type === 'message' && payload.messageId
        ? {
            id: payload.messageId,
            channel: payload.channel ?? 'email',
            kind: payload.kind ?? 'message',
            from: payload.from ?? null,
            subject: payload.subject ?? '',
            ...(payload.direction === 'outbound' ? { direction: 'outbound' as const } : {}),
          }
        : null,
    ...(row.type === 'reply' && payload.outboxId
      ? {
          reply: {
            outboxId: payload.outboxId,
            automatic: payload.automatic === true,
            to: payload.to ?? [],
            cc: payload.cc ?? [],
            subject: payload.subject ?? '',
            state: delivery?.state ?? 'queued',
            lastError: delivery?.lastError ?? null,
            sentAt: delivery?.sentAt ?? null,
            attachments: delivery?.attachments ?? [],
          },
        }
      : {}),
    ...(rule
      ? {
          automation: {
            ruleId: rule.id,
            ruleName: rule.name,
            outcomes: payload.outcomes ?? [],
            reason: typeof payload.reason === 'string' ? payload.reason : null,
          },
        }
      : {}),
    ...(row.type === 'notice' ? { notice: noticeOf(payload, replies) } : {}),
    ...(row.type === 'attachment' ? { attachment: attachmentOf(payload) } : {}),
  };
}

export async function findIncident(db: Db, id: string): Promise<Incident | null> {
  const row = await db
    .selectFrom('incident')
    .selectAll()
    .select(provisionalNumberColumn)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? incidentRowToModel(row) : null;
}

export async function getIncident(db: Db, id: string): Promise<Incident> {
  const incident = await findIncident(db, id);
  if (!incident) throw new DeskError('not_found', `No incident with id ${id}.`);
  return incident;
}

export async function getIncidentDetail(db: Db, id: string): Promise<IncidentDetail> {
  const [incident, events, replies] = await Promise.all([
    getIncident(db, id),
    db
      .selectFrom('timeline_event')
      .selectAll()
      .where('entity_id', '=', id)
      .where('entity', '=', 'incident')
      .orderBy('hlc')
      .orderBy('device')
      .orderBy('id')
      .execute(),
    db.selectFrom('outgoing_mail').select(REPLY_COLUMNS).where('incident_id', '=', id).execute(),
  ]);
  // A disruption notice's mails belong to no incident (a subscriber's answer must not reopen it): by id.
  const noticeMail = events
    .filter((event) => event.type === 'notice')
    .flatMap((event) => (JSON.parse(event.payload) as EventPayload).outboxIds ?? []);
  if (noticeMail.length) {
    replies.push(
      ...(await db.selectFrom('outgoing_mail').select(REPLY_COLUMNS).where('id', 'in', noticeMail).execute()),
    );
  }
  const states: ReplyStates = new Map(replies.map((r) => [r.id, replyState(r)]));
  return { incident, timeline: events.map((event) => timelineRowToModel(event, states)) };
}

/** Without a hub, numbers are assigned locally: the next after the highest in the workspace. */
export async function nextLocalNumber(db: Db): Promise<number> {
  const row = await db
    .selectFrom('incident')
    .select((eb) => eb.fn.max('number').as('highest'))
    .executeTakeFirst();
  return (row?.highest ?? 0) + 1;
}

/** With a hub, an incident made here shows the number it will probably get until the hub confirms one. */
export async function nextProvisionalNumber(db: Db): Promise<number> {
  const provisional = await db
    .selectFrom('provisional_number')
    .innerJoin('incident', 'incident.id', 'provisional_number.incident_id')
    .where('incident.number', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('waiting'))
    .executeTakeFirst();
  return (await nextLocalNumber(db)) + (provisional?.waiting ?? 0);
}
