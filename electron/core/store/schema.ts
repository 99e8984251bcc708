import type { Generated } from 'kysely';

/** Row types of the SQLite store, as Kysely sees them. Models (shared/) are mapped from these by name. */
export interface MetaTable {
  key: string;
  value: string;
}

export interface ChangeTable {
  seq: Generated<number>;
  id: string;
  hlc: string;
  device: string;
  actor: string | null;
  entity: string;
  entity_id: string;
  op: 'set' | 'append';
  field: string;
  value: string;
  origin: 'local' | 'remote';
}

export interface FieldStateTable {
  entity: string;
  entity_id: string;
  field: string;
  hlc: string;
  device: string;
  value: string;
}

export interface TimelineEventTable {
  id: string;
  entity: string;
  entity_id: string;
  hlc: string;
  device: string;
  actor: string | null;
  type: string;
  payload: string;
}

export interface IncidentTable {
  rowid: Generated<number>;
  id: string;
  number: number | null;
  title: string;
  description: string;
  channel: string;
  reporter_id: string | null;
  category_id: string | null;
  subcategory: string | null;
  service_id: string | null;
  impact: number;
  urgency: number;
  priority: number;
  priority_override: string | null;
  status: string;
  status_rank: Generated<number>;
  assignee_id: string | null;
  assignee_name: string | null;
  group_id: string | null;
  group_name: string | null;
  tags: string;
  reported_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  resolution_code: string | null;
  resolution_notes: string | null;
  created_at: string;
  updated_at: number;
  related_incidents: Generated<string>;
  sla_policy_id: Generated<string | null>;
  sla_clock: Generated<string | null>;
  sla_phase: Generated<string>;
  sla_due_at: Generated<number | null>;
  sla_at_risk_at: Generated<number | null>;
  sla_breach_at: Generated<number | null>;
  first_response_due_at: Generated<number | null>;
  next_update_due_at: Generated<number | null>;
  resolution_due_at: Generated<number | null>;
  sla_due_rank: Generated<number>;
  reporter_name: string | null;
  cause: string | null;
}

export interface IncidentFtsTable {
  rowid: number;
  number: string;
  title: string;
  description: string;
  reporter: string;
  notes: string;
  resolution: string;
  messages: string;
}

export interface AgentTable {
  id: string;
  name: string;
  email: string;
  role: string;
  group_ids: string;
  active: number;
}

export interface AgentGroupTable {
  id: string;
  name: string;
  description: string;
}

export interface ContactTable {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  organisation: string | null;
  /** The digit strings the phone is found by (shared/domain/phone.ts), space-separated. */
  phone_keys: string | null;
}

export interface CategoryTable {
  id: string;
  name: string;
  subcategories: string;
  group_id: string | null;
}

export interface ServiceTable {
  id: string;
  name: string;
  description: string;
  subscribers: Generated<string>;
}

export interface SettingTable {
  id: string;
  value: string | null;
}

export interface SavedViewTable {
  id: string;
  owner_id: string | null;
  name: string;
  filter: string;
  sort: string;
  deleted: number;
  shared: number;
  position: number | null;
}

export interface SyncRejectionTable {
  change_id: string;
  reason: string;
  message: string;
  at: string;
}

export interface SyncNoticeTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  field: string;
  mine: string;
  theirs: string;
  by_actor: string | null;
  at: string;
}

export interface ProvisionalNumberTable {
  incident_id: string;
  number: number;
}

export interface MessageTable {
  id: string;
  channel: string;
  kind: string;
  state: string;
  received_at: string;
  from_address: string | null;
  from_name: string | null;
  recipients: string;
  copies: string;
  subject: string;
  preview: string;
  body_text: string;
  html_hash: string | null;
  attachments: string;
  message_id: string | null;
  in_reply_to: string | null;
  refs: string;
  raw_hash: string | null;
  note: string | null;
  incident_id: string | null;
  contact_id: string | null;
  alert_fingerprint: string | null;
  alert_status: string | null;
  source: string | null;
  never_answer: string | null;
  truncated: number;
}

export interface MailboxTable {
  id: string;
  name: string;
  host: string;
  port: number;
  tls: number;
  username: string;
  folder: string;
  mode: string;
  poll_seconds: number;
  max_message_bytes: number;
  enabled: number;
  deleted: number;
  outgoing: string | null;
  incident_per_mail: Generated<number>;
}

