import { useEffect, useState } from 'react';
import type { Agent } from '#shared/domain/reference.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { desk } from './desk.ts';

/** The workspace's active agents, for "Who are you?" (before anyone is signed in, so no reference context). */
export function useAgentsToChoose(): readonly Agent[] {
  const [agents, setAgents] = useState<readonly Agent[]>([]);
  const toasts = useToasts();
  useEffect(() => {
    let current = true;
    desk['reference/get']({}).then(
      (reference) => current && setAgents(reference.agents.filter((agent) => agent.active)),
      (error: unknown) => current && toasts.showError(error),
    );
    return () => {
      current = false;
    };
  }, [toasts]);
  return agents;
}
