import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { QueueFilter, QueueSort } from '#shared/domain/queue.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { desk } from './desk.ts';
import { emptyPageCache, pagesToFetch, withPage } from './page-cache.ts';
import type { PageCache } from './page-cache.ts';
import { useDataChanged } from './use-data-changed.ts';
import { useWhenDeskBack } from './use-desk-reachable.ts';

export interface QueueQuery {
  readonly filter: QueueFilter;
  readonly sort: QueueSort;
}

export interface QueuePages {
  readonly query: QueueQuery;
  /** The rows fetched so far. Until the first page of a new query arrives, the previous query's rows. */
  readonly cache: PageCache;
  /** Whether `cache` answers the current query (false for a moment after a filter or sort change). */
  readonly current: boolean;
  /** Asks for rows first..last (the rows on screen); fetched pages arrive in `cache`. */
  load(first: number, last: number): void;
  /**
   * Asks for the first page of the query the agent has just chosen, before the screens have been drawn for it:
   * the desk answers while they are, and the page is taken from here when the new query asks for it.
   */
  prime(next: QueueQuery): void;
}

export const QUEUE_PAGE_SIZE = 100;
/** Coalesces the ranges a fast scroll passes through into at most one round of fetches per frame. */
const FETCH_DELAY_MS = 16;

/**
 * The queue's rows, fetched a page at a time as they come on screen (`queue/page` with offset and limit), so
 * a queue of 100,000 incidents costs what is visible. Any change in the desk refetches the visible pages.
 */
export function useQueuePages(query: QueueQuery, pageSize = QUEUE_PAGE_SIZE): QueuePages {
  const key = JSON.stringify(query);
  const [cache, setCache] = useState<PageCache>(() => emptyPageCache(key, pageSize));
  const [epoch, setEpoch] = useState(0);
  const toasts = useToasts();

  const latest = useRef({ key, query, epoch, cache });
  // A layout effect, so it has run before any screen's effect asks for rows: the grid's own effects run before
  // this provider's, and with a passive effect the grid would see the cache before the page just arrived, and
  // fetch that page again.
  useLayoutEffect(() => {
    latest.current = { key, query, epoch, cache };
  });
  const wanted = useRef({ first: 0, last: 0 });
  const inFlight = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastFlush = useRef(0);
  const primed = useRef(new Map<string, ReturnType<(typeof desk)['queue/page']>>());

  const prime = useCallback(
    (next: QueueQuery) => {
      const nextKey = JSON.stringify(next);
      if (nextKey === latest.current.key) return;
      primed.current.clear(); // Only the latest choice is wanted.
      primed.current.set(
        `${latest.current.epoch}#0#${nextKey}`,
        desk['queue/page']({ ...next, offset: 0, limit: pageSize }),
      );
    },
    [pageSize],
  );

  const flush = useCallback(() => {
    timer.current = null;
    lastFlush.current = performance.now();
    const { key, query, epoch, cache } = latest.current;
    const base = { ...(cache.key === key ? cache : emptyPageCache(key, pageSize)), epoch };
    for (const page of pagesToFetch(base, wanted.current.first, wanted.current.last)) {
      const flight = `${epoch}#${page}#${key}`;
      if (inFlight.current.has(flight)) continue;
      inFlight.current.add(flight);
      const answer =
        primed.current.get(flight) ?? desk['queue/page']({ ...query, offset: page * pageSize, limit: pageSize });
      primed.current.delete(flight);
      void answer.then((outcome) => {
        inFlight.current.delete(flight);
        if (!outcome.ok) return outcome.error.code === 'unreachable' ? undefined : toasts.showError(outcome.error);
        if (latest.current.key !== key) return; // The agent has moved on to another query.
        const { rows, total } = outcome.value;
        setCache((now) => withPage(now.key === key ? now : emptyPageCache(key, pageSize), page, rows, total, epoch));
      });
    }
  }, [pageSize, toasts]);

  const load = useCallback(
    (first: number, last: number) => {
      wanted.current = { first, last };
      if (timer.current) return;
      // The first range after a pause is fetched at once (a filter change); a scroll's stream of ranges waits.
      if (performance.now() - lastFlush.current >= FETCH_DELAY_MS) flush();
      else timer.current = setTimeout(flush, FETCH_DELAY_MS);
    },
    [flush],
  );

  // A new query, or a change anywhere in the desk: fetch what is on screen (again). A new query is shown
  // from its top (the grid scrolls there), so its first rows are wanted, not the old scroll position's.
  const loadedKey = useRef(key);
  useEffect(() => {
    const { first, last } = wanted.current;
    if (loadedKey.current !== key) {
      loadedKey.current = key;
      load(0, last - first);
    } else load(first, last);
  }, [key, epoch, load]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  useDataChanged(() => setEpoch((n) => n + 1));
  useWhenDeskBack(() => setEpoch((n) => n + 1));

  return useMemo(() => ({ query, cache, current: cache.key === key, load, prime }), [query, cache, key, load, prime]);
}
