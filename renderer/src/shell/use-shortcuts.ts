import { useEffect, useRef } from 'react';
import { shortcutFor } from './shortcuts.ts';
import type { KeyPress, Shortcut } from './shortcuts.ts';

/** Reads what a key press means from the DOM event, for shortcutFor. */
function describeKeyPress(event: KeyboardEvent): KeyPress {
  const target = event.target instanceof Element ? event.target : null;
  const typing = target !== null && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
  const onControl = target !== null && target.closest('button, a[href], [role="button"], [role="option"]') !== null;
  const inDialog =
    (target !== null && target.closest('[role="dialog"]') !== null) ||
    document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
  return {
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    altKey: event.altKey,
    typing,
    onControl,
    inDialog,
  };
}

/**
 * Runs `handlers[shortcut]` for key presses anywhere on the page. A screen passes the shortcuts it serves;
 * those it leaves out keep their usual meaning.
 */
export function useShortcuts(handlers: Partial<Record<Shortcut, () => void>>): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const shortcut = shortcutFor(describeKeyPress(event));
      // Holding j or k walks the queue; holding anything else must not open or create twice.
      if (event.repeat && shortcut !== 'next' && shortcut !== 'previous') return;
      const handler = shortcut ? latest.current[shortcut] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
