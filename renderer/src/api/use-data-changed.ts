import { useEffect, useRef } from 'react';
import type { DataChanged } from '#shared/contract.ts';
import { onDeskEvent } from './desk.ts';

/** Joins the changes of one burst, so a bulk import or a quick run of edits costs one refetch. */
export function mergeDataChanged(a: DataChanged | null, b: DataChanged): DataChanged {
  if (!a) return b;
  return {
    incidentIds: [...new Set([...a.incidentIds, ...b.incidentIds])],
    reference: a.reference || b.reference,
    inbox: Boolean(a.inbox || b.inbox),
    outbox: Boolean(a.outbox || b.outbox),
    notifications: Boolean(a.notifications || b.notifications),
  };
}

/**
 * Calls `listener` with everything that changed in the desk (here or on another tab, window or
 * workstation), at most once per `delayMs`: the first change of a burst starts the clock, so what the agent
 * sees is never more than `delayMs` behind.
 */
export function useDataChanged(listener: (change: DataChanged) => void, delayMs = 100): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    let pending: DataChanged | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = onDeskEvent('data/changed', (payload) => {
      pending = mergeDataChanged(pending, payload);
      timer ??= setTimeout(() => {
        const change = pending;
        pending = null;
        timer = null;
        if (change) latest.current(change);
      }, delayMs);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [delayMs]);
}
