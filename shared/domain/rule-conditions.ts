import { z } from 'zod';
import {
  channel as channelEnum,
  CHANNELS,
  LEVEL_LABELS,
  PRIORITY_LABELS,
  status as statusEnum,
  STATUSES,
} from './enums.ts';
import type { Incident } from './incident.ts';

/**
 * Conditions on an incident's fields (DESIGN §6): a rule acts only when all of its conditions hold, checked
 * when it fires (for a time rule: when it falls due, so "while it still holds" is what it means).
 */
export type RuleIncident = Pick<
  Incident,
  | 'id'
  | 'number'
  | 'title'
  | 'description'
  | 'channel'
  | 'status'
  | 'priority'
  | 'impact'
  | 'urgency'
  | 'categoryId'
  | 'serviceId'
  | 'groupId'
  | 'assigneeId'
  | 'reporterId'
  | 'tags'
  | 'createdAt'
> & {
  /** When an agent first took it on; absent where the reader did not look it up. */
  readonly acknowledgedAt?: string | null;
  /** The service level that applies (projected by the store); absent where the reader did not look it up. */
  readonly slaPolicyId?: string | null;
};

export const CONDITION_FIELDS = {
  status: 'Status',
  priority: 'Priority',
  impact: 'Impact',
  urgency: 'Urgency',
  channel: 'Channel',
  categoryId: 'Category',
  serviceId: 'Affected service',
  groupId: 'Group',
  assigneeId: 'Assignee',
  slaPolicyId: 'Service level',
  tags: 'Tags',
  title: 'Title',
  description: 'Description',
} as const;
export type ConditionField = keyof typeof CONDITION_FIELDS;
const CONDITION_FIELD_NAMES = Object.keys(CONDITION_FIELDS) as [ConditionField, ...ConditionField[]];

export const CONDITION_OPERATORS = {
  is_any_of: 'is',
  is_none_of: 'is not',
  is_empty: 'is empty',
  is_set: 'is set',
  contains: 'contains',
} as const;
export type ConditionOperator = keyof typeof CONDITION_OPERATORS;
const OPERATOR_NAMES = Object.keys(CONDITION_OPERATORS) as [ConditionOperator, ...ConditionOperator[]];

/** Free text: looked for inside, whatever the case. */
export const TEXT_FIELDS: ReadonlySet<ConditionField> = new Set(['title', 'description', 'tags']);
/** Fields that may be empty (no category yet, nobody assigned). */
export const OPTIONAL_FIELDS: ReadonlySet<ConditionField> = new Set([
  'categoryId',
  'serviceId',
  'groupId',
  'assigneeId',
  'slaPolicyId',
  'tags',
]);

