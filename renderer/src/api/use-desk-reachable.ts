import { useEffect, useRef, useSyncExternalStore } from 'react';
import { deskReachability } from './desk.ts';

/** False while the desk does not answer (the browser-mode host stopped). */
export function useDeskReachable(): boolean {
  return useSyncExternalStore(deskReachability.subscribe, deskReachability.current);
}

/**
 * Calls `onBack` when the desk answers again after it did not: whatever changed meanwhile sent no event to
 * this page, so what it shows is asked for again.
 */
export function useWhenDeskBack(onBack: () => void): void {
  const latest = useRef(onBack);
  useEffect(() => {
    latest.current = onBack;
  });
  useEffect(
    () =>
      deskReachability.subscribe((reachable) => {
        if (reachable) latest.current();
      }),
    [],
  );
}
