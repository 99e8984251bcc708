import { z } from 'zod';
import { PRIORITY_LABELS } from './enums.ts';
import type { RuleNames } from './rule-conditions.ts';
import { idSchema } from './schemas.ts';

/**
 * Escalation actions (DESIGN §6), members of the rules engine's action union (rule-actions.ts): hierarchical
 * escalation tells people (the assignee, the group, the supervisors, chosen agents) by a notification and, when a
 * template is chosen, by mail; functional escalation reassigns to another group (the `assign` action); raising
 * the priority sets an override that carries the rule's name as its reason.
 */
export const NOTIFY_TARGETS = {
  assignee: 'the assignee',
  group: 'the incident’s group',
  supervisors: 'the supervisors',
  agents: 'chosen agents',
} as const;
export type NotifyTarget = keyof typeof NOTIFY_TARGETS;
const NOTIFY_TARGET_NAMES = Object.keys(NOTIFY_TARGETS) as [NotifyTarget, ...NotifyTarget[]];

export const notifyAction = z
  .strictObject({
    type: z.literal('notify'),
    to: z.enum(NOTIFY_TARGET_NAMES),
    agentIds: z.array(idSchema).max(50).default([]),
    /** Also by mail, with this template; null for the notification alone. */
    templateId: idSchema.nullable().default(null),
  })
  .refine((action) => action.to !== 'agents' || action.agentIds.length > 0, {
    message: 'choose the agents to notify',
    path: ['agentIds'],
  });

/** Raises the priority to at least this one (1 is the highest); an incident already there is left alone. */
export const raisePriorityAction = z.strictObject({
  type: z.literal('raise_priority'),
  to: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
});

export type NotifyAction = z.output<typeof notifyAction>;
export type RaisePriorityAction = z.output<typeof raisePriorityAction>;

export function describeEscalationAction(action: NotifyAction | RaisePriorityAction, names: RuleNames): string {
  if (action.type === 'raise_priority') return `Raise the priority to ${action.to} - ${PRIORITY_LABELS[action.to]}`;
  const who =
    action.to === 'agents' ? action.agentIds.map((id) => names.agent(id)).join(', ') : NOTIFY_TARGETS[action.to];
  return `Notify ${who}${action.templateId ? ` (and mail “${names.template(action.templateId)}”)` : ''}`;
}

/** What the rule editor offers for each escalation action: its label and its fields. */
export const ESCALATION_ACTION_FIELDS = {
  notify: {
    label: 'Notify people',
    fields: { to: 'Who', agentIds: 'Agents', templateId: 'Also by mail, with the template' },
  },
  raise_priority: { label: 'Raise the priority', fields: { to: 'To at least' } },
} as const;
