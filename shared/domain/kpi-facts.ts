import { isOpenStatus, STATUSES } from './enums.ts';
import type { Channel, Priority, Status } from './enums.ts';
import { isCustomerMessage, isPublicResponse } from './responses.ts';
import type { StoredTimelineEntry } from './responses.ts';
import type { SlaClockName } from './sla-input.ts';

/**
 * What the KPIs need to know of one incident, worked out once from its fields and its timeline (the synced
 * event history) by this pure function, so every workstation holds the same facts and the dashboard never
 * rescans the history. The write path keeps these facts for every incident a change touches.
 *
 * How the timeline is read:
 * - Status: every `changed` entry that lists a `status` change moves the incident to its new status; the
 *   status it was created in is the first such change's old value (or the status now, when it never changed).
 *   Should the timeline not end in the status the incident has now (a change written without an entry), the
 *   history ends with a move to it at its last entry.
 * - A resolution is a move from an open status into Resolved, or straight into Closed; a reopen is a move from
 *   Resolved or Closed back into an open status. A close is a move into Closed.
 * - The incident is open from when it was reported until it leaves the open statuses, and again from each
 *   reopen: those stretches are what the backlog counts.
 * - First response: the first public response to the reporter (`isPublicResponse`); a follow-up from the
 *   reporter is a customer message (`isCustomerMessage`) after the incident was logged.
 * - Escalation: an `escalated` entry on the timeline, or an escalation rule's firing (isEscalationFiring).
 * - Hand-over: the incident was assigned to more than one agent, or moved between groups.
 * Instants before the incident was reported count as when it was reported.
 */
export interface KpiTimelineEntry extends StoredTimelineEntry {
  /** Epoch milliseconds: the wall time of the entry's clock stamp. */
  readonly at: number;
}

/** The incident's fields as they are now, and its timeline in its own order (clock stamp, device, id). */
export interface KpiIncidentRecord {
  readonly id: string;
  readonly channel: Channel;
  readonly categoryId: string | null;
  readonly serviceId: string | null;
  readonly priority: Priority;
  readonly groupId: string | null;
  readonly assigneeId: string | null;
  readonly status: Status;
  readonly reportedAt: number;
  readonly createdAt: number;
  readonly acknowledgedAt: number | null;
  readonly entries: readonly KpiTimelineEntry[];
}

/**
 * One SLA clock as the KPIs count it: met on time (at the instant it was met), breached (at the instant it
 * breached), or still running towards a breach at `dueAt` should nothing stop it first. A running clock is
 * counted as breached once that instant has passed; a paused or stopped clock that never breached is not counted.
 */
export type KpiClockResult =
  | { readonly outcome: 'met'; readonly at: number }
  | { readonly outcome: 'breached'; readonly at: number }
  | { readonly outcome: 'running'; readonly at: number };
export type KpiSlaResults = { readonly [K in SlaClockName]?: KpiClockResult };

/** A stretch during which the incident was open: from `[0]` (exclusive) to `[1]` (inclusive; null while open). */
export type OpenSpan = readonly [from: number, to: number | null];

export interface IncidentKpiFacts {
  readonly id: string;
  readonly channel: Channel;
  readonly categoryId: string | null;
  readonly serviceId: string | null;
  readonly priority: Priority;
  readonly groupId: string | null;
  readonly assigneeId: string | null;
  readonly reportedAt: number;
  readonly acknowledgedAt: number | null;
  readonly firstResponseAt: number | null;
  /** The latest resolution, whether or not the incident was reopened since. */
  readonly resolvedAt: number | null;
  /** The latest close. */
  readonly closedAt: number | null;
  readonly reopens: number;
  readonly escalations: number;
  /** Never handed over, no follow-up from the reporter, never reopened: resolving it is resolving at first contact. */
  readonly firstContact: boolean;
  readonly openSpans: readonly OpenSpan[];
  readonly sla: KpiSlaResults;
  /** The last instant anything of the incident counts for a figure; null while it is open (see lastActivityOf). */
  readonly activeUntil: number | null;
}

interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

export const isStatus = (value: unknown): value is Status =>
  typeof value === 'string' && (STATUSES as readonly string[]).includes(value);

/** The field changes a `changed` entry lists (an entry of another type lists none). */
export function fieldChangesOf(entry: StoredTimelineEntry): readonly FieldChange[] {
  if (entry.type !== 'changed' || typeof entry.payload !== 'object' || entry.payload === null) return [];
  const changes = (entry.payload as { changes?: unknown }).changes;
  if (!Array.isArray(changes)) return [];
  return changes.filter(
    (c): c is FieldChange => typeof c === 'object' && c !== null && typeof (c as FieldChange).field === 'string',
  );
}

/**
 * The occasions an escalation trigger fires for (escalation-triggers.ts): a service-level clock's cycle and
 * level (`resolution:0:elapsed-75`, `firstResponse:2:after-30`) or an acknowledgement still awaited
 * (`unacknowledged-30`). Other rules fire for an entry's id or a time rule's round, never of these shapes.
 */
const ESCALATION_OCCASION =
  /^(?:(?:firstResponse|nextUpdate|resolution):\d+:(?:elapsed|before|after)-\d+|unacknowledged-\d+)$/;

