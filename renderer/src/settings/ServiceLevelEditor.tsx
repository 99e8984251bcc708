import { Group, Modal, MultiSelect, NumberInput, Select, TagsInput } from '@mantine/core';
import { useState } from 'react';
import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import { DEFAULT_PAUSE_STATUSES } from '#shared/domain/sla-input.ts';
import type { CalendarView, SaveSlaPolicyInput, SlaPolicyView } from '#shared/domain/sla-settings.ts';
import { useReference } from '../api/reference-context.tsx';
import {
  CHANNEL_OPTIONS,
  namedOptions,
  PRIORITY_OPTIONS,
  STATUS_OPTIONS,
  toPriority,
} from '../common/select-options.ts';
import { NameField } from '../forms/EditorFields.tsx';
import { SupervisorEditorForm } from '../forms/SupervisorEditorForm.tsx';
import { useSettingsSave } from '../forms/use-settings-save.ts';

interface PolicyDraft {
  name: string;
  priorities: string[];
  categoryIds: string[];
  serviceIds: string[];
  channels: string[];
  organisations: string[];
  firstResponse: number | string;
  nextUpdate: number | string;
  resolution: number | string;
  calendarId: string | null;
  pauseStatuses: string[];
}

function draftOf(policy: SlaPolicyView | null, calendars: readonly CalendarView[]): PolicyDraft {
  return {
    name: policy?.name ?? '',
    priorities: (policy?.conditions.priorities ?? []).map(String),
    categoryIds: [...(policy?.conditions.categoryIds ?? [])],
    serviceIds: [...(policy?.conditions.serviceIds ?? [])],
    channels: [...(policy?.conditions.channels ?? [])],
    organisations: [...(policy?.conditions.organisations ?? [])],
    firstResponse: policy?.targets.firstResponseMinutes ?? '',
    nextUpdate: policy?.targets.nextUpdateMinutes ?? '',
    resolution: policy?.targets.resolutionMinutes ?? '',
    calendarId: policy?.calendarId ?? calendars.find((calendar) => calendar.isDefault)?.id ?? null,
    pauseStatuses: [...(policy?.pauseStatuses ?? DEFAULT_PAUSE_STATUSES)],
  };
}

const minutes = (value: number | string) => (typeof value === 'number' ? value : undefined);

function inputOf(draft: PolicyDraft, id: string | undefined): SaveSlaPolicyInput {
  return {
    ...(id ? { id } : {}),
    name: draft.name,
    conditions: {
      priorities: draft.priorities.map(toPriority).filter((p): p is Priority => p !== null),
      categoryIds: draft.categoryIds,
      serviceIds: draft.serviceIds,
      channels: draft.channels as Channel[],
      organisations: draft.organisations,
    },
    targets: {
      firstResponseMinutes: minutes(draft.firstResponse),
      nextUpdateMinutes: minutes(draft.nextUpdate),
      resolutionMinutes: minutes(draft.resolution),
    },
    calendarId: draft.calendarId ?? '',
    pauseStatuses: draft.pauseStatuses as Status[],
  };
}

interface FormProps {
  readonly policy: SlaPolicyView | null;
  readonly calendars: readonly CalendarView[];
  readonly readOnly: boolean;
  onClose(): void;
}

function ServiceLevelForm({ policy, calendars, readOnly, onClose }: FormProps) {
  const reference = useReference();
  const [draft, setDraft] = useState(() => draftOf(policy, calendars));
  const set = (patch: Partial<PolicyDraft>) => setDraft({ ...draft, ...patch });
  const input = inputOf(draft, policy?.id);
  const { save, errors, refusal } = useSettingsSave(
    'sla/savePolicy',
    policy ? 'The service level is saved' : 'The service level is added',
    input,
  );
  const anyHint = 'Empty: any.';
  return (
    <SupervisorEditorForm
      readOnly={readOnly}
      notice={{
        title: 'Supervisors set service levels',
        text: 'You can look at this service level; only a supervisor can change it.',
      }}
      refusal={refusal}
      submitLabel={policy ? 'Save service level' : 'Add service level'}
      onSave={() => save(input)}
      onClose={onClose}
    >
      <NameField value={draft.name} onChange={(name) => set({ name })} error={errors.name} />
      <Group grow align="flex-start">
        <MultiSelect
          label="Priorities"
          description={anyHint}
          data={PRIORITY_OPTIONS}
          value={draft.priorities}
          onChange={(priorities) => set({ priorities })}
          error={errors['conditions.priorities']}
        />
        <MultiSelect
          label="Channels"
          description={anyHint}
          data={CHANNEL_OPTIONS}
          value={draft.channels}
          onChange={(channels) => set({ channels })}
          error={errors['conditions.channels']}
        />
      </Group>
      <Group grow align="flex-start">
        <MultiSelect
          label="Categories"
          description={anyHint}
          data={namedOptions(reference.categories)}
          value={draft.categoryIds}
          onChange={(categoryIds) => set({ categoryIds })}
          searchable
        />
        <MultiSelect
          label="Services"
          description={anyHint}
          data={namedOptions(reference.services)}
          value={draft.serviceIds}
          onChange={(serviceIds) => set({ serviceIds })}
          searchable
        />
      </Group>
      <TagsInput
        label="Reporter's organisation"
        description="Press Enter after each. Empty: any."
        value={draft.organisations}
        onChange={(organisations) => set({ organisations })}
        error={errors['conditions.organisations']}
      />
      <Group grow align="flex-start">
        <NumberInput
          label="First response (business minutes)"
          min={1}
          value={draft.firstResponse}
          onChange={(firstResponse) => set({ firstResponse })}
          error={errors['targets.firstResponseMinutes'] ?? errors.targets}
        />
        <NumberInput
          label="Next update (business minutes)"
          min={1}
          value={draft.nextUpdate}
          onChange={(nextUpdate) => set({ nextUpdate })}
          error={errors['targets.nextUpdateMinutes']}
        />
        <NumberInput
          label="Resolution (business minutes)"
          min={1}
          value={draft.resolution}
          onChange={(resolution) => set({ resolution })}
          error={errors['targets.resolutionMinutes']}
        />
      </Group>
      <Select
        label="Calendar"
        data={calendars.map((calendar) => ({ value: calendar.id, label: calendar.name }))}
        value={draft.calendarId}
        onChange={(calendarId) => set({ calendarId })}
        error={errors.calendarId}
        allowDeselect={false}
        required
      />
      <MultiSelect
        label="Pause statuses"
        description="The clocks stop while the incident is in one of these."
        data={STATUS_OPTIONS.filter((option) => option.value !== 'cancelled')}
        value={draft.pauseStatuses}
        onChange={(pauseStatuses) => set({ pauseStatuses })}
        error={errors.pauseStatuses}
      />
    </SupervisorEditorForm>
  );
}

/** A service level's editor: when it applies, its targets, its calendar and the statuses that pause it. */
export function ServiceLevelEditor(props: {
  policy: SlaPolicyView | 'new' | null;
  calendars: readonly CalendarView[];
  readOnly: boolean;
  onClose: () => void;
}) {
  const { policy, calendars, readOnly, onClose } = props;
  const title = policy === 'new' ? 'Add service level' : policy ? policy.name : '';
  return (
    <Modal opened={policy !== null} onClose={onClose} title={title} size="xl">
      {policy !== null ? (
        <ServiceLevelForm
          policy={policy === 'new' ? null : policy}
          calendars={calendars}
          readOnly={readOnly}
          onClose={onClose}
        />
      ) : null}
    </Modal>
  );
}
