import { Group, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ResolutionCode } from '#shared/domain/enums.ts';
import { ESCALATION_ACTION_FIELDS, NOTIFY_TARGETS } from '#shared/domain/escalation-actions.ts';
import type { NotifyTarget } from '#shared/domain/escalation-actions.ts';
import { MAIL_RECIPIENTS, SETTABLE_FIELDS } from '#shared/domain/rule-actions.ts';
import type { MailRecipient, RuleAction, RuleActionType, SettableField } from '#shared/domain/rule-actions.ts';
import { useReference } from '../api/reference-context.tsx';
import { useDeskQuery } from '../api/use-desk-query.ts';
import {
  agentOptions,
  byName,
  LEVEL_OPTIONS,
  namedOptions,
  PRIORITY_OPTIONS,
  RESOLUTION_CODE_OPTIONS,
  toLevel,
} from '../common/select-options.ts';
import { PlaceholderHint } from '../templates/PlaceholderHint.tsx';
import type { PartFieldsProps } from './trigger-kinds.tsx';

type ActionOf<A extends RuleActionType> = Extract<RuleAction, { type: A }>;

export interface ActionKind<A extends RuleActionType> {
  /** What the supervisor picks from ("Add a tag"). */
  readonly label: string;
  blank(): ActionOf<A>;
  readonly Fields: (props: PartFieldsProps<ActionOf<A>>) => ReactNode;
}

/** "Leave as it is" and "Nobody" beside the agents (or groups): an assign action may change either or both. */
const LEAVE = '';
const NOBODY = 'nobody';
const assignValue = (id: string | null | undefined) => (id === undefined ? LEAVE : id === null ? NOBODY : id);
const assignId = (value: string | null) => (!value || value === LEAVE ? undefined : value === NOBODY ? null : value);

function SetFieldFields({ value, onChange, errors }: PartFieldsProps<ActionOf<'set_field'>>) {
  const reference = useReference();
  const levels = value.field === 'impact' || value.field === 'urgency';
  const choices = value.field === 'categoryId' ? reference.categories : reference.services;
  return (
    <Group grow align="flex-start">
      <Select
        label="Field"
        data={Object.entries(SETTABLE_FIELDS).map(([field, label]) => ({ value: field, label }))}
        value={value.field}
        allowDeselect={false}
        onChange={(field) => {
          if (!field) return;
          const next = field as SettableField;
          onChange({ ...value, field: next, value: next === 'impact' || next === 'urgency' ? 2 : null });
        }}
      />
      {levels ? (
        <Select
          label="Set to"
          data={LEVEL_OPTIONS}
          value={String(value.value)}
          allowDeselect={false}
          onChange={(level) => onChange({ ...value, value: toLevel(level) ?? 2 })}
          error={errors.value ?? errors['']}
        />
      ) : (
        <Select
          label="Set to"
          placeholder="None (clears it)"
          data={namedOptions(choices)}
          value={typeof value.value === 'string' ? value.value : null}
          onChange={(id) => onChange({ ...value, value: id })}
          error={errors.value ?? errors['']}
          searchable
          clearable
        />
      )}
    </Group>
  );
}

function AssignFields({ value, onChange, errors }: PartFieldsProps<ActionOf<'assign'>>) {
  const reference = useReference();
  const leave = { value: LEAVE, label: 'Leave as it is' };
  return (
    <Group grow align="flex-start">
      <Select
        label="Agent"
        data={[leave, { value: NOBODY, label: 'Nobody' }, ...agentOptions(reference.agents, value.agentId ?? null)]}
        value={assignValue(value.agentId)}
        allowDeselect={false}
        onChange={(id) => onChange({ ...value, agentId: assignId(id) })}
        error={errors.agentId ?? errors['']}
        searchable
      />
      <Select
        label="Group"
        data={[leave, { value: NOBODY, label: 'No group' }, ...namedOptions(reference.groups)]}
        value={assignValue(value.groupId)}
        allowDeselect={false}
        onChange={(id) => onChange({ ...value, groupId: assignId(id) })}
        error={errors.groupId}
        searchable
      />
    </Group>
  );
}

/** The templates to choose from, by name; one chosen earlier and deleted since is kept, saying so. */
function useTemplateOptions(chosen: string | null): { value: string; label: string }[] {
  const templates = useDeskQuery('template/list', {}, { reloadWhen: (change) => change.reference });
  const options =
    templates.load.kind === 'ready' ? byName(templates.load.value).map((t) => ({ value: t.id, label: t.name })) : [];
  if (chosen && !options.some((option) => option.value === chosen)) {
    options.unshift({ value: chosen, label: 'A template no longer there' });
  }
  return options;
}

function AgentsPicker(props: {
  label: string;
  value: readonly string[];
  onChange: (agentIds: string[]) => void;
  error: string | undefined;
}) {
  const reference = useReference();
  return (
    <MultiSelect
      label={props.label}
      data={agentOptions(reference.agents)}
      value={[...props.value]}
      onChange={props.onChange}
      error={props.error}
      searchable
    />
  );
}

function SendTemplateFields({ value, onChange, errors }: PartFieldsProps<ActionOf<'send_template'>>) {
  const options = useTemplateOptions(value.templateId);
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <Select
          label="Template"
          placeholder="Choose a template"
          data={options}
          value={value.templateId || null}
          onChange={(templateId) => onChange({ ...value, templateId: templateId ?? '' })}
          error={errors.templateId}
          searchable
        />
        <Select
          label="Send to"
          data={Object.entries(MAIL_RECIPIENTS).map(([to, label]) => ({ value: to, label }))}
          value={value.to}
          allowDeselect={false}
          onChange={(to) => to && onChange({ ...value, to: to as MailRecipient })}
          error={errors.to}
        />
      </Group>
      {value.to === 'agents' ? (
        <AgentsPicker
          label="Agents"
          value={value.agentIds}
          onChange={(agentIds) => onChange({ ...value, agentIds })}
          error={errors.agentIds}
        />
      ) : null}
    </Stack>
  );
}

