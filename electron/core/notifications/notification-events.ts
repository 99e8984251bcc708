import type { Change } from '#shared/change.ts';
import type { Incident } from '#shared/domain/incident.ts';
import type { NotificationEvent } from '#shared/domain/notifications.ts';
import { incidentEventsIn, incidentsCreatedIn } from '#core/automation/rule-events.ts';
import { findIncident } from '#core/incidents/incident.repository.ts';
import { listAgents } from '#core/reference/reference.repository.ts';
import type { ChangeRecorder, Db } from '#core/store/store.ts';
import { notifyAgents } from './notification.service.ts';

interface ChangedPayload {
  readonly changes?: readonly { readonly field?: unknown; readonly to?: unknown }[];
}

/** The agent a `changed` entry assigns the incident to, if it does. */
function assignedTo(change: Change): string | null {
  const payload = (change.value ?? {}) as ChangedPayload;
  const assignee = (payload.changes ?? []).find((c) => c.field === 'assigneeId');
  return typeof assignee?.to === 'string' ? assignee.to : null;
}

interface Notice {
  readonly event: NotificationEvent;
  readonly incidentId: string;
  readonly occasion: string;
  readonly to: (incident: Incident) => Promise<string[]>;
  readonly text: string;
}

/**
 * Notifications for what a local command did (assigned to me, a new incident in my group, the customer
 * replied on my incident), written in the command's transaction after the rules have acted, on the
 * workstation that made the change, like the event rules and for the same reasons: never missed, never twice.
 * The occasion is the timeline entry, so two workstations importing the same mail tell an agent once. An agent
 * is not told of what they did themselves.
 */
export async function notifyOfCommand(db: Db, recorder: ChangeRecorder): Promise<void> {
  const created = incidentsCreatedIn(recorder.changes);
  const notices: Notice[] = [];
  const groupMembers = async (incident: Incident) =>
    incident.groupId
      ? (await listAgents(db)).filter((a) => a.active && a.groupIds.includes(incident.groupId!)).map((a) => a.id)
      : [];
  for (const event of incidentEventsIn(recorder.changes, created)) {
    const base = { incidentId: event.incidentId, occasion: event.id };
    if (event.type === 'incident_created') {
      notices.push({ ...base, event: 'new_in_my_group', to: groupMembers, text: 'New incident in your group' });
    } else if (event.type === 'customer_replied') {
      const to = async (incident: Incident) => (incident.assigneeId ? [incident.assigneeId] : []);
      notices.push({ ...base, event: 'customer_replied', to, text: 'The customer replied' });
    }
  }
  for (const change of recorder.changes) {
    if (change.entity !== 'incident' || change.op !== 'append' || change.field !== 'changed') continue;
    const agentId = assignedTo(change);
    if (!agentId) continue;
    const text =
      (change.value as { action?: unknown }).action === 'automation' ? 'Assigned to you by a rule' : 'Assigned to you';
    notices.push({
      event: 'assigned_to_me',
      incidentId: change.entityId,
      occasion: change.id,
      to: async () => [agentId],
      text,
    });
  }
  if (!notices.length) return;
  await recorder.flush();
  for (const notice of notices) {
    const incident = await findIncident(db, notice.incidentId);
    if (!incident) continue;
    const agents = (await notice.to(incident)).filter((id) => id !== recorder.actor);
    await notifyAgents(db, recorder, agents, {
      event: notice.event,
      incident,
      occasion: `${notice.event}:${notice.occasion}`,
      text: notice.text,
    });
  }
}
