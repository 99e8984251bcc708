import { Group } from '@mantine/core';
import { memo, useMemo } from 'react';
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

const NONE: readonly string[] = [];

/**
 * The queue's filters; the search text lives in the header's search box. Each menu is drawn again only when its
 * own choice or options change: a view opened changes one or two of them, and each is a popover to build.
 */
export const QueueFilters = memo(function QueueFilters({ filter, onChange }: QueueFiltersProps) {
  const reference = useReference();
  const assigneeOptions = useMemo(() => assigneeFilterOptions(reference), [reference]);
  const groupOptions = useMemo(() => groupFilterOptions(reference), [reference]);
  const categoryOptions = useMemo(() => namedOptions(reference.categories), [reference]);
  const priorities = useMemo(() => filter.priorities?.map(String) ?? NONE, [filter.priorities]);
  const change = useMemo(
    () => ({
      statuses: (values: string[]) => onChange({ statuses: values as Status[] }),
      priorities: (values: string[]) =>
        onChange({ priorities: values.map(toPriority).filter((p): p is Priority => p !== null) }),
      assigneeIds: (values: string[]) => onChange({ assigneeIds: values }),
      groupIds: (values: string[]) => onChange({ groupIds: values }),
      channels: (values: string[]) => onChange({ channels: values as Channel[] }),
      categoryIds: (values: string[]) => onChange({ categoryIds: values }),
      dueStates: (values: string[]) => onChange({ dueStates: values as DueState[] }),
    }),
    [onChange],
  );
  return (
    <Group gap="xs" px="md" pb="sm" align="flex-end" role="group" aria-label="Filters">
      <FilterMenu
        label="Status"
        anyLabel="Any status"
        options={STATUS_OPTIONS}
        selected={filter.statuses ?? NONE}
        onChange={change.statuses}
      />
      <FilterMenu
        label="Priority"
        anyLabel="Any priority"
        options={PRIORITY_OPTIONS}
        selected={priorities}
        onChange={change.priorities}
      />
      <FilterMenu
        label="Assignee"
        anyLabel="Anyone"
        options={assigneeOptions}
        selected={filter.assigneeIds ?? NONE}
        onChange={change.assigneeIds}
      />
      <FilterMenu
        label="Group"
        anyLabel="Any group"
        options={groupOptions}
        selected={filter.groupIds ?? NONE}
        onChange={change.groupIds}
      />
      <FilterMenu
        label="Channel"
        anyLabel="Any channel"
        options={CHANNEL_OPTIONS}
        selected={filter.channels ?? NONE}
        onChange={change.channels}
      />
      <FilterMenu
        label="Category"
        anyLabel="Any category"
        options={categoryOptions}
        selected={filter.categoryIds ?? NONE}
        onChange={change.categoryIds}
      />
      <FilterMenu
        label="Due"
        anyLabel="Any due state"
        options={DUE_STATE_OPTIONS}
        selected={filter.dueStates ?? NONE}
        onChange={change.dueStates}
      />
    </Group>
  );
});
