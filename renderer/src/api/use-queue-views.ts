import type { QueueView } from '#shared/domain/queue.ts';
import { useDeskQuery } from './use-desk-query.ts';

/**
 * The built-in and the agent's saved views with their counts; `null` until the first answer. Any change can
 * move an incident between views, so every change refreshes the counts (coalesced by useDataChanged).
 */
export function useQueueViews(): { views: readonly QueueView[] | null; refresh: () => void } {
  const { load, reload } = useDeskQuery('queue/views', {}, { reloadWhen: () => true, failures: 'notify' });
  return { views: load.kind === 'ready' ? load.value : null, refresh: reload };
}
