import { useCallback, useSyncExternalStore } from 'react';
import { parseRoute, routeHash } from './route.ts';
import type { Route } from './route.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = () => window.location.hash;

/** The current screen, from the URL hash, and a way to go to another one. */
export function useRoute(): { route: Route; navigate: (route: Route) => void } {
  const hash = useSyncExternalStore(subscribe, readHash);
  const navigate = useCallback((route: Route) => {
    const target = routeHash(route);
    if (window.location.hash !== target) window.location.hash = target;
  }, []);
  return { route: parseRoute(hash), navigate };
}
