import { z } from 'zod';
import { LEVEL_LABELS, levelSchema, resolutionCode as resolutionCodeEnum } from './enums.ts';
import type { RuleNames } from './rule-conditions.ts';
import { idSchema, requiredText } from './schemas.ts';
import { templateProblems } from './templates.ts';
import { describeEscalationAction, notifyAction, raisePriorityAction } from './escalation-actions.ts';

/**
 * What a rule does (DESIGN §6), a tagged union like the triggers: the core keeps one runner per type
 * (core/automation/rule-actions.ts), so the escalation actions of the service-level work (notify a supervisor,
 * raise the priority) are a member here and a runner there.
 */
export const SETTABLE_FIELDS = {
  categoryId: 'Category',
  serviceId: 'Affected service',
  impact: 'Impact',
  urgency: 'Urgency',
} as const;
export type SettableField = keyof typeof SETTABLE_FIELDS;

/** Who a template goes to: the reporter, or agents (the assignee, everyone in the incident's group, or named ones). */
export const MAIL_RECIPIENTS = {
  reporter: 'the reporter',
  assignee: 'the assignee',
  group: 'the incident’s group',
  agents: 'chosen agents',
} as const;
export type MailRecipient = keyof typeof MAIL_RECIPIENTS;

const withKnownPlaceholders = (label: string) =>
  requiredText(label, 20_000).superRefine((text, context) => {
    for (const problem of templateProblems(text)) context.addIssue({ code: 'custom', message: problem.message });
  });

export const actionSchema = z.discriminatedUnion('type', [
  z
    .strictObject({
      type: z.literal('set_field'),
      field: z.enum(['categoryId', 'serviceId', 'impact', 'urgency']),
      value: z.union([idSchema, levelSchema]).nullable(),
    })
    .refine(
      (action) =>
        action.field === 'impact' || action.field === 'urgency'
          ? typeof action.value === 'number'
          : typeof action.value === 'string' || action.value === null,
      { message: 'impact and urgency take a level (1 to 3); category and service an id, or none', path: ['value'] },
    ),
  /** Either or both: an agent (null takes the incident off whoever has it) and a group. */
  z
    .strictObject({
      type: z.literal('assign'),
      agentId: idSchema.nullable().optional(),
      groupId: idSchema.nullable().optional(),
    })
    .refine((action) => action.agentId !== undefined || action.groupId !== undefined, {
      message: 'name an agent, a group, or both',
    }),
  z.strictObject({ type: z.literal('add_tag'), tag: z.string().trim().min(1, { message: 'name the tag' }).max(40) }),
  /** An internal note; placeholders are filled in. */
  z.strictObject({ type: z.literal('add_note'), text: withKnownPlaceholders('Note') }),
  z
    .strictObject({
      type: z.literal('send_template'),
      templateId: idSchema,
      to: z.enum(['reporter', 'assignee', 'group', 'agents']),
      agentIds: z.array(idSchema).max(50).default([]),
    })
    .refine((action) => action.to !== 'agents' || action.agentIds.length > 0, {
      message: 'choose the agents it goes to',
      path: ['agentIds'],
    }),
  /** Resolves the incident, as an agent would: the cause and the notes are the documentation it requires. */
  z.strictObject({
    type: z.literal('resolve'),
    resolutionCode: resolutionCodeEnum.schema,
    cause: withKnownPlaceholders('Cause'),
    notes: withKnownPlaceholders('Resolution notes'),
  }),
  // Escalation (escalation-actions.ts): tell people, raise the priority. Reassigning is `assign` with a group.
  notifyAction,
  raisePriorityAction,
]);
export type RuleAction = z.output<typeof actionSchema>;
export type RuleActionType = RuleAction['type'];

export function describeAction(action: RuleAction, names: RuleNames): string {
  switch (action.type) {
    case 'set_field': {
      const field = SETTABLE_FIELDS[action.field];
      if (action.value === null) return `Clear ${field.toLowerCase()}`;
      const value =
        action.field === 'categoryId'
          ? names.category(String(action.value))
          : action.field === 'serviceId'
            ? names.service(String(action.value))
            : LEVEL_LABELS[action.value as keyof typeof LEVEL_LABELS];
      return `Set ${field.toLowerCase()} to ${value}`;
    }
    case 'assign': {
      const parts: string[] = [];
      if (action.agentId !== undefined) parts.push(action.agentId ? names.agent(action.agentId) : 'nobody');
      if (action.groupId !== undefined)
        parts.push(action.groupId ? `group ${names.group(action.groupId)}` : 'no group');
      return `Assign to ${parts.join(' in ')}`;
    }
    case 'add_tag':
      return `Add the tag “${action.tag}”`;
    case 'add_note':
      return 'Add an internal note';
    case 'send_template': {
      const to =
        action.to === 'agents' ? action.agentIds.map((id) => names.agent(id)).join(', ') : MAIL_RECIPIENTS[action.to];
      return `Send “${names.template(action.templateId)}” to ${to}`;
    }
    case 'resolve':
      return `Resolve it (${resolutionCodeEnum.labels[action.resolutionCode]})`;
    case 'notify':
    case 'raise_priority':
      return describeEscalationAction(action, names);
  }
}
