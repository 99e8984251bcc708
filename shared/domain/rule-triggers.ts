import { z } from 'zod';
import { addBusinessMinutes } from './business-time.ts';
import type { CalendarLike } from './business-time.ts';
import { channel as channelEnum, CHANNELS, status as statusEnum, STATUSES } from './enums.ts';
import type { Status } from './enums.ts';
import type { RuleIncident } from './rule-conditions.ts';
import {
  describeEscalationTrigger,
  reopenedTrigger,
  slaAfterDueTrigger,
  slaBeforeDueTrigger,
  slaElapsedTrigger,
  slaTriggerDue,
  unacknowledgedDue,
  unacknowledgedTrigger,
} from './escalation-triggers.ts';
import type { SlaInput } from './sla.ts';

/**
 * What starts a rule (DESIGN §6): an event on an incident, or time passing after one while the incident is
 * still as it was. Triggers are a tagged union with one definition each in TRIGGERS below; the service-level
 * work adds its own (a share of a target elapsed, before or after due, unacknowledged for N minutes, reopened)
 * by adding a member to the union and a definition to the registry, and the engine needs nothing else.
 */
export const EVENT_TRIGGER_TYPES = [
  'incident_created',
  'status_changed',
  'assigned',
  'customer_replied',
  'note_added',
  'reopened',
] as const;
export type EventTriggerType = (typeof EVENT_TRIGGER_TYPES)[number];

export const TIME_TRIGGER_TYPES = [
  'time_in_status',
  'time_since_created',
  'sla_elapsed',
  'sla_before_due',
  'sla_after_due',
  'unacknowledged',
] as const;
export type TimeTriggerType = (typeof TIME_TRIGGER_TYPES)[number];

/** A year: the longest wait a time rule may name. */
export const MAX_TRIGGER_MINUTES = 366 * 24 * 60;

const minutesSchema = z
  .number()
  .int({ message: 'must be a whole number of minutes' })
  .min(1, { message: 'must be at least a minute' })
  .max(MAX_TRIGGER_MINUTES, { message: 'must be at most a year' });

export const triggerSchema = z.discriminatedUnion('type', [
  /** A new incident; from any channel when `channels` is empty. */
  z.strictObject({ type: z.literal('incident_created'), channels: z.array(channelEnum.schema).max(CHANNELS.length) }),
  /** The status moved; to any status when `to` is empty. */
  z.strictObject({ type: z.literal('status_changed'), to: z.array(statusEnum.schema).max(STATUSES.length) }),
  z.strictObject({ type: z.literal('assigned') }),
  z.strictObject({ type: z.literal('customer_replied') }),
  z.strictObject({ type: z.literal('note_added') }),
  /** The incident has been in `status` this many business minutes (and still is). */
  z.strictObject({ type: z.literal('time_in_status'), status: statusEnum.schema, minutes: minutesSchema }),
  z.strictObject({ type: z.literal('time_since_created'), minutes: minutesSchema }),
  // Escalation (escalation-triggers.ts): service-level clocks, acknowledgement, reopening.
  slaElapsedTrigger,
  slaBeforeDueTrigger,
  slaAfterDueTrigger,
  unacknowledgedTrigger,
  reopenedTrigger,
]);
export type RuleTrigger = z.output<typeof triggerSchema>;
export type RuleTriggerType = RuleTrigger['type'];
type TriggerOf<T extends RuleTriggerType> = Extract<RuleTrigger, { type: T }>;

export function isTimeTrigger(trigger: RuleTrigger): trigger is Extract<RuleTrigger, { type: TimeTriggerType }> {
  return (TIME_TRIGGER_TYPES as readonly string[]).includes(trigger.type);
}

/**
 * Something that happened to an incident, as the rules engine reads it from a command's changes. `id` is the
 * timeline entry that records it: it names the occasion, so a rule fires once for it however often it is seen.
 */
export type IncidentEvent =
  | { readonly type: 'incident_created'; readonly id: string; readonly incidentId: string }
  | {
      readonly type: 'status_changed';
      readonly id: string;
      readonly incidentId: string;
      readonly from: Status | null;
      readonly to: Status;
    }
  | { readonly type: 'assigned'; readonly id: string; readonly incidentId: string }
  | { readonly type: 'customer_replied'; readonly id: string; readonly incidentId: string }
  | { readonly type: 'note_added'; readonly id: string; readonly incidentId: string }
  | { readonly type: 'reopened'; readonly id: string; readonly incidentId: string };

