import type { EntityKind } from '#shared/change.ts';
import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';

/**
 * How each entity's field state becomes a row of its projection table. A projection row is a pure function
 * of the entity's field state (plus, for incidents, its timeline), which is what makes the store converge:
 * whatever order changes arrive in, the same field state gives the same row.
 */
interface ColumnSpec {
  readonly column: string;
  /** SQL for the value a column takes while no change has set the field yet. */
  readonly fallback?: string;
  /** The column holds a list or an object as JSON text: see `json`. */
  readonly json?: boolean;
}

export interface ProjectionSpec {
  readonly table: string;
  readonly fields: Readonly<Record<string, ColumnSpec>>;
  /** Columns computed from more than one field, as SQL over the grouped field state `f`. */
  readonly computed?: Readonly<Record<string, string>>;
}

const text = (column: string, fallback = "''"): ColumnSpec => ({ column, fallback });
const nullable = (column: string): ColumnSpec => ({ column });
/**
 * A column holding a list or an object as JSON text. Any other value (a string, a number: what a hostile or
 * broken device may push, and the hub does not read) counts as unset, so the column takes its fallback: the
 * readers' JSON.parse and SQLite's json functions (an index on the recipients, a projection's json_each) never
 * meet text that is not JSON, which would fail every read of the row or every apply of the batch it came in.
 */
const json = (column: string, fallback?: string): ColumnSpec => ({
  column,
  json: true,
  ...(fallback ? { fallback } : {}),
});
const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;

