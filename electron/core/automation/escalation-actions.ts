import { DeskError } from '#shared/errors.ts';
import type { Incident } from '#shared/domain/incident.ts';
import type { NotifyAction, RaisePriorityAction } from '#shared/domain/escalation-actions.ts';
import type { RuleAction } from '#shared/domain/rule-actions.ts';
import { notifyAgents } from '#core/notifications/notification.service.ts';
import { listAgents } from '#core/reference/reference.repository.ts';
import type { Db } from '#core/store/store.ts';
import type { ActionContext, ActionPlan } from './action-plan.ts';

type SendTemplate = (
  context: ActionContext,
  action: Extract<RuleAction, { type: 'send_template' }>,
) => Promise<ActionPlan>;

/** The agents an escalation tells: the assignee, the group's members, the supervisors, or chosen agents. */
async function notifyRecipients(db: Db, incident: Incident, action: NotifyAction) {
  const agents = (await listAgents(db)).filter((agent) => agent.active);
  switch (action.to) {
    case 'assignee': {
      const assignee = agents.find((agent) => agent.id === incident.assigneeId);
      if (!assignee) throw new DeskError('invalid_input', 'nobody is assigned');
      return [assignee];
    }
    case 'group':
      if (!incident.groupId) throw new DeskError('invalid_input', 'the incident has no group');
      return agents.filter((agent) => agent.groupIds.includes(incident.groupId!));
    case 'supervisors':
      return agents.filter((agent) => agent.role === 'supervisor');
    case 'agents':
      return agents.filter((agent) => action.agentIds.includes(agent.id));
  }
}

/**
 * Hierarchical escalation: a notification ("escalated to me") for each agent it names, and with a template, a
 * mail to each as well (through the same path as a rule's template, loop guards included). The notification's
 * occasion is the firing, so a firing repeated by another workstation tells nobody twice.
 */
export function notifyRunner(sendTemplate: SendTemplate) {
  return async (context: ActionContext, action: NotifyAction): Promise<ActionPlan> => {
    const { db, incident, rule, firingId, index } = context;
    const agents = await notifyRecipients(db, incident, action);
    if (!agents.length) throw new DeskError('invalid_input', 'nobody to notify');
    const names = agents.map((agent) => agent.name).join(', ');
    const mail = action.templateId
      ? await sendTemplate(context, {
          type: 'send_template',
          templateId: action.templateId,
          to: 'agents',
          agentIds: agents.map((agent) => agent.id),
        })
      : null;
    return {
      outcome: `Notified ${names}${mail?.outcome ? `; ${mail.outcome}` : ''}`,
      effect: async (recorder) => {
        await notifyAgents(
          db,
          recorder,
          agents.map((agent) => agent.id),
          {
            event: 'escalated_to_me',
            incident,
            occasion: `escalated:${firingId}:${index}`,
            text: `Escalated by the rule “${rule.name}”`,
          },
        );
        await mail?.effect?.(recorder);
      },
    };
  };
}

/** Raises the priority with an override naming the rule (an override always says why); never lowers it. */
export async function raisePriority(
  { incident, rule }: ActionContext,
  action: RaisePriorityAction,
): Promise<ActionPlan> {
  if (incident.status === 'closed' || incident.status === 'cancelled') {
    throw new DeskError('invalid_transition', 'the incident has ended');
  }
  if (incident.priority <= action.to) return { outcome: `The priority was ${incident.priority} already` };
  return {
    fields: {
      priority: action.to,
      priorityOverride: { priority: action.to, reason: `Escalated by the rule “${rule.name}”` },
    },
  };
}
