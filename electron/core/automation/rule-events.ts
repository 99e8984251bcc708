import type { Change } from '#shared/change.ts';
import type { IncidentEvent } from '#shared/domain/rule-triggers.ts';
import { isOpenStatus } from '#shared/domain/enums.ts';
import { statusChangeIn } from '#shared/domain/rule-triggers.ts';

interface Payload {
  readonly changes?: readonly { readonly field?: unknown; readonly to?: unknown }[];
  readonly kind?: unknown;
  readonly direction?: unknown;
}

/**
 * The events on incidents that a command's changes record, in the order it recorded them, each named by its
 * timeline entry. Read from the timeline entries alone (what a lifecycle step, an import or a rule writes), so
 * every way of changing an incident sets rules off alike. `created` lists the incidents the whole command made:
 * their first message is the report itself, not the customer replying.
 */
export function incidentEventsIn(changes: readonly Change[], created: ReadonlySet<string>): IncidentEvent[] {
  const events: IncidentEvent[] = [];
  for (const change of changes) {
    if (change.entity !== 'incident' || change.op !== 'append') continue;
    const base = { id: change.id, incidentId: change.entityId };
    const payload = (change.value ?? {}) as Payload;
    switch (change.field) {
      case 'created':
        events.push({ type: 'incident_created', ...base });
        break;
      case 'changed': {
        const status = statusChangeIn({ type: 'changed', payload });
        if (status) events.push({ type: 'status_changed', ...base, from: status.from, to: status.to });
        // Out of resolved or closed and back to work: the customer was not satisfied after all.
        if (status && (status.from === 'resolved' || status.from === 'closed') && isOpenStatus(status.to)) {
          events.push({ type: 'reopened', ...base });
        }
        const assigned = (payload.changes ?? []).some(
          (c) => (c.field === 'assigneeId' || c.field === 'groupId') && c.to !== null && c.to !== undefined,
        );
        if (assigned) events.push({ type: 'assigned', ...base });
        break;
      }
      case 'note':
        events.push({ type: 'note_added', ...base });
        break;
      case 'message':
        if (payload.kind === 'message' && payload.direction !== 'outbound' && !created.has(change.entityId)) {
          events.push({ type: 'customer_replied', ...base });
        }
        break;
    }
  }
  return events;
}

/** The incidents these changes create. */
export function incidentsCreatedIn(changes: readonly Change[]): Set<string> {
  return new Set(
    changes.filter((c) => c.entity === 'incident' && c.op === 'append' && c.field === 'created').map((c) => c.entityId),
  );
}