export const PROJECTIONS: Readonly<Record<EntityKind, ProjectionSpec>> = {
  incident: {
    table: 'incident',
    fields: {
      number: nullable('number'),
      title: text('title'),
      description: text('description'),
      channel: text('channel', "'agent'"),
      reporterId: nullable('reporter_id'),
      categoryId: nullable('category_id'),
      subcategory: nullable('subcategory'),
      serviceId: nullable('service_id'),
      impact: text('impact', '3'),
      urgency: text('urgency', '3'),
      priority: text('priority', '5'),
      priorityOverride: json('priority_override'),
      status: text('status', "'new'"),
      assigneeId: nullable('assignee_id'),
      groupId: nullable('group_id'),
      tags: json('tags', "'[]'"),
      reportedAt: text('reported_at'),
      acknowledgedAt: nullable('acknowledged_at'),
      resolvedAt: nullable('resolved_at'),
      closedAt: nullable('closed_at'),
      resolutionCode: nullable('resolution_code'),
      resolutionNotes: nullable('resolution_notes'),
      createdAt: text('created_at'),
      relatedIncidentIds: json('related_incidents', "'[]'"),
      cause: nullable('cause'),
    },
    computed: {
      // The newest stamp among the incident's field values and timeline entries: the same whatever order
      // the changes arrived in, because a losing field value is always older than the one that won.
      updated_at: `CAST(substr(max(max(f.hlc), coalesce((SELECT max(e.hlc) FROM timeline_event e
        WHERE e.entity_id = f.entity_id AND e.entity = 'incident'), '')), 1, 15) AS INTEGER)`,
    },
  },
  agent: {
    table: 'agent',
    fields: {
      name: text('name'),
      email: text('email'),
      role: text('role', "'agent'"),
      groupIds: json('group_ids', "'[]'"),
      active: text('active', '1'),
    },
  },
  group: { table: 'agent_group', fields: { name: text('name'), description: text('description') } },
  contact: {
    table: 'contact',
    fields: {
      name: text('name'),
      email: nullable('email'),
      phone: nullable('phone'),
      organisation: nullable('organisation'),
      phoneKeys: nullable('phone_keys'),
    },
  },
  category: {
    table: 'category',
    fields: { name: text('name'), subcategories: json('subcategories', "'[]'"), groupId: nullable('group_id') },
  },
  service: {
    table: 'service',
    fields: {
      name: text('name'),
      description: text('description'),
      subscribers: json('subscribers', `'{"contactIds":[],"organisations":[]}'`),
    },
  },
  setting: { table: 'setting', fields: { value: nullable('value') } },
  message: {
    table: 'message',
    fields: {
      channel: text('channel', "'email'"),
      kind: text('kind', "'message'"),
      state: text('state', "'untriaged'"),
      receivedAt: text('received_at'),
      fromAddress: nullable('from_address'),
      fromName: nullable('from_name'),
      to: json('recipients', "'[]'"),
      cc: json('copies', "'[]'"),
      subject: text('subject'),
      preview: text('preview'),
      bodyText: text('body_text'),
      htmlHash: nullable('html_hash'),
      attachments: json('attachments', "'[]'"),
      messageId: nullable('message_id'),
      inReplyTo: nullable('in_reply_to'),
      references: json('refs', "'[]'"),
      rawHash: nullable('raw_hash'),
      note: nullable('note'),
      incidentId: nullable('incident_id'),
      contactId: nullable('contact_id'),
      alertFingerprint: nullable('alert_fingerprint'),
      alertStatus: nullable('alert_status'),
      source: nullable('source'),
      neverAnswer: nullable('never_answer'),
      truncated: text('truncated', '0'),
    },
  },
  mailbox: {
    table: 'mailbox',
    fields: {
      name: text('name'),
      host: text('host'),
      port: text('port', '993'),
      tls: text('tls', '1'),
      username: text('username'),
      folder: text('folder', "'INBOX'"),
      mode: text('mode', "'idle'"),
      pollSeconds: text('poll_seconds', '60'),
      maxMessageBytes: text('max_message_bytes', '26214400'),
      enabled: text('enabled', '1'),
      deleted: text('deleted', '0'),
      outgoing: json('outgoing'),
      incidentPerMail: text('incident_per_mail', '0'),
    },
  },
  outgoing: {
    table: 'outgoing_mail',
    fields: {
      incidentId: nullable('incident_id'),
      mailboxId: text('mailbox_id'),
      automatic: text('automatic', '0'),
      authorId: nullable('author_id'),
      sender: text('sender', "'automation'"),
      to: json('recipients', "'[]'"),
      cc: json('copies', "'[]'"),
      subject: text('subject'),
      text: text('body_text'),
      attachments: json('attachments', "'[]'"),
      messageId: text('message_id'),
      inReplyTo: nullable('in_reply_to'),
      references: json('refs', "'[]'"),
      state: text('state', "'queued'"),
      attempts: text('attempts', '0'),
      lastError: nullable('last_error'),
      nextAttemptAt: nullable('next_attempt_at'),
      sentAt: nullable('sent_at'),
      claimedBy: nullable('claimed_by'),
      claimedAt: nullable('claimed_at'),
      rawHash: nullable('raw_hash'),
      createdAt: text('created_at'),
    },
  },
  goal: {
    table: 'goal',
    fields: {
      kpi: text('kpi'),
      target: text('target', '0'),
      scope: text('scope', "'team'"),
      scopeId: nullable('scope_id'),
      period: text('period', "'month'"),
      deleted: text('deleted', '0'),
    },
  },
  // A calendar's fields default to the 24×7 calendar's: every workspace has that one without anyone writing it,
  // so an edit to it records only what changed, and two workstations editing it offline merge field by field.
  calendar: {
    table: 'business_calendar',
    fields: {
      name: text('name', sqlText(DEFAULT_CALENDAR.name)),
      timeZone: text('time_zone', sqlText(DEFAULT_CALENDAR.timeZone)),
      hours: json('hours', sqlText(JSON.stringify(DEFAULT_CALENDAR.hours))),
      holidays: json('holidays', "'[]'"),
      deleted: text('deleted', '0'),
    },
  },
  slaPolicy: {
    table: 'sla_policy',
    fields: {
      name: text('name'),
      conditions: json('conditions', "'{}'"),
      targets: json('targets', "'{}'"),
      calendarId: text('calendar_id', sqlText(DEFAULT_CALENDAR.id)),
      pauseStatuses: json('pause_statuses', `'["waiting_on_customer","resolved","closed"]'`),
      position: text('position', '0'),
      deleted: text('deleted', '0'),
    },
  },
  rule: {
    table: 'automation_rule',
    fields: {
      name: text('name'),
      enabled: text('enabled', '1'),
      position: text('position', '0'),
      trigger: json('trigger', "'{}'"),
      conditions: json('conditions', "'[]'"),
      actions: json('actions', "'[]'"),
      builtIn: nullable('built_in'),
      deleted: text('deleted', '0'),
    },
  },
  template: {
    table: 'mail_template',
    fields: {
      name: text('name'),
      subject: text('subject'),
      body: text('body'),
      builtIn: nullable('built_in'),
      deleted: text('deleted', '0'),
    },
  },
  notification: {
    table: 'notification',
    fields: {
      agentId: text('agent_id'),
      event: text('event'),
      incidentId: text('incident_id'),
      text: text('text'),
      priority: text('priority', '5'),
      createdAt: text('created_at'),
      readAt: nullable('read_at'),
    },
  },
  // One row per agent (the id is the agent's): preferences as one JSON value the agent edits.
  notificationSettings: { table: 'notification_settings', fields: { preferences: json('preferences') } },
  view: {
    table: 'saved_view',
    fields: {
      ownerId: nullable('owner_id'),
      name: text('name'),
      filter: json('filter', "'{}'"),
      sort: json('sort', `'{"column":"updated","direction":"desc"}'`),
      deleted: text('deleted', '0'),
      shared: text('shared', '0'),
      position: nullable('position'),
    },
  },
};

/**
 * One statement per entity kind that rebuilds the projection rows of the entities named in the bound JSON
 * array (or, with `scope: 'all'`, of every entity of the kind, after a bootstrap), keeping each row's rowid
 * (the full-text index refers to incidents by rowid).
 */
export function projectionSql(entity: EntityKind, scope: 'ids' | 'all' = 'ids'): string {
  const spec = PROJECTIONS[entity];
  const columns: string[] = [];
  const expressions: string[] = [];
  for (const [field, { column, fallback, json }] of Object.entries(spec.fields)) {
    const shaped = json ? ` AND json_type(f.value) IN ('object', 'array')` : '';
    const value = `max(CASE WHEN f.field = '${field}'${shaped} THEN f.value ->> '$' END)`;
    columns.push(column);
    expressions.push(fallback === undefined ? value : `coalesce(${value}, ${fallback})`);
  }
  for (const [column, expression] of Object.entries(spec.computed ?? {})) {
    columns.push(column);
    expressions.push(expression);
  }
  return `INSERT INTO ${spec.table} (id, ${columns.join(', ')})
    SELECT f.entity_id, ${expressions.join(',\n      ')}
    FROM field_state f
    WHERE f.entity = '${entity}' ${scope === 'ids' ? 'AND f.entity_id IN (SELECT value FROM json_each(?))' : 'AND true'}
    GROUP BY f.entity_id
    ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`;
}
