import type { QueueFilter } from '#shared/domain/queue.ts';
import type { ReferenceIndex } from '../api/reference-index.ts';
import { agentOptions, namedOptions } from '../common/select-options.ts';
import type { Option } from '../common/select-options.ts';

/** "Me" follows whoever is signed in, so a saved "mine" view works for every agent who saves one. */
export function assigneeFilterOptions(reference: ReferenceIndex): Option<string>[] {
  return [{ value: 'me', label: 'Me' }, { value: 'none', label: 'Unassigned' }, ...agentOptions(reference.agents)];
}

export function groupFilterOptions(reference: ReferenceIndex): Option<string>[] {
  return [{ value: 'none', label: 'No group' }, ...namedOptions(reference.groups)];
}

/** How many of the filter bar's filters are set (the search text is shown in the search box). */
export function activeFilterCount(filter: QueueFilter): number {
  const lists = [
    filter.statuses,
    filter.priorities,
    filter.assigneeIds,
    filter.groupIds,
    filter.channels,
    filter.categoryIds,
    filter.dueStates,
  ];
  return lists.filter((list) => list && list.length > 0).length;
}
