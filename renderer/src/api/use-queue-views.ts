import { useEffect, useState } from 'react';
import type { QueueView } from '#shared/domain/queue.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { desk } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';

/**
 * The built-in and the agent's saved views with their counts; `null` until the first answer. Any change can
 * move an incident between views, so every change refreshes the counts (coalesced by useDataChanged).
 */
export function useQueueViews(): { views: readonly QueueView[] | null; refresh: () => void } {
  const [views, setViews] = useState<readonly QueueView[] | null>(null);
  const [generation, setGeneration] = useState(0);
  const toasts = useToasts();

  useEffect(() => {
    let current = true;
    desk['queue/views']({}).then(
      (answer) => current && setViews(answer),
      (error: unknown) => current && toasts.showError(error),
    );
    return () => {
      current = false;
    };
  }, [generation, toasts]);

  useDataChanged(() => setGeneration((n) => n + 1));
  return { views, refresh: () => setGeneration((n) => n + 1) };
}
