import { useMemo } from 'react';
import type { Agent } from '#shared/domain/reference.ts';
import { useDeskQuery } from './use-desk-query.ts';

const NONE: readonly Agent[] = [];

/** The workspace's active agents, for "Who are you?" (before anyone is signed in, so no reference context). */
export function useAgentsToChoose(): readonly Agent[] {
  const { load } = useDeskQuery('reference/get', {}, { failures: 'notify' });
  return useMemo(() => (load.kind === 'ready' ? load.value.agents.filter((agent) => agent.active) : NONE), [load]);
}