export interface OutgoingMailTable {
  id: string;
  incident_id: string | null;
  mailbox_id: string;
  automatic: number;
  author_id: string | null;
  sender: string;
  recipients: string;
  copies: string;
  subject: string;
  body_text: string;
  attachments: string;
  message_id: string;
  in_reply_to: string | null;
  refs: string;
  state: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  sent_at: string | null;
  claimed_by: string | null;
  claimed_at: string | null;
  raw_hash: string | null;
  created_at: string;
}

export interface AutomationRuleTable {
  id: string;
  name: string;
  enabled: number;
  position: number;
  trigger: string;
  conditions: string;
  actions: string;
  built_in: string | null;
  deleted: number;
}

export interface MailTemplateTable {
  id: string;
  name: string;
  subject: string;
  body: string;
  built_in: string | null;
  deleted: number;
}

export interface MailboxCursorTable {
  mailbox_id: string;
  uid_validity: string;
  last_uid: number;
}

export interface MailboxHealthTable {
  mailbox_id: string;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  imported: Generated<number>;
}

export interface BusinessCalendarTable {
  id: string;
  name: string;
  time_zone: string;
  hours: string;
  holidays: string;
  deleted: number;
}

export interface SlaPolicyTable {
  id: string;
  name: string;
  conditions: string;
  targets: string;
  calendar_id: string;
  pause_statuses: string;
  position: number;
  deleted: number;
}

export interface GoalTable {
  id: string;
  kpi: string;
  target: number;
  scope: string;
  scope_id: string | null;
  period: string;
  deleted: number;
}

/** Each incident's KPI facts (shared/domain/kpi-facts.ts): instants as epoch milliseconds, lists as JSON. */
export interface IncidentKpiTable {
  id: string;
  channel: string;
  category_id: string | null;
  service_id: string | null;
  priority: number;
  group_id: string | null;
  assignee_id: string | null;
  reported_at: number;
  acknowledged_at: number | null;
  first_response_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  reopens: number;
  escalations: number;
  first_contact: number;
  open_spans: string;
  sla: string;
  active_until: number | null;
}

/** Each incident's clock history (sla/clock-history.ts): its clock entries as a JSON array. */
export interface IncidentClockTable {
  id: string;
  entries: string;
}

export interface BlobTable {
  hash: string;
  size: number;
  data: Buffer;
  parts: Generated<number>;
}

export interface BlobPartTable {
  hash: string;
  part: number;
  data: Buffer;
}

/** A draft kept on this workstation for its agent (local, never a change). */
export interface DraftTable {
  agent_id: string;
  key: string;
  value: string;
  saved_at: string;
}

export interface PreferenceTable {
  agent_id: string;
  key: string;
  value: string;
}

export interface Database {
  meta: MetaTable;
  change: ChangeTable;
  field_state: FieldStateTable;
  timeline_event: TimelineEventTable;
  incident: IncidentTable;
  incident_fts: IncidentFtsTable;
  agent: AgentTable;
  agent_group: AgentGroupTable;
  contact: ContactTable;
  category: CategoryTable;
  service: ServiceTable;
  setting: SettingTable;
  saved_view: SavedViewTable;
  sync_rejection: SyncRejectionTable;
  sync_notice: SyncNoticeTable;
  provisional_number: ProvisionalNumberTable;
  message: MessageTable;
  mailbox: MailboxTable;
  mailbox_cursor: MailboxCursorTable;
  mailbox_health: MailboxHealthTable;
  blob: BlobTable;
  outgoing_mail: OutgoingMailTable;
  blob_part: BlobPartTable;
  business_calendar: BusinessCalendarTable;
  sla_policy: SlaPolicyTable;
  draft: DraftTable;
  preference: PreferenceTable;
  goal: GoalTable;
  incident_kpi: IncidentKpiTable;
  incident_clock: IncidentClockTable;
  automation_rule: AutomationRuleTable;
  mail_template: MailTemplateTable;
  notification: NotificationTable;
  notification_settings: NotificationSettingsTable;
}

export interface NotificationTable {
  id: string;
  agent_id: string;
  event: string;
  incident_id: string;
  text: string;
  priority: number;
  created_at: string;
  read_at: string | null;
}

export interface NotificationSettingsTable {
  id: string;
  preferences: string | null;
}
