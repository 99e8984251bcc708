import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import type { KpiIncidentRecord, KpiTimelineEntry } from '#shared/domain/kpi-facts.ts';

/**
 * Small incident histories for the KPI tests, written the way the desk writes its timeline: `changed` entries
 * listing field changes, `message` and `reply` entries, `escalated` entries.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Monday 2 March 2026, 00:00 UTC. */
export const MONDAY = Date.UTC(2026, 2, 2);

export const AGENT_A = '0190f000-0000-7000-8000-00000000000a';
export const AGENT_B = '0190f000-0000-7000-8000-00000000000b';
export const GROUP_1 = '0190f000-0000-7000-8000-000000000001';
export const GROUP_2 = '0190f000-0000-7000-8000-000000000002';

export function changed(at: number, ...changes: [field: string, from: unknown, to: unknown][]): KpiTimelineEntry {
  return {
    at,
    type: 'changed',
    payload: { action: 'edit', changes: changes.map(([field, from, to]) => ({ field, from, to })) },
  };
}

/** The lifecycle's status moves as `changed` entries: `moves(t0, ['new','assigned',10], …)`. */
export function statusMoves(...moves: [from: Status, to: Status, at: number][]): KpiTimelineEntry[] {
  return moves.map(([from, to, at]) => changed(at, ['status', from, to]));
}

export const reply = (at: number, automatic = false): KpiTimelineEntry => ({
  at,
  type: 'reply',
  payload: { automatic, to: ['ann@corp.example'], subject: 'Re: printer' },
});
export const callBack = (at: number): KpiTimelineEntry => ({
  at,
  type: 'message',
  payload: { kind: 'message', channel: 'phone', direction: 'outbound' },
});
export const customerMessage = (at: number): KpiTimelineEntry => ({
  at,
  type: 'message',
  payload: { kind: 'message', channel: 'email', subject: 'Any news?' },
});
export const escalation = (at: number): KpiTimelineEntry => ({ at, type: 'escalated', payload: { level: 1 } });
/** An automation rule's firing as the rules engine writes it (fireRule): a `changed` entry by "Automation". */
export const ruleFiring = (at: number, occasion: string, reason?: string): KpiTimelineEntry => ({
  at,
  type: 'changed',
  payload: {
    action: 'automation',
    rule: { id: '0190f000-0000-7000-8000-0000000000r1', name: 'Escalate' },
    occasion,
    changes: [],
    outcomes: ['Notified Sam Supervisor'],
    ...(reason ? { reason } : {}),
  },
});
export const note = (at: number): KpiTimelineEntry => ({ at, type: 'note', payload: { body: 'Checked the cable.' } });

export interface RecordOptions {
  readonly id?: string;
  readonly reportedAt: number;
  readonly createdAt?: number;
  readonly status: Status;
  readonly entries?: readonly KpiTimelineEntry[];
  readonly assigneeId?: string | null;
  readonly groupId?: string | null;
  readonly channel?: Channel;
  readonly categoryId?: string | null;
  readonly serviceId?: string | null;
  readonly priority?: Priority;
  readonly acknowledgedAt?: number | null;
}

let serial = 0;

export function record(options: RecordOptions): KpiIncidentRecord {
  serial += 1;
  return {
    id: options.id ?? `0190f000-0000-7000-8000-${String(serial).padStart(12, '0')}`,
    channel: options.channel ?? 'email',
    categoryId: options.categoryId ?? null,
    serviceId: options.serviceId ?? null,
    priority: options.priority ?? 3,
    groupId: options.groupId ?? null,
    assigneeId: options.assigneeId ?? null,
    status: options.status,
    reportedAt: options.reportedAt,
    createdAt: options.createdAt ?? options.reportedAt,
    acknowledgedAt: options.acknowledgedAt ?? null,
    entries: options.entries ?? [],
  };
}
