import { useMemo } from 'react';
import type { QueueColumn } from '#shared/domain/queue.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useDeskQuery } from '../api/use-desk-query.ts';
import { shownColumns } from './queue-columns.ts';

/** The queue's columns as this agent chose them on this workstation (the preferences entry), and a way to choose. */
export function useQueueColumns(): { columns: readonly QueueColumn[]; choose(columns: readonly QueueColumn[]): void } {
  const { load, adopt } = useDeskQuery('preferences/get', {});
  const run = useDeskCommand();
  const preferences = load.kind === 'ready' ? load.value : null;
  const saved = preferences?.queueColumns;
  const columns = useMemo(() => shownColumns(saved), [saved]);
  const choose = (chosen: readonly QueueColumn[]) => {
    const next = { ...preferences, queueColumns: [...chosen] };
    // Shown at once; the desk keeps it for the next start.
    adopt(next);
    void run('preferences/save', next, { quiet: true });
  };
  return { columns, choose };
}
