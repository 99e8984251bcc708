import { Group, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { PERIOD_PRESET_LABELS, PERIOD_PRESETS } from '#shared/domain/kpi-period.ts';
import type { PeriodPreset } from '#shared/domain/kpi-period.ts';
import { TIME_MEASURE_LABELS, TIME_MEASURES } from '#shared/domain/kpi-query.ts';
import type { TimeMeasure } from '#shared/domain/kpi-query.ts';
import { KPI_DEFINITIONS } from '#shared/domain/kpi-definitions.ts';
import { useReference } from '../api/reference-context.tsx';
import { agentOptions, namedOptions } from '../common/select-options.ts';
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