const isId = (value: unknown) => typeof value === 'string' && z.uuid().safeParse(value).success;
const isText = (value: unknown) => typeof value === 'string';
const inRange = (low: number, high: number) => (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high;
const oneOf = (values: readonly string[]) => (value: unknown) => typeof value === 'string' && values.includes(value);

/** What each field's values must be: a condition naming a value the field can never hold is a mistake. */
const VALUE_CHECKS: Record<ConditionField, { check: (value: unknown) => boolean; message: string }> = {
  status: { check: oneOf(STATUSES), message: 'must be a status' },
  priority: { check: inRange(1, 5), message: 'must be a priority from 1 to 5' },
  impact: { check: inRange(1, 3), message: 'must be a level from 1 to 3' },
  urgency: { check: inRange(1, 3), message: 'must be a level from 1 to 3' },
  channel: { check: oneOf(CHANNELS), message: 'must be a channel' },
  categoryId: { check: isId, message: 'must be an id (UUID)' },
  serviceId: { check: isId, message: 'must be an id (UUID)' },
  groupId: { check: isId, message: 'must be an id (UUID)' },
  assigneeId: { check: isId, message: 'must be an id (UUID)' },
  slaPolicyId: { check: isId, message: 'must be an id (UUID)' },
  tags: { check: isText, message: 'must be text' },
  title: { check: isText, message: 'must be text' },
  description: { check: isText, message: 'must be text' },
};

export const conditionSchema = z
  .strictObject({
    field: z.enum(CONDITION_FIELD_NAMES),
    operator: z.enum(OPERATOR_NAMES),
    values: z
      .array(z.union([z.string().trim().min(1).max(200), z.number().int()]))
      .max(50)
      .default([]),
  })
  .superRefine((condition, context) => {
    const needsValues = condition.operator !== 'is_empty' && condition.operator !== 'is_set';
    if (needsValues && !condition.values.length) {
      context.addIssue({ code: 'custom', message: 'name at least one value', path: ['values'] });
    }
    if (condition.operator === 'contains' && !TEXT_FIELDS.has(condition.field)) {
      context.addIssue({ code: 'custom', message: `“contains” is for text and tags`, path: ['operator'] });
    }
    if (
      (condition.operator === 'is_empty' || condition.operator === 'is_set') &&
      !OPTIONAL_FIELDS.has(condition.field)
    ) {
      context.addIssue({
        code: 'custom',
        message: `${CONDITION_FIELDS[condition.field]} is never empty`,
        path: ['operator'],
      });
    }
    const valueOk = VALUE_CHECKS[condition.field];
    condition.values.forEach((value, index) => {
      if (!valueOk.check(value))
        context.addIssue({ code: 'custom', message: valueOk.message, path: ['values', index] });
    });
  });
export type RuleCondition = z.output<typeof conditionSchema>;

function fieldValue(incident: RuleIncident, field: ConditionField): string | number | null | readonly string[] {
  return field === 'slaPolicyId' ? (incident.slaPolicyId ?? null) : incident[field];
}

function isEmpty(value: ReturnType<typeof fieldValue>): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function anyOf(value: ReturnType<typeof fieldValue>, wanted: readonly (string | number)[]): boolean {
  if (Array.isArray(value))
    return value.some((item) => wanted.some((w) => String(w).toLowerCase() === item.toLowerCase()));
  return value !== null && wanted.some((w) => String(w) === String(value));
}

export function conditionHolds(condition: RuleCondition, incident: RuleIncident): boolean {
  const value = fieldValue(incident, condition.field);
  switch (condition.operator) {
    case 'is_any_of':
      return anyOf(value, condition.values);
    case 'is_none_of':
      return !anyOf(value, condition.values);
    case 'is_empty':
      return isEmpty(value);
    case 'is_set':
      return !isEmpty(value);
    case 'contains': {
      const texts = Array.isArray(value) ? value : [String(value ?? '')];
      return condition.values.some((needle) =>
        texts.some((text) => text.toLowerCase().includes(String(needle).toLowerCase())),
      );
    }
  }
}

export function conditionsHold(conditions: readonly RuleCondition[], incident: RuleIncident): boolean {
  return conditions.every((condition) => conditionHolds(condition, incident));
}

/** Names of the things conditions and actions point at, for the sentences agents read. */
export interface RuleNames {
  agent(id: string): string;
  group(id: string): string;
  category(id: string): string;
  service(id: string): string;
  template(id: string): string;
  /** A service level's name; its id where the reader has none. */
  policy?(id: string): string;
}

function valueLabel(field: ConditionField, value: string | number, names: RuleNames): string {
  switch (field) {
    case 'status':
      return statusEnum.labels[value as keyof typeof statusEnum.labels] ?? String(value);
    case 'priority':
      return `${value} - ${PRIORITY_LABELS[value as keyof typeof PRIORITY_LABELS] ?? ''}`.trim();
    case 'impact':
    case 'urgency':
      return LEVEL_LABELS[value as keyof typeof LEVEL_LABELS] ?? String(value);
    case 'channel':
      return channelEnum.labels[value as keyof typeof channelEnum.labels] ?? String(value);
    case 'categoryId':
      return names.category(String(value));
    case 'serviceId':
      return names.service(String(value));
    case 'groupId':
      return names.group(String(value));
    case 'assigneeId':
      return names.agent(String(value));
    case 'slaPolicyId':
      return names.policy?.(String(value)) ?? String(value);
    default:
      return `“${value}”`;
  }
}

export function describeCondition(condition: RuleCondition, names: RuleNames): string {
  const field = CONDITION_FIELDS[condition.field];
  const operator = CONDITION_OPERATORS[condition.operator];
  if (condition.operator === 'is_empty' || condition.operator === 'is_set') return `${field} ${operator}`;
  const values = condition.values.map((value) => valueLabel(condition.field, value, names));
  return `${field} ${operator} ${values.join(' or ')}`;
}
