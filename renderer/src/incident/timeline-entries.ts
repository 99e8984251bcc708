import { CHANNELS } from '#shared/domain/enums.ts';
import type { Channel } from '#shared/domain/enums.ts';
import { INCIDENT_FIELD_LABELS } from '#shared/domain/incident.ts';
import type { FieldChange, IncidentField, TimelineEvent } from '#shared/domain/incident.ts';
import type { TimelineFile } from '#shared/domain/incident-files.ts';
import { MESSAGE_KIND_LABELS } from '#shared/domain/intake.ts';
import { ACTION_LABELS } from '#shared/domain/lifecycle.ts';
import { isOutboxState, OUTBOX_STATE_LABELS } from '#shared/domain/outbox.ts';
import { formatFieldValue, named } from '../common/field-value.ts';
import { formatFileSize } from '../common/file-size.ts';
import type { NameLookup } from '../common/field-value.ts';

export interface TimelineChangeView {
  readonly field: IncidentField;
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

export interface TimelineEntryView {
  readonly id: string;
  readonly at: string;
  readonly kind: TimelineEvent['type'];
  readonly actor: string;
  /** What happened, after the actor's name: "resolved the incident". */
  readonly headline: string;
  readonly changes: readonly TimelineChangeView[];
  /** The note, or the reason or resolution notes given with an action. */
  readonly body: string | null;
  readonly bodyLabel: string | null;
  /** For a message entry: the message to open, where it came from, and what it is when not a person's. */
  readonly message: {
    readonly id: string;
    readonly channel: Channel | null;
    readonly automatic: string | null;
    readonly subject: string;
    /** The link's words: "Open the call" for a logged call, "Open the email" for an email. */
    readonly openLabel: string;
  } | null;
  /** For a reply: where the mail stands ("Sent", "Not sent") and, when it did not go, why. */
  readonly delivery: { readonly state: string; readonly label: string; readonly error: string | null } | null;
  /** The file an agent added, or the files that went with a reply: each to open or save. */
  readonly files: readonly TimelineFile[];
}

const HEADLINES: Record<string, string> = {
  create: 'created the incident',
  edit: 'updated the incident',
  assign: 'changed the assignment',
  start: 'started work',
  wait: 'set it to waiting on customer',
  resume: 'resumed work',
  resolve: 'resolved the incident',
  close: 'closed the incident',
  cancel: 'cancelled the incident',
  reopen: 'reopened the incident',
  undo: 'undid a change made to several incidents',
};

const BODY_LABELS: Record<string, string> = {
  resolve: 'Resolution notes',
  cancel: 'Reason',
  reopen: 'Reason',
  automation: 'Note',
};

/** Bookkeeping fields the lifecycle sets alongside a status change; the headline already says it. */
const QUIET_FIELDS: ReadonlySet<IncidentField> = new Set([
  'resolvedAt',
  'closedAt',
  'acknowledgedAt',
  'resolutionNotes',
]);

export function describeChange(change: FieldChange, names: NameLookup): TimelineChangeView {
  return {
    field: change.field,
    label: INCIDENT_FIELD_LABELS[change.field] ?? change.field,
    from: formatFieldValue(change.field, change.from, names),
    to: formatFieldValue(change.field, change.to, names),
  };
}

/** What each channel's message is called in a sentence, with its article. */
const MESSAGE_CHANNELS: Record<string, readonly [string, string]> = {
  email: ['an', 'email'],
  phone: ['a', 'call'],
  walk_in: ['a', 'walk-in'],
  monitoring: ['a', 'monitoring alert'],
  web: ['a', 'web form'],
};

/**
 * "email from Grace Obi: Printer offline again" when it arrived by itself (the actor reads "Received");
 * "logged a call from …" or "added an email from …" when an agent put it there.
 */
function messageHeadline(event: TimelineEvent): string {
  const message = event.message;
  if (!message) return 'added a message';
  const [article, what] =
    message.kind === 'message' ? (MESSAGE_CHANNELS[message.channel] ?? ['a', 'message']) : ['an', 'automatic message'];
  const from = message.from ? message.from.name || message.from.address : null;
  const about = `${what}${from ? ` from ${from}` : ''}${message.subject ? `: ${message.subject}` : ''}`;
  if (!event.actorId) return about;
  const logged = message.kind === 'message' && (message.channel === 'phone' || message.channel === 'walk_in');
  return `${logged ? 'logged' : 'added'} ${article} ${about}`;
}

function replyHeadline(event: TimelineEvent): string {
  const reply = event.reply;
  if (!reply) return 'sent a mail';
  const to = reply.to.join(', ') || 'nobody';
  return `${reply.automatic ? 'sent an automatic mail' : 'replied'} to ${to}${reply.subject ? `: ${reply.subject}` : ''}`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "ran “Acknowledgement”: Sent “Acknowledgement” to …" — a rule's firing, in the rule's name. */
function automationHeadline(event: TimelineEvent): string {
  const automation = event.automation;
  if (!automation) return 'acted';
  const outcomes = automation.outcomes.length ? `: ${automation.outcomes.join('; ')}` : '';
  const reason = automation.reason ? ` because ${lowerFirst(automation.reason)}` : '';
  return `rule “${automation.ruleName}”${reason}${outcomes}`;
}

const NOTICE_KINDS: Record<string, string> = {
  notice: 'a disruption notice',
  update: 'a disruption update',
  all_clear: 'the all-clear',
};

function noticeHeadline(event: TimelineEvent): string {
  const notice = event.notice;
  if (!notice) return 'sent a notice';
  const what = NOTICE_KINDS[notice.kind] ?? 'a notice';
  const counts = [
    `${notice.sent} sent`,
    notice.waiting ? `${notice.waiting} waiting` : '',
    notice.failed ? `${notice.failed} not sent` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `sent ${what} to ${notice.recipients} subscriber${notice.recipients === 1 ? '' : 's'} (${counts}): ${notice.subject}`;
}

/** "attached report.pdf (120 KB)". */
function attachmentHeadline(event: TimelineEvent): string {
  const file = event.attachment;
  return file ? `attached ${file.name} (${formatFileSize(file.size)})` : 'attached a file';
}

function delivery(event: TimelineEvent): TimelineEntryView['delivery'] {
  const reply = event.reply;
  if (!reply) return null;
  const label = isOutboxState(reply.state) ? OUTBOX_STATE_LABELS[reply.state] : reply.state;
  return { state: reply.state, label, error: reply.state === 'sent' && !reply.lastError ? null : reply.lastError };
}

export function describeTimelineEvent(event: TimelineEvent, names: NameLookup): TimelineEntryView {
  const actor = event.actorId
    ? named(event.actorId, names.agent, 'agent')
    : event.type === 'message'
      ? 'Received'
      : event.automation
        ? 'Automation'
        : 'System';
  const action = event.type === 'created' ? 'create' : (event.action ?? 'edit');
  const headline =
    event.type === 'note'
      ? 'added an internal note'
      : event.type === 'message'
        ? messageHeadline(event)
        : event.type === 'reply'
          ? replyHeadline(event)
          : event.type === 'notice'
            ? noticeHeadline(event)
            : event.type === 'attachment'
              ? attachmentHeadline(event)
              : event.automation
                ? automationHeadline(event)
                : (HEADLINES[action] ?? (ACTION_LABELS as Record<string, string>)[action] ?? action);
  return {
    id: event.id,
    at: event.at,
    kind: event.type,
    actor,
    headline,
    changes: event.changes.filter((c) => !QUIET_FIELDS.has(c.field)).map((c) => describeChange(c, names)),
    body: event.body,
    bodyLabel:
      event.type === 'note' ||
      event.type === 'message' ||
      event.type === 'reply' ||
      event.type === 'notice' ||
      event.type === 'attachment'
        ? null
        : (BODY_LABELS[action] ?? 'Notes'),
    delivery: delivery(event),
    files: event.attachment ? [event.attachment] : (event.reply?.attachments ?? []),
    message: event.message
      ? {
          id: event.message.id,
          channel: (CHANNELS as readonly string[]).includes(event.message.channel)
            ? (event.message.channel as Channel)
            : null,
          automatic:
            event.message.kind === 'message'
              ? null
              : ((MESSAGE_KIND_LABELS as Record<string, string>)[event.message.kind] ?? null),
          subject: event.message.subject,
          openLabel: `Open the ${event.message.kind === 'message' ? (MESSAGE_CHANNELS[event.message.channel]?.[1] ?? 'message') : 'message'}`,
        }
      : null,
  };
}

/** Oldest first, like a conversation: the composer for the next note sits under the newest entry. */
export function describeTimeline(events: readonly TimelineEvent[], names: NameLookup): TimelineEntryView[] {
  return [...events].sort((a, b) => a.at.localeCompare(b.at)).map((event) => describeTimelineEvent(event, names));
}
