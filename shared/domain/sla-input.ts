import { DeskError } from '../errors.ts';
import type { BusinessCalendar } from './calendar.ts';
import type { CompiledCalendar } from './calendar-days.ts';
import { STATUSES } from './enums.ts';
import type { Status } from './enums.ts';
import { MINUTE_MS, parseInstant } from './instant.ts';

/**
 * What an SLA evaluation reads: the format of a case of `sla-cases.json`, with the calendar itself in place of
 * its name, and the desk's own statuses and events beside the reference's.
 */
export const SLA_CLOCKS = ['firstResponse', 'nextUpdate', 'resolution'] as const;
export type SlaClockName = (typeof SLA_CLOCKS)[number];
export const SLA_CLOCK_LABELS: Record<SlaClockName, string> = {
  firstResponse: 'First response',
  nextUpdate: 'Next update',
  resolution: 'Resolution',
};

/** Business minutes each clock may run before it breaches; a clock without a target is not kept. */
export interface SlaTargets {
  readonly firstResponseMinutes?: number;
  readonly nextUpdateMinutes?: number;
  readonly resolutionMinutes?: number;
}
export const TARGET_KEYS = {
  firstResponse: 'firstResponseMinutes',
  nextUpdate: 'nextUpdateMinutes',
  resolution: 'resolutionMinutes',
} as const satisfies Record<SlaClockName, keyof SlaTargets>;

/** The clocks stop in these statuses unless the policy says otherwise. */
export const DEFAULT_PAUSE_STATUSES: readonly Status[] = ['waiting_on_customer', 'resolved', 'closed'];

/**
 * The desk's statuses, and the reference's two words for them: `open` is any running status (read as In
 * progress) and `pending` is waiting on the customer.
 */
export type SlaStatus = Status | 'open' | 'pending';
const REFERENCE_STATUSES: Record<string, Status> = { open: 'in_progress', pending: 'waiting_on_customer' };

/**
 * One thing that happened to the incident, at an instant.
 * - `status`: the incident moved to a status.
 * - `agent_reply`: a public response to the reporter (a reply by mail, a logged call back). Internal notes are
 *   not responses and are not passed in.
 * - `customer_message`: the reporter wrote; starts a next-update cycle unless one is already waiting.
 * - `targets`: the policy was matched again (a priority change, say) and these targets apply from `at` on.
 *   Elapsed time is kept; see `evaluateSla` for how the change is judged.
 */
export type SlaEvent =
  | { readonly at: SlaInstant; readonly type: 'status'; readonly status: SlaStatus }
  | { readonly at: SlaInstant; readonly type: 'agent_reply' }
  | { readonly at: SlaInstant; readonly type: 'customer_message' }
  | { readonly at: SlaInstant; readonly type: 'targets'; readonly targets: SlaTargets };
/**
 * An event's instant: ISO text as in the reference format, or epoch milliseconds, which the desk's own histories
 * use so that a sweep over many incidents does not write each instant out as text only to read it back.
 */
export type SlaInstant = string | number;
export const SLA_EVENT_TYPES = ['status', 'agent_reply', 'customer_message', 'targets'] as const;

export interface SlaInput {
  readonly calendar: BusinessCalendar | CompiledCalendar;
  /** The targets in force from `createdAt` (until a `targets` event, if the history has one). */
  readonly targets: SlaTargets;
  readonly createdAt: string;
  readonly initialStatus: SlaStatus;
  readonly events: readonly SlaEvent[];
  /** The instant to evaluate at; events after it have not happened yet and are not read. */
  readonly now: string;
  readonly pauseStatuses?: readonly Status[];
}

export type TargetsMs = Partial<Record<SlaClockName, number>>;

export type ParsedEvent =
  | { readonly at: number; readonly type: 'status'; readonly status: Status }
  | { readonly at: number; readonly type: 'agent_reply' | 'customer_message' }
  | { readonly at: number; readonly type: 'targets'; readonly targets: TargetsMs };

function invalid(message: string): DeskError {
  return new DeskError('invalid_input', message);
}

export function deskStatus(value: unknown, label: string): Status {
  if (typeof value === 'string') {
    if ((STATUSES as readonly string[]).includes(value)) return value as Status;
    const mapped = REFERENCE_STATUSES[value];
    if (mapped) return mapped;
  }
  throw invalid(
    `${label} ${JSON.stringify(value)} is not a status (one of ${[...STATUSES, 'open', 'pending'].join(', ')}).`,
  );
}

/** Targets in milliseconds; each must be a positive number of minutes. */
export function targetsMs(targets: unknown, label: string): TargetsMs {
  if (!targets || typeof targets !== 'object') throw invalid(`${label} must be an object of target minutes.`);
  const parsed: TargetsMs = {};
  for (const clock of SLA_CLOCKS) {
    const minutes = (targets as Record<string, unknown>)[TARGET_KEYS[clock]];
    if (minutes === undefined || minutes === null) continue;
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) {
      throw invalid(
        `${label}.${TARGET_KEYS[clock]} must be a positive number of minutes, not ${JSON.stringify(minutes)}.`,
      );
    }
    parsed[clock] = Math.round(minutes * MINUTE_MS);
  }
  return parsed;
}

function parseEvent(event: unknown, index: number, createdAt: number): ParsedEvent {
  const label = `events[${index}]`;
  if (!event || typeof event !== 'object') throw invalid(`${label} must be an event object.`);
  const { type, at: atText } = event as Record<string, unknown>;
  // An event stamped before creation (a clock skewed by seconds) happened, as far as the clocks go, at creation.
  const ms = typeof atText === 'number' && Number.isFinite(atText) ? atText : parseInstant(atText, `${label}.at`);
  const at = Math.max(ms, createdAt);
  switch (type) {
    case 'status':
      return { at, type, status: deskStatus((event as { status?: unknown }).status, `${label}.status`) };
    case 'agent_reply':
    case 'customer_message':
      return { at, type };
    case 'targets':
      return { at, type, targets: targetsMs((event as { targets?: unknown }).targets, `${label}.targets`) };
    default:
      throw invalid(`${label}.type ${JSON.stringify(type)} is not one of ${SLA_EVENT_TYPES.join(', ')}.`);
  }
}

/** The events up to `now`, in time order; events at the same instant keep the order they were given in. */
export function parseEvents(events: unknown, createdAt: number, now: number): ParsedEvent[] {
  if (!Array.isArray(events)) throw invalid('events must be a list.');
  const parsed = events.map((event, index) => parseEvent(event, index, createdAt)).filter((event) => event.at <= now);
  // Array sort is stable, so same-instant events stay in the order given.
  return parsed.sort((a, b) => a.at - b.at);
}
