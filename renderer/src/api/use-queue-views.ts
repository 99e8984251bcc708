import { useEffect } from 'react';
import type { QueueView } from '#shared/domain/queue.ts';
import { useDeskQuery } from './use-desk-query.ts';

/** How often the counts are asked again with nothing changed: time alone brings incidents near their due time. */
export const VIEW_COUNTS_REFRESH_MS = 60_000;

/**
 * The built-in and the agent's saved views with their counts; `null` until the first answer. Any change can
 * move an incident between views, so every change refreshes the counts (coalesced by useDataChanged); and so
 * does the passing of time, which moves incidents into "Breaching soon" without anyone changing them.
 */
export function useQueueViews(): { views: readonly QueueView[] | null; refresh: () => void } {
  const { load, reload } = useDeskQuery('queue/views', {}, { reloadWhen: () => true, failures: 'notify' });
  useEffect(() => {
    const timer = setInterval(reload, VIEW_COUNTS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return { views: load.kind === 'ready' ? load.value : null, refresh: reload };
}