/** A timeline entry as a time trigger reads it: what it is, its payload, and when (epoch milliseconds). */
export interface TriggerHistoryEntry {
  readonly id: string;
  readonly at: number;
  readonly type: string;
  readonly payload: unknown;
}

export interface TriggerHistory {
  readonly incident: RuleIncident;
  /** The incident's timeline, oldest first. */
  readonly entries: readonly TriggerHistoryEntry[];
}

/** When a time trigger falls due for an incident, and the occasion it is due for. */
export interface TriggerDue {
  readonly at: string;
  /** Names this round: a rule fires once per incident and occasion (a second wait starts a new one). */
  readonly occasion: string;
}

export interface TriggerContext {
  /** The business calendar durations are counted in (24×7 until calendars are team data). */
  readonly calendar: CalendarLike;
  /**
   * The incident's service-level clocks as evaluateSla reads them (its policy's calendar and targets and its
   * history), or null without a policy; the escalation triggers measure these. Absent where no rule needs it.
   */
  readonly sla?: SlaInput | null;
}

interface EventDefinition<T extends RuleTriggerType> {
  readonly kind: 'event';
  readonly label: string;
  matches(trigger: TriggerOf<T>, event: IncidentEvent, incident: RuleIncident): boolean;
  describe(trigger: TriggerOf<T>): string;
}

interface TimeDefinition<T extends RuleTriggerType> {
  readonly kind: 'time';
  readonly label: string;
  /** The instant this incident becomes due and its occasion; null when it is not (or no longer) on its way. */
  due(trigger: TriggerOf<T>, history: TriggerHistory, context: TriggerContext): TriggerDue | null;
  describe(trigger: TriggerOf<T>): string;
}

type Definition<T extends RuleTriggerType> = EventDefinition<T> | TimeDefinition<T>;

const isStatus = (value: unknown): value is Status =>
  typeof value === 'string' && (STATUSES as readonly string[]).includes(value);

/** The status change a `changed` entry records (lifecycle steps and rules alike write it there), if any. */
export function statusChangeIn(entry: Pick<TriggerHistoryEntry, 'type' | 'payload'>): {
  from: Status | null;
  to: Status;
} | null {
  if (entry.type !== 'changed' || typeof entry.payload !== 'object' || entry.payload === null) return null;
  const changes = (entry.payload as { changes?: unknown }).changes;
  if (!Array.isArray(changes)) return null;
  for (const change of changes as { field?: unknown; from?: unknown; to?: unknown }[]) {
    if (change?.field === 'status' && isStatus(change.to)) {
      return { from: isStatus(change.from) ? change.from : null, to: change.to };
    }
  }
  return null;
}

/** The entry at which the incident last entered `status`: the change to it, or its creation when it began so. */
export function enteredStatus(history: TriggerHistory, status: Status): TriggerHistoryEntry | null {
  if (history.incident.status !== status) return null;
  let created: TriggerHistoryEntry | null = null;
  let firstFrom: Status | null | undefined;
  for (let i = history.entries.length - 1; i >= 0; i--) {
    const entry = history.entries[i]!;
    const change = statusChangeIn(entry);
    if (change?.to === status) return entry;
    if (change) firstFrom = change.from;
    if (entry.type === 'created') created = entry;
  }
  // Never changed to it: it began in it, if the first change (if any) moved away from it.
  return firstFrom === undefined || firstFrom === status ? created : null;
}

const names = (values: readonly string[], labels: Record<string, string>, none: string) =>
  values.length ? values.map((value) => labels[value] ?? value).join(' or ') : none;

export function describeDuration(minutes: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes % 1440 === 0) return unit(minutes / 1440, 'day');
  if (minutes % 60 === 0) return unit(minutes / 60, 'hour');
  return unit(minutes, 'minute');
}

function dueAfter(entry: TriggerHistoryEntry | null, minutes: number, context: TriggerContext): TriggerDue | null {
  if (!entry) return null;
  // As toISOString writes it (milliseconds included): the sweep compares instants as text.
  const at = new Date(addBusinessMinutes(context.calendar, new Date(entry.at).toISOString(), minutes)).toISOString();
  return { at, occasion: entry.id };
}

