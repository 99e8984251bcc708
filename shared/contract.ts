import { z } from 'zod';
import type { DeskErrorData } from './errors.ts';
import {
  addNoteInput,
  assignIncidentInput,
  createIncidentInput,
  incidentIdInput,
  updateIncidentInput,
} from './domain/incident.ts';
import type { IncidentDetail } from './domain/incident.ts';
import { attachFilesInput, incidentFileInput } from './domain/incident-files.ts';
import { bulkChangeInput, undoBulkInput } from './domain/bulk.ts';
import type { BulkOutcome, UndoOutcome } from './domain/bulk.ts';
import { transitionInput } from './domain/lifecycle.ts';
import { priorityMatrixSchema } from './domain/priority.ts';
import type { PriorityMatrix } from './domain/priority.ts';
import { deleteViewInput, queueIdsInput, queuePageInput, reorderViewsInput, saveViewInput } from './domain/queue.ts';
import type { QueuePage, QueueView } from './domain/queue.ts';
import {
  saveAgentInput,
  saveCategoryInput,
  saveContactInput,
  saveGroupInput,
  saveServiceInput,
  searchContactsInput,
} from './domain/reference.ts';
import type { Agent, Category, Contact, Group, Service } from './domain/reference.ts';
import { emailSchema, emptyInput, idSchema, requiredText } from './domain/schemas.ts';
import {
  beginUploadInput,
  importUploadInput,
  inboxListInput,
  logContactInput,
  triageAddInput,
  triageCreateInput,
  triageNoiseInput,
  uploadChunkInput,
} from './domain/intake.ts';
import type {
  AttachmentContent,
  ImportProgress,
  ImportSummary,
  InboundMessage,
  InboxPage,
  MessageHtml,
  TriageSuggestion,
} from './domain/intake.ts';
import { mailboxIdInput, saveMailboxInput, sendTestMailInput, testMailboxInput } from './domain/mailbox.ts';
import { outboxIdInput, outboxListInput, sendReplyInput } from './domain/outbox.ts';
import type { OutgoingMail, ReplyContext } from './domain/outbox.ts';
import type { MailboxSyncOutcome, MailboxTestResult, MailboxView } from './domain/mailbox.ts';
import {
  importHolidaysInput,
  moveSlaPolicyInput,
  saveCalendarInput,
  saveSlaPolicyInput,
  slaListInput,
} from './domain/sla-settings.ts';
import type {
  CalendarView,
  HolidayImportResult,
  IncidentSla,
  SlaListPage,
  SlaPolicyView,
} from './domain/sla-settings.ts';
import { draftKeyInput, preferencesSchema, saveDraftInput } from './domain/workstation.ts';
import type { Draft, Preferences } from './domain/workstation.ts';
import { addHubAgentInput, connectHubInput, issueHubTokenInput } from './domain/sync-status.ts';
import { moveRuleInput, saveRuleInput } from './domain/automation-rules.ts';
import type { RuleListing } from './domain/automation-rules.ts';
import { renderTemplateInput, saveTemplateInput } from './domain/templates.ts';
import type { MailTemplate, RenderedTemplate } from './domain/templates.ts';
import { notifyAffectedInput } from './domain/notices.ts';
import type { NoticeAudience } from './domain/notices.ts';
import type { HubAccount, OverwriteNotice, SyncStatus } from './domain/sync-status.ts';
import { saveGoalInput } from './domain/goals.ts';
import type { Goal } from './domain/goals.ts';
import { kpiSettingsSchema } from './domain/kpi-answer.ts';
import type { KpiReport, KpiSettings } from './domain/kpi-answer.ts';
import { kpiReportInput } from './domain/kpi-query.ts';
import { listNotificationsInput, markReadInput, notificationPreferencesSchema } from './domain/notifications.ts';
import type { NotificationList, NotificationPreferences } from './domain/notifications.ts';

/**
 * The one contract between the renderer and the core (STYLE habit 1). Each entry names its input schema,
 * checked at every boundary, and its answer type. Both hosts' wiring (desktop and browser mode) and the
 * renderer's API are typed from this map, so renaming an entry breaks the build rather than the user.
 */
