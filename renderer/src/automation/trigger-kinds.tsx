import { Group, MultiSelect, NumberInput, Select } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Channel, Status } from '#shared/domain/enums.ts';
import { ESCALATION_TRIGGER_FIELDS } from '#shared/domain/escalation-triggers.ts';
import { TRIGGERS } from '#shared/domain/rule-triggers.ts';
import { SLA_CLOCK_LABELS, SLA_CLOCKS } from '#shared/domain/sla-input.ts';
import type { SlaClockName } from '#shared/domain/sla-input.ts';
import type { RuleTrigger, RuleTriggerType } from '#shared/domain/rule-triggers.ts';
import { CHANNEL_OPTIONS, STATUS_OPTIONS } from '../common/select-options.ts';
import type { FieldErrors } from '../forms/field-errors.ts';
import { DurationField } from './DurationField.tsx';

type TriggerOf<T extends RuleTriggerType> = Extract<RuleTrigger, { type: T }>;

/** What a part of a rule's editor gets: its value, how to change it, and the desk's messages about it. */
export interface PartFieldsProps<V> {
  readonly value: V;
  onChange(next: V): void;
  /** Keyed by the field's name inside the part ("minutes"). */
  readonly errors: FieldErrors;
}

export interface TriggerKind<T extends RuleTriggerType> {
  /** The trigger as first chosen, before the supervisor fills it in. */
  blank(): TriggerOf<T>;
  /** Its own fields, or null when it has none ("The customer replies"). */
  readonly Fields: ((props: PartFieldsProps<TriggerOf<T>>) => ReactNode) | null;
}

const THREE_DAYS = 3 * 24 * 60;

const CLOCK_OPTIONS = SLA_CLOCKS.map((clock) => ({ value: clock, label: SLA_CLOCK_LABELS[clock] }));

/** Which of the service level's clocks an escalation watches. */
function ClockField(props: { value: SlaClockName; onChange(clock: SlaClockName): void; error?: string | undefined }) {
  return (
    <Select
      label="Clock"
      data={CLOCK_OPTIONS}
      value={props.value}
      allowDeselect={false}
      onChange={(clock) => clock && props.onChange(clock as SlaClockName)}
      error={props.error}
    />
  );
}

/**
 * The trigger editor's registry: one entry per trigger type (its label is the shared TRIGGERS'), so a new
 * type (the service-level work's) is one entry here and the editor offers it. The mapped type makes a type
 * without an entry a build error.
 */
export const TRIGGER_KINDS: { readonly [T in RuleTriggerType]: TriggerKind<T> } = {
  incident_created: {
    blank: () => ({ type: 'incident_created', channels: [] }),
    Fields: ({ value, onChange, errors }) => (
      <MultiSelect
        label="From channels"
        description="Empty: from any channel."
        data={CHANNEL_OPTIONS}
        value={[...value.channels]}
        onChange={(channels) => onChange({ ...value, channels: channels as Channel[] })}
        error={errors.channels}
      />
    ),
  },
  status_changed: {
    blank: () => ({ type: 'status_changed', to: [] }),
    Fields: ({ value, onChange, errors }) => (
      <MultiSelect
        label="To statuses"
        description="Empty: any change of status."
        data={STATUS_OPTIONS}
        value={[...value.to]}
        onChange={(to) => onChange({ ...value, to: to as Status[] })}
        error={errors.to}
      />
    ),
  },
  assigned: { blank: () => ({ type: 'assigned' }), Fields: null },
  customer_replied: { blank: () => ({ type: 'customer_replied' }), Fields: null },
  note_added: { blank: () => ({ type: 'note_added' }), Fields: null },
  time_in_status: {
    blank: () => ({ type: 'time_in_status', status: 'waiting_on_customer', minutes: THREE_DAYS }),
    Fields: ({ value, onChange, errors }) => (
      <Group grow align="flex-start">
        <Select
          label="Status"
          description="While it stays in this status"
          data={STATUS_OPTIONS}
          value={value.status}
          allowDeselect={false}
          onChange={(status) => status && onChange({ ...value, status: status as Status })}
          error={errors.status}
        />
        <DurationField
          label="For"
          minutes={value.minutes}
          onChange={(minutes) => onChange({ ...value, minutes })}
          error={errors.minutes}
        />
      </Group>
    ),
  },
  reopened: { blank: () => ({ type: 'reopened' }), Fields: null },
  sla_elapsed: {
    blank: () => ({ type: 'sla_elapsed', clock: 'resolution', percent: 75 }),
    Fields: ({ value, onChange, errors }) => (
      <Group grow align="flex-start">
        <ClockField value={value.clock} onChange={(clock) => onChange({ ...value, clock })} error={errors.clock} />
        <NumberInput
          label={ESCALATION_TRIGGER_FIELDS.sla_elapsed.fields.percent}
          min={1}
          max={500}
          suffix=" %"
          value={value.percent}
          onChange={(percent) => onChange({ ...value, percent: Number(percent) || 0 })}
          error={errors.percent}
        />
      </Group>
    ),
  },
  sla_before_due: {
    blank: () => ({ type: 'sla_before_due', clock: 'resolution', minutes: 60 }),
    Fields: ({ value, onChange, errors }) => (
      <Group grow align="flex-start">
        <ClockField value={value.clock} onChange={(clock) => onChange({ ...value, clock })} error={errors.clock} />
        <DurationField
          label="Business time before due"
          minutes={value.minutes}
          onChange={(minutes) => onChange({ ...value, minutes })}
          error={errors.minutes}
        />
      </Group>
    ),
  },
  sla_after_due: {
    blank: () => ({ type: 'sla_after_due', clock: 'resolution', minutes: 60 }),
    Fields: ({ value, onChange, errors }) => (
      <Group grow align="flex-start">
        <ClockField value={value.clock} onChange={(clock) => onChange({ ...value, clock })} error={errors.clock} />
        <DurationField
          label="Business time overdue"
          minutes={value.minutes}
          onChange={(minutes) => onChange({ ...value, minutes })}
          error={errors.minutes}
        />
      </Group>
    ),
  },
  unacknowledged: {
    blank: () => ({ type: 'unacknowledged', minutes: 30 }),
    Fields: ({ value, onChange, errors }) => (
      <DurationField
        label="Business time after it came in"
        minutes={value.minutes}
        onChange={(minutes) => onChange({ ...value, minutes })}
        error={errors.minutes}
      />
    ),
  },
  time_since_created: {
    blank: () => ({ type: 'time_since_created', minutes: THREE_DAYS }),
    Fields: ({ value, onChange, errors }) => (
      <DurationField
        label="After"
        minutes={value.minutes}
        onChange={(minutes) => onChange({ ...value, minutes })}
        error={errors.minutes}
      />
    ),
  },
};

export const TRIGGER_OPTIONS = (Object.keys(TRIGGER_KINDS) as RuleTriggerType[]).map((type) => ({
  value: type,
  label: `${TRIGGERS[type].label}${TRIGGERS[type].kind === 'time' ? ' (time)' : ''}`,
}));

/** The fields of whichever trigger the rule has, typed to it. */
export function TriggerFields({ value, onChange, errors }: PartFieldsProps<RuleTrigger>) {
  const Fields = TRIGGER_KINDS[value.type].Fields as ((props: PartFieldsProps<RuleTrigger>) => ReactNode) | null;
  return Fields ? <Fields value={value} onChange={onChange} errors={errors} /> : null;
}
