import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import type { Dispatch, ReactNode } from 'react';
import { BUILT_IN_VIEWS } from '#shared/domain/queue.ts';
import type { QueueView } from '#shared/domain/queue.ts';
import { useQueuePages } from '../api/use-queue-pages.ts';
import type { QueuePages } from '../api/use-queue-pages.ts';
import { useQueueViews } from '../api/use-queue-views.ts';
import { initialQueueState, queueReducer } from './queue-state.ts';
import type { QueueAction, QueueState, ViewDefinition } from './queue-state.ts';

export interface QueueContextValue {
  readonly state: QueueState;
  readonly dispatch: Dispatch<QueueAction>;
  /** Built-in and saved views with counts; null until the first answer. */
  readonly views: readonly QueueView[] | null;
  viewById(id: string): ViewDefinition | undefined;
}

const QueueContext = createContext<QueueContextValue | null>(null);
/** Apart from the rest, so rows arriving as the agent scrolls re-render the grid, not the whole shell. */
const QueuePagesContext = createContext<QueuePages | null>(null);

/**
 * The queue's state and rows live above the screens, so opening an incident and coming back finds the same
 * view, filters, selection, scroll position and rows, at once.
 */
export function QueueProvider({ children }: { children: ReactNode }) {
  const [state, dispatchNow] = useReducer(queueReducer, undefined, initialQueueState);
  const { views } = useQueueViews();
  const query = useMemo(() => ({ filter: state.filter, sort: state.sort }), [state.filter, state.sort]);
  const pages = useQueuePages(query);
  const stateNow = useRef(state);
  useLayoutEffect(() => {
    stateNow.current = state;
  });
  const { prime } = pages;
  // A change of filter or sort asks for its first rows at once, while the screens are drawn for it.
  const dispatch = useCallback(
    (action: QueueAction) => {
      const before = stateNow.current;
      const next = queueReducer(before, action);
      if (next.filter !== before.filter || next.sort !== before.sort) prime({ filter: next.filter, sort: next.sort });
      dispatchNow(action);
    },
    [prime],
  );
  const value = useMemo<QueueContextValue>(
    () => ({
      state,
      dispatch,
      views,
      viewById: (id) => (views ?? BUILT_IN_VIEWS).find((view) => view.id === id),
    }),
    [state, dispatch, views],
  );
  return (
    <QueueContext value={value}>
      <QueuePagesContext value={pages}>{children}</QueuePagesContext>
    </QueueContext>
  );
}

export function useQueue(): QueueContextValue {
  const value = useContext(QueueContext);
  if (!value) throw new Error('useQueue needs a QueueProvider above it.');
  return value;
}

export function useQueueRows(): QueuePages {
  const pages = useContext(QueuePagesContext);
  if (!pages) throw new Error('useQueueRows needs a QueueProvider above it.');
  return pages;
}
