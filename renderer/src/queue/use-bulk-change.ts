import { useCallback, useState } from 'react';
import type { BulkChange } from '#shared/domain/bulk.ts';
import { BULK_MAX } from '#shared/domain/bulk.ts';
import type { QueueFilter, QueueSort } from '#shared/domain/queue.ts';
import { useReference } from '../api/reference-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { bulkNotice, describeBulkChange, undoNotice } from './bulk-summary.ts';
import { NO_TICKS, tickAll, tickRange, toggleTick } from './ticks.ts';
import type { Ticks } from './ticks.ts';

/** Long enough to notice what happened and change one's mind; the desk keeps the undo a while longer. */
const UNDO_NOTICE_MS = 15_000;

export interface BulkChanges {
  readonly ticks: Ticks;
  readonly busy: boolean;
  tick(index: number, id: string, range: boolean, idAt: (index: number) => string | undefined): void;
  tickAllInFilter(): Promise<void>;
  clear(): void;
  apply(change: BulkChange): Promise<void>;
}

/**
 * The ticked incidents of one queue query and what is done to them. A new query starts with nothing ticked;
 * `onDone` runs after each change or undo, so the highlighted row can take the focus back.
 */
export function useBulkChanges(query: { filter: QueueFilter; sort: QueueSort }, onDone: () => void): BulkChanges {
  const run = useDeskCommand();
  const toasts = useToasts();
  const reference = useReference();
  const queryKey = JSON.stringify(query);
  const [state, setState] = useState<{ key: string; ticks: Ticks }>({ key: queryKey, ticks: NO_TICKS });
  const [busy, setBusy] = useState(false);
  const ticks = state.key === queryKey ? state.ticks : NO_TICKS;

  const update = useCallback(
    (next: (ticks: Ticks) => Ticks) =>
      setState((current) => ({ key: queryKey, ticks: next(current.key === queryKey ? current.ticks : NO_TICKS) })),
    [queryKey],
  );

  const tick = useCallback(
    (index: number, id: string, range: boolean, idAt: (index: number) => string | undefined) =>
      update((current) => (range ? tickRange(current, index, idAt) : toggleTick(current, index, id))),
    [update],
  );

  const tickAllInFilter = useCallback(async () => {
    const answer = await run('queue/ids', { filter: query.filter, sort: query.sort, limit: BULK_MAX });
    if (!answer.ok) return;
    update(() => tickAll(answer.value.ids));
    if (answer.value.total > answer.value.ids.length) {
      toasts.show({
        kind: 'info',
        title: `Ticked the first ${answer.value.ids.length.toLocaleString()}`,
        message: `This filter matches ${answer.value.total.toLocaleString()}; a bulk change reaches at most ${BULK_MAX.toLocaleString()} at once.`,
      });
    }
  }, [run, query.filter, query.sort, update, toasts]);

  const undo = useCallback(
    async (undoId: string) => {
      const answer = await run('incident/undoBulk', { undoId });
      if (answer.ok) toasts.show({ kind: 'info', ...undoNotice(answer.value) });
      onDone();
    },
    [run, toasts, onDone],
  );

  const apply = useCallback(
    async (change: BulkChange) => {
      if (ticks.ids.size === 0) return;
      setBusy(true);
      const answer = await run('incident/bulkChange', { ids: [...ticks.ids], change });
      setBusy(false);
      onDone();
      if (!answer.ok) return;
      const nameOf = (id: string) => reference.agentsById.get(id)?.name ?? reference.groupsById.get(id)?.name;
      const notice = bulkNotice(describeBulkChange(change, nameOf), answer.value);
      const undoId = answer.value.undoId;
      toasts.show({
        kind: answer.value.changed.length > 0 ? 'success' : 'info',
        ...notice,
        lifetimeMs: UNDO_NOTICE_MS,
        action: undoId
          ? { label: 'Undo', hint: 'Puts the incidents back as they were', run: () => void undo(undoId) }
          : undefined,
      });
    },
    [ticks.ids, run, onDone, reference, toasts, undo],
  );

  return { ticks, busy, tick, tickAllInFilter, clear: () => update(() => NO_TICKS), apply };
}
