import { useCallback, useSyncExternalStore } from 'react';
import { parseRoute, routeHash } from './route.ts';
import type { Route } from './route.ts';

const listeners = new Set<() => void>();

/**
 * The screen before this one, so "Back" from a message returns to the incident it was opened from. Tracked
 * from the start, before any screen listens, so it is current when they read it.
 */
let shownHash = window.location.hash;
let previousHash: string | null = null;
/** A screen shown by `navigate` whose history entry is not pushed yet (see `navigate`). */
let unpushed: { readonly hash: string; readonly timer: number } | null = null;

function show(hash: string): void {
  if (hash === shownHash) return;
  previousHash = shownHash;
  shownHash = hash;
  for (const listener of listeners) listener();
}

/** Every way the hash changes (a link, the back button, an address typed) ends here, once. */
function hashMaybeChanged(): void {
  // The browser moved on its own (back, a link) before `navigate`'s entry was pushed: that entry is not wanted.
  if (unpushed) {
    window.clearTimeout(unpushed.timer);
    unpushed = null;
  }
  show(window.location.hash);
}

function pushUnpushed(): void {
  if (!unpushed) return;
  const { hash } = unpushed;
  unpushed = null;
  if (window.location.hash !== hash) window.history.pushState(null, '', hash);
}
window.addEventListener('hashchange', hashMaybeChanged);
window.addEventListener('popstate', hashMaybeChanged);

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
    if (shownHash === target) return;
    // The screen changes now; its history entry is pushed in a task of its own once that change is committed.
    // Chromium's pushState waits on the browser process (1–22 ms in the profiles of an incident opened from the
    // queue at 100,000), and in the click it held up the screen the agent asked for. Not `location.hash = …`
    // either: that also scrolls to the fragment, and looking for it lays the old screen out there and then.
    pushUnpushed();
    unpushed = { hash: target, timer: window.setTimeout(pushUnpushed, 0) };
    show(target);
  }, []);
  return { route: parseRoute(hash), previous: previous === null ? null : parseRoute(previous), navigate };
}