/** The registry: each trigger's meaning, in one place. */
export const TRIGGERS: { readonly [T in RuleTriggerType]: Definition<T> } = {
  incident_created: {
    kind: 'event',
    label: 'An incident is created',
    matches: (trigger, event, incident) =>
      event.type === 'incident_created' && (!trigger.channels.length || trigger.channels.includes(incident.channel)),
    describe: (trigger) =>
      `An incident is created${trigger.channels.length ? ` from ${names(trigger.channels, channelEnum.labels, '')}` : ''}`,
  },
  status_changed: {
    kind: 'event',
    label: 'The status changes',
    matches: (trigger, event) =>
      event.type === 'status_changed' && (!trigger.to.length || trigger.to.includes(event.to)),
    describe: (trigger) =>
      trigger.to.length ? `The status becomes ${names(trigger.to, statusEnum.labels, '')}` : 'The status changes',
  },
  assigned: {
    kind: 'event',
    label: 'The incident is assigned',
    matches: (_trigger, event) => event.type === 'assigned',
    describe: () => 'The incident is assigned (agent or group)',
  },
  customer_replied: {
    kind: 'event',
    label: 'The customer replies',
    matches: (_trigger, event) => event.type === 'customer_replied',
    describe: () => 'The customer replies',
  },
  note_added: {
    kind: 'event',
    label: 'An internal note is added',
    matches: (_trigger, event) => event.type === 'note_added',
    describe: () => 'An internal note is added',
  },
  time_in_status: {
    kind: 'time',
    label: 'Time in a status',
    due: (trigger, history, context) => dueAfter(enteredStatus(history, trigger.status), trigger.minutes, context),
    describe: (trigger) =>
      `${describeDuration(trigger.minutes)} in ${statusEnum.labels[trigger.status]} (and still there)`,
  },
  time_since_created: {
    kind: 'time',
    label: 'Time since it was created',
    due: (trigger, history, context) =>
      dueAfter(history.entries.find((entry) => entry.type === 'created') ?? null, trigger.minutes, context),
    describe: (trigger) => `${describeDuration(trigger.minutes)} after it was created`,
  },
  reopened: {
    kind: 'event',
    label: 'The incident is reopened',
    matches: (_trigger, event) => event.type === 'reopened',
    describe: () => 'The incident is reopened',
  },
  sla_elapsed: {
    kind: 'time',
    label: 'A share of a service-level target has elapsed',
    due: (trigger, _history, context) => slaTriggerDue(trigger, context.sla ?? null),
    describe: describeEscalationTrigger,
  },
  sla_before_due: {
    kind: 'time',
    label: 'Before a service-level target is due',
    due: (trigger, _history, context) => slaTriggerDue(trigger, context.sla ?? null),
    describe: describeEscalationTrigger,
  },
  sla_after_due: {
    kind: 'time',
    label: 'After a service-level target was due',
    due: (trigger, _history, context) => slaTriggerDue(trigger, context.sla ?? null),
    describe: describeEscalationTrigger,
  },
  unacknowledged: {
    kind: 'time',
    label: 'Not acknowledged for a time',
    // Counted in the calendar of the incident's service level where it has one.
    due: (trigger, history, context) =>
      unacknowledgedDue(trigger, history.incident, context.sla?.calendar ?? context.calendar),
    describe: describeEscalationTrigger,
  },
};

export function triggerMatches(trigger: RuleTrigger, event: IncidentEvent, incident: RuleIncident): boolean {
  const definition = TRIGGERS[trigger.type] as Definition<RuleTriggerType>;
  return definition.kind === 'event' && definition.matches(trigger as never, event, incident);
}

export function triggerDue(trigger: RuleTrigger, history: TriggerHistory, context: TriggerContext): TriggerDue | null {
  const definition = TRIGGERS[trigger.type] as Definition<RuleTriggerType>;
  return definition.kind === 'time' ? definition.due(trigger as never, history, context) : null;
}

export function describeTrigger(trigger: RuleTrigger): string {
  return (TRIGGERS[trigger.type] as Definition<RuleTriggerType>).describe(trigger as never);
}
