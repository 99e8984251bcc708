import { useCallback, useSyncExternalStore } from 'react';
import { parseRoute, routeHash } from './route.ts';
import type { Route } from './route.ts';

/** Raised by `navigate`: a history entry pushed by the page itself raises neither `hashchange` nor `popstate`. */
const NAVIGATED = 'desk:navigated';
const listeners = new Set<() => void>();

/**
 * The screen before this one, so "Back" from a message returns to the incident it was opened from. Tracked
 * from the start, before any screen listens, so it is current when they read it.
 */
let shownHash = window.location.hash;
let previousHash: string | null = null;

/** Every way the hash changes (a link, the back button, an address typed, `navigate`) ends here, once. */
function hashMaybeChanged(): void {
  if (window.location.hash === shownHash) return;
  previousHash = shownHash;
  shownHash = window.location.hash;
  for (const listener of listeners) listener();
}
window.addEventListener('hashchange', hashMaybeChanged);
window.addEventListener('popstate', hashMaybeChanged);
window.addEventListener(NAVIGATED, hashMaybeChanged);

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

const readHash = () => shownHash;
const readPreviousHash = () => previousHash;

/** The current screen, from the URL hash, and a way to go to another one. */
export function useRoute(): { route: Route; previous: Route | null; navigate: (route: Route) => void } {
  const hash = useSyncExternalStore(subscribe, readHash);
  const previous = useSyncExternalStore(subscribe, readPreviousHash);
  const navigate = useCallback((route: Route) => {
    const target = routeHash(route);
    if (window.location.hash === target) return;
    // Not `location.hash = …`: that also scrolls to the fragment, and looking for it lays the old screen out
    // there and then, before the next one is drawn (seen in every profile of an incident opened from the queue).
    window.history.pushState(null, '', target);
    window.dispatchEvent(new Event(NAVIGATED));
  }, []);
  return { route: parseRoute(hash), previous: previous === null ? null : parseRoute(previous), navigate };
}
