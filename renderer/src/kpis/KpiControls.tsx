import { Group, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { PERIOD_PRESET_LABELS, PERIOD_PRESETS } from '#shared/domain/kpi-period.ts';
import type { PeriodPreset } from '#shared/domain/kpi-period.ts';
import { TIME_MEASURE_LABELS, TIME_MEASURES } from '#shared/domain/kpi-query.ts';
import type { TimeMeasure } from '#shared/domain/kpi-query.ts';
import { KPI_DEFINITIONS } from '#shared/domain/kpi-definitions.ts';
import { useReference } from '../api/reference-context.tsx';
import { agentOptions, CHANNEL_OPTIONS, namedOptions, PRIORITY_OPTIONS, toPriority } from '../common/select-options.ts';
import type { Channel, Priority } from '#shared/domain/enums.ts';
import type { KpiChoice } from './kpi-choice.ts';

const PERIOD_OPTIONS = [
  ...PERIOD_PRESETS.map((value) => ({ value, label: PERIOD_PRESET_LABELS[value] })),
  { value: 'custom', label: 'Custom…' },
];

interface KpiControlsProps {
  readonly choice: KpiChoice;
  /** Supervisors filter by agent; an agent's report is theirs already. */
  readonly teamView: boolean;
  readonly problem: string | null;
  onChange(choice: KpiChoice): void;
}

/** The period, the filters and how time is counted: what every figure below is for. */
export function KpiControls({ choice, teamView, problem, onChange }: KpiControlsProps) {
  const reference = useReference();
  const set = (patch: Partial<KpiChoice>) => onChange({ ...choice, ...patch });
  return (
    <Stack gap={4}>
      <Group gap="sm" align="flex-end" role="group" aria-label="Report period and filters">
        <Select
          label="Period"
          data={PERIOD_OPTIONS}
          value={choice.period}
          onChange={(value) => value && set({ period: value as PeriodPreset | 'custom' })}
          allowDeselect={false}
          w={160}
        />
        {choice.period === 'custom' ? (
          <>
            <TextInput
              type="date"
              label="First day"
              value={choice.firstDay}
              onChange={(event) => set({ firstDay: event.currentTarget.value })}
            />
            <TextInput
              type="date"
              label="Last day"
              value={choice.lastDay}
              onChange={(event) => set({ lastDay: event.currentTarget.value })}
            />
          </>
        ) : null}
        <MultiSelect
          label="Groups"
          placeholder={choice.groupIds.length ? undefined : 'All groups'}
          data={[{ value: 'none', label: 'No group' }, ...namedOptions(reference.groups)]}
          value={[...choice.groupIds]}
          onChange={(groupIds) => set({ groupIds })}
          clearable
          searchable
          w={220}
        />
        {teamView ? (
          <MultiSelect
            label="Agents"
            placeholder={choice.agentIds.length ? undefined : 'All agents'}
            data={[{ value: 'none', label: 'Unassigned' }, ...agentOptions(reference.agents)]}
            value={[...choice.agentIds]}
            onChange={(agentIds) => set({ agentIds })}
            clearable
            searchable
            w={240}
          />
        ) : null}
        <MultiSelect
          label="Channels"
          placeholder={choice.channels.length ? undefined : 'All channels'}
          data={CHANNEL_OPTIONS}
          value={[...choice.channels]}
          onChange={(values) => set({ channels: values as Channel[] })}
          clearable
          w={180}
        />
        <MultiSelect
          label="Categories"
          placeholder={choice.categoryIds.length ? undefined : 'All categories'}
          data={[{ value: 'none', label: 'No category' }, ...namedOptions(reference.categories)]}
          value={[...choice.categoryIds]}
          onChange={(categoryIds) => set({ categoryIds })}
          clearable
          searchable
          w={200}
        />
        <MultiSelect
          label="Services"
          placeholder={choice.serviceIds.length ? undefined : 'All services'}
          data={[{ value: 'none', label: 'No service' }, ...namedOptions(reference.services)]}
          value={[...choice.serviceIds]}
          onChange={(serviceIds) => set({ serviceIds })}
          clearable
          searchable
          w={200}
        />
        <MultiSelect
          label="Priorities"
          placeholder={choice.priorities.length ? undefined : 'All priorities'}
          data={PRIORITY_OPTIONS}
          value={choice.priorities.map(String)}
          onChange={(values) => set({ priorities: values.map(toPriority).filter((p): p is Priority => p !== null) })}
          clearable
          w={180}
        />
        <Stack gap={2}>
          <Text size="sm" fw={500} id="kpi-measure-label">
            Durations in
          </Text>
          <SegmentedControl
            aria-labelledby="kpi-measure-label"
            value={choice.measure}
            onChange={(value) => set({ measure: value as TimeMeasure })}
            data={TIME_MEASURES.map((value) => ({ value, label: TIME_MEASURE_LABELS[value] }))}
            title={KPI_DEFINITIONS.businessTime}
          />
        </Stack>
      </Group>
      {problem ? (
        <Text size="sm" c="red" role="alert">
          {problem}
        </Text>
      ) : null}
    </Stack>
  );
}