/**
 * A firing of an escalation rule: the `changed` entry the rules engine writes as "Automation" (see fireRule in
 * the core's automation), for an escalation trigger's occasion.
 */
export function isEscalationFiring(entry: StoredTimelineEntry): boolean {
  if (entry.type !== 'changed' || typeof entry.payload !== 'object' || entry.payload === null) return false;
  const { action, occasion } = entry.payload as { action?: unknown; occasion?: unknown };
  return action === 'automation' && typeof occasion === 'string' && ESCALATION_OCCASION.test(occasion);
}

const isEnded = (status: Status) => status === 'resolved' || status === 'closed';

/** Walks the status history, keeping what the figures count. */
class StatusWalk {
  status: Status;
  resolvedAt: number | null = null;
  closedAt: number | null = null;
  reopens = 0;
  readonly spans: [number, number | null][] = [];

  constructor(initial: Status, reportedAt: number) {
    this.status = initial;
    if (isOpenStatus(initial)) this.spans.push([reportedAt, null]);
  }

  move(to: Status, at: number): void {
    const from = this.status;
    if (from === to) return;
    const wasOpen = isOpenStatus(from);
    const isOpen = isOpenStatus(to);
    if (wasOpen && !isOpen) this.spans.at(-1)![1] = at;
    if (!wasOpen && isOpen) {
      this.spans.push([at, null]);
      if (isEnded(from)) this.reopens += 1;
    }
    if (wasOpen && isEnded(to)) this.resolvedAt = at;
    if (to === 'closed') this.closedAt = at;
    this.status = to;
  }
}

/** The first status change's old value: the status the incident was created in. */
function initialStatus(record: KpiIncidentRecord): Status {
  for (const entry of record.entries) {
    for (const change of fieldChangesOf(entry)) {
      if (change.field === 'status') return isStatus(change.from) ? change.from : record.status;
    }
  }
  return record.status;
}

/** Everyone who had the incident: the first change's old value and every new one; the current one when none. */
function holders(record: KpiIncidentRecord, field: 'assigneeId' | 'groupId'): Set<string> {
  const seen = new Set<string>();
  let changed = false;
  for (const entry of record.entries) {
    for (const change of fieldChangesOf(entry)) {
      if (change.field !== field) continue;
      if (!changed && typeof change.from === 'string') seen.add(change.from);
      changed = true;
      if (typeof change.to === 'string') seen.add(change.to);
    }
  }
  if (!changed && record[field] !== null) seen.add(record[field]);
  return seen;
}

/** The KPI facts of one incident (see the file's comment for how its timeline is read). */
export function incidentKpiFacts(record: KpiIncidentRecord, sla: KpiSlaResults = {}): IncidentKpiFacts {
  const reportedAt = record.reportedAt;
  const walk = new StatusWalk(initialStatus(record), reportedAt);
  let firstResponseAt: number | null = null;
  let followedUp = false;
  let escalations = 0;
  let lastAt = reportedAt;
  for (const entry of record.entries) {
    const at = Math.max(entry.at, reportedAt);
    lastAt = Math.max(lastAt, at);
    for (const change of fieldChangesOf(entry)) {
      if (change.field === 'status' && isStatus(change.to)) walk.move(change.to, at);
    }
    if (firstResponseAt === null && isPublicResponse(entry)) firstResponseAt = at;
    // The message an incident was made from is linked in the same command, at the same instant.
    if (isCustomerMessage(entry) && entry.at > record.createdAt) followedUp = true;
    if (entry.type === 'escalated' || isEscalationFiring(entry)) escalations += 1;
  }
  walk.move(record.status, lastAt);
  const handedOver = holders(record, 'assigneeId').size > 1 || holders(record, 'groupId').size > 1;
  const facts: Omit<IncidentKpiFacts, 'activeUntil'> = {
    id: record.id,
    channel: record.channel,
    categoryId: record.categoryId,
    serviceId: record.serviceId,
    priority: record.priority,
    groupId: record.groupId,
    assigneeId: record.assigneeId,
    reportedAt,
    acknowledgedAt: record.acknowledgedAt === null ? null : Math.max(record.acknowledgedAt, reportedAt),
    firstResponseAt,
    resolvedAt: walk.resolvedAt,
    closedAt: walk.closedAt,
    reopens: walk.reopens,
    escalations,
    firstContact: !handedOver && !followedUp && walk.reopens === 0,
    openSpans: walk.spans,
    sla,
  };
  return { ...facts, activeUntil: lastActivityOf(facts) };
}

/**
 * The last instant at which anything about the incident counts for a figure (a running SLA clock's breach
 * included), or null while it is open: a period that starts after it has nothing of this incident in it.
 */
export function lastActivityOf(
  facts: Pick<
    IncidentKpiFacts,
    'reportedAt' | 'openSpans' | 'acknowledgedAt' | 'firstResponseAt' | 'resolvedAt' | 'closedAt' | 'sla'
  >,
): number | null {
  let last = facts.reportedAt;
  for (const [from, to] of facts.openSpans) {
    if (to === null) return null;
    last = Math.max(last, from, to);
  }
  for (const at of [facts.acknowledgedAt, facts.firstResponseAt, facts.resolvedAt, facts.closedAt]) {
    if (at !== null) last = Math.max(last, at);
  }
  for (const result of Object.values(facts.sla)) last = Math.max(last, result.at);
  return last;
}
