import { ActionIcon, Button, Group, MultiSelect, Select, Stack, TagsInput, Text } from '@mantine/core';
import { MAX_RULE_CONDITIONS } from '#shared/domain/automation-rules.ts';
import { CONDITION_FIELDS, CONDITION_OPERATORS, OPTIONAL_FIELDS, TEXT_FIELDS } from '#shared/domain/rule-conditions.ts';
import type { ConditionField, ConditionOperator, RuleCondition } from '#shared/domain/rule-conditions.ts';
import { useReference } from '../api/reference-context.tsx';
import {
  agentOptions,
  CHANNEL_OPTIONS,
  LEVEL_OPTIONS,
  namedOptions,
  PRIORITY_OPTIONS,
  STATUS_OPTIONS,
} from '../common/select-options.ts';
import type { Option } from '../common/select-options.ts';
import type { FieldErrors } from '../forms/field-errors.ts';
import { errorAt } from './rule-field-errors.ts';

/** The operators that make sense for a field: "contains" for text, "is empty" for what may be empty. */
export function operatorsFor(field: ConditionField): ConditionOperator[] {
  return (Object.keys(CONDITION_OPERATORS) as ConditionOperator[]).filter((operator) => {
    if (operator === 'contains') return TEXT_FIELDS.has(field);
    if (operator === 'is_empty' || operator === 'is_set') return OPTIONAL_FIELDS.has(field);
    return true;
  });
}

const NUMBER_FIELDS: ReadonlySet<ConditionField> = new Set(['priority', 'impact', 'urgency']);
const needsValues = (operator: ConditionOperator) => operator !== 'is_empty' && operator !== 'is_set';

function useValueOptions(field: ConditionField): Option<string>[] | null {
  const reference = useReference();
  switch (field) {
    case 'status':
      return STATUS_OPTIONS;
    case 'priority':
      return PRIORITY_OPTIONS;
    case 'impact':
    case 'urgency':
      return LEVEL_OPTIONS;
    case 'channel':
      return CHANNEL_OPTIONS;
    case 'categoryId':
      return namedOptions(reference.categories);
    case 'serviceId':
      return namedOptions(reference.services);
    case 'groupId':
      return namedOptions(reference.groups);
    case 'assigneeId':
      return agentOptions(reference.agents);
    default:
      // Tags, title and description take whatever words the supervisor types.
      return null;
  }
}

interface ConditionRowProps {
  readonly index: number;
  readonly condition: RuleCondition;
  onChange(next: RuleCondition): void;
  onRemove(): void;
  readonly errors: FieldErrors;
}

function ConditionRow({ index, condition, onChange, onRemove, errors }: ConditionRowProps) {
  const options = useValueOptions(condition.field);
  const path = `conditions.${index}`;
  const values = condition.values.map(String);
  const setValues = (next: string[]) =>
    onChange({ ...condition, values: NUMBER_FIELDS.has(condition.field) ? next.map(Number) : next });
  const valuesLabel = `Values of condition ${index + 1}`;
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" role="group" aria-label={`Condition ${index + 1}`}>
      <Select
        aria-label={`Field of condition ${index + 1}`}
        data={Object.entries(CONDITION_FIELDS).map(([value, label]) => ({ value, label }))}
        value={condition.field}
        allowDeselect={false}
        onChange={(field) => {
          if (!field) return;
          const next = field as ConditionField;
          const operator = operatorsFor(next).includes(condition.operator) ? condition.operator : 'is_any_of';
          onChange({ field: next, operator, values: [] });
        }}
        error={errors[`${path}.field`]}
        w={170}
      />
      <Select
        aria-label={`Operator of condition ${index + 1}`}
        data={operatorsFor(condition.field).map((value) => ({ value, label: CONDITION_OPERATORS[value] }))}
        value={condition.operator}
        allowDeselect={false}
        onChange={(operator) =>
          operator &&
          onChange({
            ...condition,
            operator: operator as ConditionOperator,
            values: needsValues(operator as ConditionOperator) ? condition.values : [],
          })
        }
        error={errors[`${path}.operator`]}
        w={130}
      />
      {!needsValues(condition.operator) ? (
        <div style={{ flex: 1 }} />
      ) : options ? (
        <MultiSelect
          aria-label={valuesLabel}
          placeholder="Choose one or more"
          data={options}
          value={values}
          onChange={setValues}
          error={errorAt(errors, `${path}.values`)}
          searchable
          style={{ flex: 1 }}
        />
      ) : (
        <TagsInput
          aria-label={valuesLabel}
          placeholder="Type a word, then Enter"
          value={values}
          onChange={setValues}
          error={errorAt(errors, `${path}.values`)}
          style={{ flex: 1 }}
        />
      )}
      <ActionIcon
        variant="subtle"
        color="gray"
        size="input-sm"
        onClick={onRemove}
        aria-label={`Remove condition ${index + 1}`}
      >
        ✕
      </ActionIcon>
    </Group>
  );
}

interface ConditionRowsProps {
  readonly conditions: readonly RuleCondition[];
  onChange(next: RuleCondition[]): void;
  readonly errors: FieldErrors;
}

/** "Only when": every condition must hold, checked when the rule fires. */
export function ConditionRows({ conditions, onChange, errors }: ConditionRowsProps) {
  const replace = (index: number, next: RuleCondition) =>
    onChange(conditions.map((condition, i) => (i === index ? next : condition)));
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        Only when
      </Text>
      {conditions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No conditions: every incident the trigger names.
        </Text>
      ) : null}
      {conditions.map((condition, index) => (
        <ConditionRow
          key={index}
          index={index}
          condition={condition}
          onChange={(next) => replace(index, next)}
          onRemove={() => onChange(conditions.filter((_, i) => i !== index))}
          errors={errors}
        />
      ))}
      {errors.conditions ? (
        <Text size="xs" c="red">
          {errors.conditions}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="subtle"
          size="compact-sm"
          disabled={conditions.length >= MAX_RULE_CONDITIONS}
          onClick={() => onChange([...conditions, { field: 'priority', operator: 'is_any_of', values: [] }])}
        >
          Add condition
        </Button>
      </Group>
    </Stack>
  );
}
