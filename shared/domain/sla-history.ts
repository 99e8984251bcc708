import { STATUSES } from './enums.ts';
import type { Status } from './enums.ts';
import { isCustomerMessage, isPublicResponse } from './responses.ts';
import type { StoredTimelineEntry } from './responses.ts';
import type { SlaEvent } from './sla-input.ts';

/**
 * An incident's timeline as the SLA clocks read it. The store, the incident detail, the sweep and the tests all
 * turn a timeline into clock events through this one function, so they cannot count differently.
 *
 * - Status: every `changed` entry that lists a `status` change moves the clocks to its new status; the status
 *   the incident was created in is the first such change's old value (or the status now, when it never changed).
 * - First response: the first public response to the reporter (`isPublicResponse`).
 * - Next update: a customer message (`isCustomerMessage`) after the first public response starts a wait for the
 *   next one. Messages before the first response do not: the report itself and any "any news?" before anyone
 *   answered are what the first-response clock is already timing, and counting them twice would make a
 *   next-update target shorter than the first-response one breach before the first answer was even due.
 * - Internal notes and field edits other than the status are not responses and move no clock.
 */
export interface SlaTimelineEntry extends StoredTimelineEntry {
  /** Epoch milliseconds: the wall time of the entry's clock stamp. */
  readonly at: number;
}

export interface SlaHistory {
  readonly initialStatus: Status;
  /** Instants in epoch milliseconds. */
  readonly events: readonly SlaEvent[];
  /** The instant of the last entry (or the creation): after it, only time passes. */
  readonly endsAt: number;
}

const isStatus = (value: unknown): value is Status =>
  typeof value === 'string' && (STATUSES as readonly string[]).includes(value);

/** The status change a `changed` entry records, if it records one. */
export function statusChangeOf(entry: StoredTimelineEntry): { from: unknown; to: Status } | null {
  if (entry.type !== 'changed' || typeof entry.payload !== 'object' || entry.payload === null) return null;
  const changes = (entry.payload as { changes?: unknown }).changes;
  if (!Array.isArray(changes)) return null;
  for (const change of changes as { field?: unknown; from?: unknown; to?: unknown }[]) {
    if (change?.field === 'status' && isStatus(change.to)) return { from: change.from, to: change.to };
  }
  return null;
}

/**
 * The clock events of a timeline given in its own order (clock stamp, device, id). `currentStatus` is the
 * incident's status now; should the timeline not end in it (a change written without an entry), the history
 * ends with a move to it, so the clocks always agree with the status the queue shows.
 */
export function slaHistory(createdAt: number, currentStatus: Status, entries: readonly SlaTimelineEntry[]): SlaHistory {
  const events: SlaEvent[] = [];
  let initialStatus: Status | null = null;
  let lastStatus: Status | null = null;
  let responded = false;
  let endsAt = createdAt;
  for (const entry of entries) {
    const at = Math.max(entry.at, createdAt);
    const change = statusChangeOf(entry);
    if (change) {
      initialStatus ??= isStatus(change.from) ? change.from : change.to;
      lastStatus = change.to;
      events.push({ at, type: 'status', status: change.to });
    } else if (isPublicResponse(entry)) {
      responded = true;
      events.push({ at, type: 'agent_reply' });
    } else if (isCustomerMessage(entry)) {
      if (responded) events.push({ at, type: 'customer_message' });
    } else continue;
    endsAt = Math.max(endsAt, at);
  }
  if (lastStatus !== null && lastStatus !== currentStatus) {
    events.push({ at: endsAt, type: 'status', status: currentStatus });
  }
  return { initialStatus: initialStatus ?? currentStatus, events, endsAt };
}
