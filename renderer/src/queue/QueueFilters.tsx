import { Group } from '@mantine/core';
import { memo } from 'react';
import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import { DUE_STATE_LABELS, DUE_STATES } from '#shared/domain/incident-due.ts';
import type { DueState } from '#shared/domain/incident-due.ts';
import type { QueueFilter } from '#shared/domain/queue.ts';
import { useReference } from '../api/reference-context.tsx';
import {
  CHANNEL_OPTIONS,
  namedOptions,
  PRIORITY_OPTIONS,
  STATUS_OPTIONS,
  toPriority,
} from '../common/select-options.ts';
import { assigneeFilterOptions, groupFilterOptions } from './filter-options.ts';
import { FilterMenu } from './FilterMenu.tsx';

const DUE_STATE_OPTIONS = DUE_STATES.map((value) => ({ value, label: DUE_STATE_LABELS[value] }));

interface QueueFiltersProps {
  readonly filter: QueueFilter;
  onChange(patch: Partial<QueueFilter>): void;
}

/** The queue's filters; the search text lives in the header's search box. */
export const QueueFilters = memo(function QueueFilters({ filter, onChange }: QueueFiltersProps) {
  const reference = useReference();
  return (
    <Group gap="xs" px="md" pb="sm" align="flex-end" role="group" aria-label="Filters">
      <FilterMenu
        label="Status"
        anyLabel="Any status"
        options={STATUS_OPTIONS}
        selected={filter.statuses ?? []}
        onChange={(values) => onChange({ statuses: values as Status[] })}
      />
      <FilterMenu
        label="Priority"
        anyLabel="Any priority"
        options={PRIORITY_OPTIONS}
        selected={(filter.priorities ?? []).map(String)}
        onChange={(values) => onChange({ priorities: values.map(toPriority).filter((p): p is Priority => p !== null) })}
      />
      <FilterMenu
        label="Assignee"
        anyLabel="Anyone"
        options={assigneeFilterOptions(reference)}
        selected={filter.assigneeIds ?? []}
        onChange={(values) => onChange({ assigneeIds: values })}
      />
      <FilterMenu
        label="Group"
        anyLabel="Any group"
        options={groupFilterOptions(reference)}
        selected={filter.groupIds ?? []}
        onChange={(values) => onChange({ groupIds: values })}
      />
      <FilterMenu
        label="Channel"
        anyLabel="Any channel"
        options={CHANNEL_OPTIONS}
        selected={filter.channels ?? []}
        onChange={(values) => onChange({ channels: values as Channel[] })}
      />
      <FilterMenu
        label="Category"
        anyLabel="Any category"
        options={namedOptions(reference.categories)}
        selected={filter.categoryIds ?? []}
        onChange={(values) => onChange({ categoryIds: values })}
      />
      <FilterMenu
        label="Due"
        anyLabel="Any due state"
        options={DUE_STATE_OPTIONS}
        selected={filter.dueStates ?? []}
        onChange={(values) => onChange({ dueStates: values as DueState[] })}
      />
    </Group>
  );
});