function NotifyFields({ value, onChange, errors }: PartFieldsProps<ActionOf<'notify'>>) {
  const fields = ESCALATION_ACTION_FIELDS.notify.fields;
  const options = useTemplateOptions(value.templateId);
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <Select
          label={fields.to}
          data={Object.entries(NOTIFY_TARGETS).map(([to, label]) => ({ value: to, label }))}
          value={value.to}
          allowDeselect={false}
          onChange={(to) => to && onChange({ ...value, to: to as NotifyTarget })}
          error={errors.to}
        />
        <Select
          label={fields.templateId}
          placeholder="No mail: the notification alone"
          data={options}
          value={value.templateId}
          onChange={(templateId) => onChange({ ...value, templateId })}
          error={errors.templateId}
          clearable
          searchable
        />
      </Group>
      {value.to === 'agents' ? (
        <AgentsPicker
          label={fields.agentIds}
          value={value.agentIds}
          onChange={(agentIds) => onChange({ ...value, agentIds })}
          error={errors.agentIds}
        />
      ) : null}
    </Stack>
  );
}

/**
 * The action editor's registry, like the triggers': one entry per action type with its label and fields, so
 * the escalation actions of the service-level work are an entry each; a type without one does not build.
 */
export const ACTION_KINDS: { readonly [A in RuleActionType]: ActionKind<A> } = {
  set_field: {
    label: 'Set a field',
    blank: () => ({ type: 'set_field', field: 'categoryId', value: null }),
    Fields: SetFieldFields,
  },
  assign: {
    label: 'Assign',
    blank: () => ({ type: 'assign', groupId: undefined, agentId: undefined }),
    Fields: AssignFields,
  },
  add_tag: {
    label: 'Add a tag',
    blank: () => ({ type: 'add_tag', tag: '' }),
    Fields: ({ value, onChange, errors }) => (
      <TextInput
        label="Tag"
        value={value.tag}
        onChange={(event) => onChange({ ...value, tag: event.currentTarget.value })}
        error={errors.tag}
      />
    ),
  },
  add_note: {
    label: 'Add an internal note',
    blank: () => ({ type: 'add_note', text: '' }),
    Fields: ({ value, onChange, errors }) => (
      <Textarea
        label="Note"
        description={<PlaceholderHint />}
        value={value.text}
        onChange={(event) => onChange({ ...value, text: event.currentTarget.value })}
        error={errors.text}
        autosize
        minRows={2}
      />
    ),
  },
  send_template: {
    label: 'Send a template',
    blank: () => ({ type: 'send_template', templateId: '', to: 'reporter', agentIds: [] }),
    Fields: SendTemplateFields,
  },
  notify: {
    label: ESCALATION_ACTION_FIELDS.notify.label,
    blank: () => ({ type: 'notify', to: 'supervisors', agentIds: [], templateId: null }),
    Fields: NotifyFields,
  },
  raise_priority: {
    label: ESCALATION_ACTION_FIELDS.raise_priority.label,
    blank: () => ({ type: 'raise_priority', to: 2 }),
    Fields: ({ value, onChange, errors }) => (
      <Select
        label={ESCALATION_ACTION_FIELDS.raise_priority.fields.to}
        data={PRIORITY_OPTIONS.filter((option) => option.value !== '5')}
        value={String(value.to)}
        allowDeselect={false}
        onChange={(to) => to && onChange({ ...value, to: Number(to) as 1 | 2 | 3 | 4 })}
        error={errors.to}
      />
    ),
  },
  resolve: {
    label: 'Resolve the incident',
    blank: () => ({ type: 'resolve', resolutionCode: 'no_answer', cause: '', notes: '' }),
    Fields: ({ value, onChange, errors }) => (
      <Stack gap="xs">
        <Select
          label="Resolution code"
          data={RESOLUTION_CODE_OPTIONS}
          value={value.resolutionCode}
          allowDeselect={false}
          onChange={(code) => code && onChange({ ...value, resolutionCode: code as ResolutionCode })}
          error={errors.resolutionCode}
        />
        <Textarea
          label="Cause"
          description={<PlaceholderHint />}
          value={value.cause}
          onChange={(event) => onChange({ ...value, cause: event.currentTarget.value })}
          error={errors.cause}
          autosize
          minRows={1}
        />
        <Textarea
          label="Resolution notes"
          value={value.notes}
          onChange={(event) => onChange({ ...value, notes: event.currentTarget.value })}
          error={errors.notes}
          autosize
          minRows={2}
        />
      </Stack>
    ),
  },
};

export const ACTION_OPTIONS = (Object.keys(ACTION_KINDS) as RuleActionType[]).map((type) => ({
  value: type,
  label: ACTION_KINDS[type].label,
}));

/** The fields of whichever action this is, typed to it. */
export function ActionFields({ value, onChange, errors }: PartFieldsProps<RuleAction>) {
  const Fields = ACTION_KINDS[value.type].Fields as (props: PartFieldsProps<RuleAction>) => ReactNode;
  return <Fields value={value} onChange={onChange} errors={errors} />;
}