interface Entry<I extends z.ZodType, O> {
  readonly input: I;
  /** Type-only: never read at run time. */
  readonly output: O;
}

function answers<O>() {
  return <I extends z.ZodType>(input: I): Entry<I, O> => ({ input, output: undefined as O });
}

export interface Session {
  readonly agent: Agent | null;
  readonly workspace: { readonly incidents: number; readonly agents: number };
}

export interface ReferenceData {
  readonly agents: readonly Agent[];
  readonly groups: readonly Group[];
  readonly categories: readonly Category[];
  readonly services: readonly Service[];
  readonly priorityMatrix: PriorityMatrix;
}

export const contract = {
  'session/get': answers<Session>()(emptyInput),
  'session/signIn': answers<Session>()(z.strictObject({ agentId: idSchema })),
  'session/register': answers<Session>()(z.strictObject({ name: requiredText('Name', 120), email: emailSchema })),
  'workspace/createDemo': answers<Session>()(emptyInput),

  'reference/get': answers<ReferenceData>()(emptyInput),
  'agent/save': answers<Agent>()(saveAgentInput),
  'group/save': answers<Group>()(saveGroupInput),
  'contact/save': answers<Contact>()(saveContactInput),
  'contact/search': answers<Contact[]>()(searchContactsInput),
  'contact/get': answers<Contact[]>()(z.strictObject({ ids: z.array(idSchema).min(1).max(200) })),
  'category/save': answers<Category>()(saveCategoryInput),
  'service/save': answers<Service>()(saveServiceInput),
  'priority/saveMatrix': answers<PriorityMatrix>()(priorityMatrixSchema),

  'incident/create': answers<IncidentDetail>()(createIncidentInput),
  'incident/get': answers<IncidentDetail>()(incidentIdInput),
  'incident/update': answers<IncidentDetail>()(updateIncidentInput),
  'incident/assign': answers<IncidentDetail>()(assignIncidentInput),
  'incident/transition': answers<IncidentDetail>()(transitionInput),
  'incident/addNote': answers<IncidentDetail>()(addNoteInput),
  /** Each clock evaluated now, and the policy that applies with why. */
  'incident/sla': answers<IncidentSla>()(incidentIdInput),

  /** Business calendars and SLA policies: supervisors edit them, everyone reads them. */
  'calendar/list': answers<CalendarView[]>()(emptyInput),
  'calendar/save': answers<CalendarView>()(saveCalendarInput),
  'calendar/delete': answers<{ deleted: boolean }>()(z.strictObject({ id: idSchema })),
  /** Holidays from an iCalendar file's text, added to the calendar (a date it has already is renamed). */
  'calendar/importHolidays': answers<HolidayImportResult>()(importHolidaysInput),
  /** In order: the first policy that matches an incident applies. */
  'sla/policies': answers<SlaPolicyView[]>()(emptyInput),
  'sla/savePolicy': answers<SlaPolicyView>()(saveSlaPolicyInput),
  'sla/movePolicy': answers<SlaPolicyView[]>()(moveSlaPolicyInput),
  'sla/deletePolicy': answers<{ deleted: boolean }>()(z.strictObject({ id: idSchema })),
  /** Open incidents with their clocks, most urgent first. */
  'sla/list': answers<SlaListPage>()(slaListInput),
  /** One change to many incidents (a change per incident), undoable for a short while. */
  'incident/bulkChange': answers<BulkOutcome>()(bulkChangeInput),
  'incident/undoBulk': answers<UndoOutcome>()(undoBulkInput),

  'queue/page': answers<QueuePage>()(queuePageInput),
  /** Every incident a filter matches (up to the limit), for "select all in the filter". */
  'queue/ids': answers<{ ids: string[]; total: number }>()(queueIdsInput),
  'queue/views': answers<QueueView[]>()(emptyInput),
  'view/save': answers<QueueView>()(saveViewInput),
  'view/delete': answers<{ deleted: boolean }>()(deleteViewInput),
  /** The agent's own saved views in a new order; answers their saved views as now listed. */
  'view/reorder': answers<QueueView[]>()(reorderViewsInput),

  /** Work not sent yet, kept on this workstation for the signed-in agent until sent or discarded. */
  'draft/get': answers<Draft | null>()(draftKeyInput),
  'draft/save': answers<Draft>()(saveDraftInput),
  'draft/discard': answers<{ discarded: boolean }>()(draftKeyInput),
  /** How the signed-in agent likes their screens on this workstation. */
  'preferences/get': answers<Preferences>()(emptyInput),
  'preferences/save': answers<Preferences>()(preferencesSchema),

  'sync/status': answers<SyncStatus>()(emptyInput),
  'sync/connect': answers<SyncStatus>()(connectHubInput),
  'sync/disconnect': answers<SyncStatus>()(emptyInput),
  'sync/now': answers<SyncStatus>()(emptyInput),
  'sync/notices': answers<OverwriteNotice[]>()(emptyInput),

  'inbox/list': answers<InboxPage>()(inboxListInput),
  'inbox/get': answers<InboundMessage>()(z.strictObject({ id: idSchema })),
  'inbox/html': answers<MessageHtml | null>()(z.strictObject({ id: idSchema })),
  'inbox/attachment': answers<AttachmentContent>()(
    z.strictObject({ id: idSchema, hash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256' }) }),
  ),
  'inbox/suggest': answers<TriageSuggestion>()(z.strictObject({ id: idSchema })),
  'inbox/createIncident': answers<{ incidentIds: string[] }>()(triageCreateInput),
  'inbox/addToIncident': answers<{ incidentId: string }>()(triageAddInput),
  'inbox/markNoise': answers<{ count: number }>()(triageNoiseInput),
  'inbox/restore': answers<{ count: number }>()(triageNoiseInput),
  'intake/logContact': answers<IncidentDetail>()(logContactInput),
  /** Files for import arrive in chunks (IPC and HTTP alike), then are imported as one. */
  'upload/begin': answers<{ uploadId: string }>()(beginUploadInput),
  'upload/chunk': answers<{ received: number }>()(uploadChunkInput),
  'intake/importUpload': answers<ImportSummary>()(importUploadInput),

  /** IMAP mailboxes: settings for supervisors, with how each is doing as seen from this workstation. */
  'mailbox/list': answers<MailboxView[]>()(emptyInput),
  'mailbox/save': answers<MailboxView>()(saveMailboxInput),
  'mailbox/delete': answers<{ deleted: boolean }>()(mailboxIdInput),
  /** Connects, signs in and opens the folder, then answers in words what happened; changes nothing. */
  'mailbox/test': answers<MailboxTestResult>()(testMailboxInput),
  'mailbox/syncNow': answers<MailboxSyncOutcome>()(mailboxIdInput),
  /** Sends a short mail from a saved mailbox's outgoing settings, then answers in words what happened. */
  'mailbox/sendTest': answers<MailboxTestResult>()(sendTestMailInput),

  /** A public reply to the reporter, queued in the outbox and sent by this workstation. */
  'incident/reply': answers<IncidentDetail>()(sendReplyInput),
  /** Outgoing mail, newest first, with its delivery state. */
  'outbox/list': answers<OutgoingMail[]>()(outboxListInput),
  /** Puts mail that was not sent back in the queue, due now. */
  'outbox/retry': answers<OutgoingMail>()(outboxIdInput),

  /** What the composer needs: who a reply goes to, from which mailbox, signed how, and what it would quote. */
  'incident/replyContext': answers<ReplyContext>()(incidentIdInput),
  /** Files the agent uploaded, added to the incident (each an entry on its timeline). */
  'incident/attach': answers<IncidentDetail>()(attachFilesInput),
  /** One file of the incident (added to it or sent with a reply), to save or open; never shown as a page. */
  'incident/attachment': answers<AttachmentContent>()(incidentFileInput),

  /** Automation rules (Settings → Automation): anyone reads them, supervisors change them. */
  'rule/list': answers<RuleListing[]>()(emptyInput),
  'rule/save': answers<RuleListing>()(saveRuleInput),
  'rule/delete': answers<{ deleted: boolean }>()(z.strictObject({ id: idSchema })),
  /** Moves a rule one place earlier or later; answers every rule in its new order. */
  'rule/move': answers<RuleListing[]>()(moveRuleInput),
  /** Mail templates (Settings → Templates); one naming an unknown placeholder is refused. */
  'template/list': answers<MailTemplate[]>()(emptyInput),
  'template/save': answers<MailTemplate>()(saveTemplateInput),
  'template/delete': answers<{ deleted: boolean }>()(z.strictObject({ id: idSchema })),
  /** A template filled in for an incident, as the signed-in agent would send it. */
  'template/render': answers<RenderedTemplate>()(renderTemplateInput),

  /** Service disruption notices: who the incident's affected service tells, and telling them. */
  'incident/noticeAudience': answers<NoticeAudience>()(incidentIdInput),
  'incident/notifyAffected': answers<IncidentDetail>()(notifyAffectedInput),

  /** Team administration on the hub, with this workstation's token (the hub lets admins only). */
  'team/agents': answers<HubAccount[]>()(emptyInput),
  'team/addAgent': answers<HubAccount>()(addHubAgentInput),
  /** The new device token, shown once. */
  'team/issueToken': answers<{ token: string }>()(issueHubTokenInput),

  /** KPIs: the figures for a period and filters (the same for the dashboard and `desk kpi`), and goals. */
  'kpi/report': answers<KpiReport>()(kpiReportInput),
  'kpi/settings': answers<KpiSettings>()(emptyInput),
  'kpi/saveSettings': answers<KpiSettings>()(kpiSettingsSchema),
  'goal/list': answers<Goal[]>()(emptyInput),
  'goal/save': answers<Goal>()(saveGoalInput),
  'goal/delete': answers<{ deleted: boolean }>()(z.strictObject({ id: idSchema })),

  /** The signed-in agent's notifications (the bell), newest first, with how many are unread. */
  'notification/list': answers<NotificationList>()(listNotificationsInput),
  /** Marks some (or all) of the agent's notifications read, on every workstation once synced. */
  'notification/markRead': answers<{ marked: number; unread: number }>()(markReadInput),
  'notification/preferences': answers<NotificationPreferences>()(emptyInput),
  'notification/savePreferences': answers<NotificationPreferences>()(notificationPreferencesSchema),
} as const;

export type Contract = typeof contract;
export type HandlerName = keyof Contract;
export const HANDLER_NAMES = Object.keys(contract) as HandlerName[];

export function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** What a caller sends (before defaults are applied). */
export type HandlerInput<N extends HandlerName> = z.input<Contract[N]['input']>;
/** What a handler receives: the input after its schema has checked and normalised it. */
export type HandlerCommand<N extends HandlerName> = z.output<Contract[N]['input']>;
export type HandlerOutput<N extends HandlerName> = Contract[N]['output'];

/** The core's side: one function per entry, each taking the checked command. */
export type Handlers = { [N in HandlerName]: (command: HandlerCommand<N>) => Promise<HandlerOutput<N>> };

export interface DataChanged {
  readonly incidentIds: readonly string[];
  /** Agents, groups, categories, services, contacts, views or settings changed. */
  readonly reference: boolean;
  /** Inbound messages (the inbox) changed. */
  readonly inbox?: boolean;
  /** Outgoing mail (the outbox, and its delivery states on the listed incidents' timelines) changed. */
  readonly outbox?: boolean;
  /** Notifications or notification preferences changed (the bell reloads). */
  readonly notifications?: boolean;
}

export interface Events {
  'data/changed': DataChanged;
  'sync/state': SyncStatus;
  /** Values this agent set that a later change from someone else replaced. */
  'sync/overwritten': readonly OverwriteNotice[];
  /** How far an import has got, after every batch of messages. */
  'intake/progress': ImportProgress;
}
export const EVENT_NAMES = [
  'data/changed',
  'sync/state',
  'sync/overwritten',
  'intake/progress',
] as const satisfies readonly (keyof Events)[];
export type EventName = keyof Events;

/** How an answer crosses IPC and HTTP: errors as plain data, never as thrown objects. */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DeskErrorData };

/** The bridge each host gives the renderer: the desktop app's, or the browser-mode client. */
export interface DeskBridge {
  invoke(name: HandlerName, input: unknown): Promise<Outcome<unknown>>;
  subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
