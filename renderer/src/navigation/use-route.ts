import { useCallback, useSyncExternalStore } from 'react';
import { parseRoute, routeHash } from './route.ts';
import type { Route } from './route.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = () => window.location.hash;

/**
 * The screen before this one, so "Back" from a message returns to the incident it was opened from. Tracked
 * from the start, before any screen listens, so it is current when they read it.
 */
let shownHash = window.location.hash;
let previousHash: string | null = null;
window.addEventListener('hashchange', () => {
  previousHash = shownHash;
  shownHash = window.location.hash;
});
const readPreviousHash = () => previousHash;

/** The current screen, from the URL hash, and a way to go to another one. */
export function useRoute(): { route: Route; previous: Route | null; navigate: (route: Route) => void } {
  const hash = useSyncExternalStore(subscribe, readHash);
  const previous = useSyncExternalStore(subscribe, readPreviousHash);
  const navigate = useCallback((route: Route) => {
    const target = routeHash(route);
    if (window.location.hash !== target) window.location.hash = target;
  }, []);
  return { route: parseRoute(hash), previous: previous === null ? null : parseRoute(previous), navigate };
}
