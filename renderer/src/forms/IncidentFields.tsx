import { Select } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Channel, Level } from '#shared/domain/enums.ts';
import type { Category } from '#shared/domain/reference.ts';
import { useReference } from '../api/reference-context.tsx';
import { useSignedInAgent } from '../api/session-context.tsx';
import {
  agentOptions,
  CHANNEL_OPTIONS,
  LEVEL_OPTIONS,
  namedOptions,
  subcategoryOptions,
  toLevel,
} from '../common/select-options.ts';

/** The select fields an incident is described by, labelled and worded the same in every form that sets them. */
interface FieldProps<V> {
  readonly value: V;
  onChange(value: V): void;
  readonly error?: ReactNode;
  readonly disabled?: boolean;
}

export function ChannelSelect({ value, onChange, error, disabled }: FieldProps<Channel>) {
  return (
    <Select
      label="Channel"
      data={CHANNEL_OPTIONS}
      value={value}
      allowDeselect={false}
      onChange={(channel) => channel && onChange(channel as Channel)}
      error={error}
      disabled={disabled}
    />
  );
}

export function CategorySelect({
  value,
  onChange,
  error,
  disabled,
  placeholder = 'Not categorised',
}: FieldProps<string | null> & { readonly placeholder?: string }) {
  const reference = useReference();
  return (
    <Select
      label="Category"
      placeholder={placeholder}
      searchable
      clearable
      data={namedOptions(reference.categories)}
      value={value}
      onChange={(categoryId) => onChange(categoryId)}
      error={error}
      disabled={disabled}
    />
  );
}

/** Offered once the category has subcategories; disabled until then. */
export function SubcategorySelect({
  category,
  value,
  onChange,
  error,
  disabled,
}: FieldProps<string | null> & { readonly category: Category | undefined }) {
  return (
    <Select
      label="Subcategory"
      placeholder={category ? 'None' : 'Choose a category first'}
      searchable
      clearable
      data={subcategoryOptions(category)}
      value={value}
      onChange={(subcategory) => onChange(subcategory)}
      disabled={disabled || !category?.subcategories.length}
      error={error}
    />
  );
}

export function ServiceSelect({ value, onChange, error, disabled }: FieldProps<string | null>) {
  const reference = useReference();
  return (
    <Select
      label="Affected service"
      placeholder="None"
      searchable
      clearable
      data={namedOptions(reference.services)}
      value={value}
      onChange={(serviceId) => onChange(serviceId)}
      error={error}
      disabled={disabled}
    />
  );
}

export function GroupSelect({
  value,
  onChange,
  error,
  disabled,
  label = 'Group',
  placeholder = 'No group',
}: FieldProps<string | null> & { readonly label?: string; readonly placeholder?: string | undefined }) {
  const reference = useReference();
  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      clearable
      data={namedOptions(reference.groups)}
      value={value}
      onChange={(groupId) => onChange(groupId)}
      error={error}
      disabled={disabled}
    />
  );
}

/** Active agents, the signed-in one marked "(me)"; `keep` stays listed even when inactive. */
export function AssigneeSelect({
  value,
  onChange,
  error,
  disabled,
  keep = null,
  description,
}: FieldProps<string | null> & { readonly keep?: string | null; readonly description?: ReactNode }) {
  const reference = useReference();
  const me = useSignedInAgent();
  const assignees = agentOptions(reference.agents, keep).map((option) =>
    option.value === me.id ? { ...option, label: `${option.label} (me)` } : option,
  );
  return (
    <Select
      label="Assignee"
      placeholder="Unassigned"
      searchable
      clearable
      data={assignees}
      value={value}
      onChange={(assigneeId) => onChange(assigneeId)}
      error={error}
      disabled={disabled}
      description={description}
    />
  );
}

type LevelSelectProps = {
  readonly label: 'Impact' | 'Urgency';
  readonly placeholder?: string;
  readonly disabled?: boolean;
} & (
  | { readonly clearable?: false; readonly value: Level; onChange(level: Level): void }
  /** Clearable: `undefined` is "not chosen", and clearing the field reports it. */
  | { readonly clearable: boolean; readonly value: Level | undefined; onChange(level: Level | undefined): void }
);

/** Impact or urgency, 1 (high) to 3 (low); a level is always chosen unless the field is clearable. */
export function LevelSelect(props: LevelSelectProps) {
  const { label, placeholder, disabled, clearable = false, value } = props;
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={LEVEL_OPTIONS}
      value={value === undefined ? null : String(value)}
      clearable={clearable}
      allowDeselect={clearable}
      onChange={(next) => {
        const level = toLevel(next);
        if (level !== null) props.onChange(level);
        else if (props.clearable) props.onChange(undefined);
      }}
      disabled={disabled}
    />
  );
}
