import { useEffect, useLayoutEffect, useRef } from 'react';
import { shortcutFor } from './shortcuts.ts';
import type { KeyPress, Shortcut } from './shortcuts.ts';

/** Inputs that take no text: a letter typed on them is free to be a shortcut. */
const CHOICE_INPUTS = new Set(['checkbox', 'radio']);

/** Reads what a key press means from the DOM event, for shortcutFor. */
function describeKeyPress(event: KeyboardEvent): KeyPress {
  const target = event.target instanceof Element ? event.target : null;
  const field = target?.closest('input, textarea, select, [contenteditable="true"]') ?? null;
  const onChoice = field instanceof HTMLInputElement && CHOICE_INPUTS.has(field.type);
  const typing = field !== null && !onChoice;
  const onControl =
    target !== null &&
    target.closest('button, a[href], [role="button"], [role="option"], input[type="button"], input[type="submit"]') !==
      null;
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
    onChoice,
    inDialog,
  };
}

/**
 * Runs `handlers[shortcut]` for key presses anywhere on the page. A screen passes the shortcuts it serves;
 * those it leaves out keep their usual meaning.
 */
export function useShortcuts(handlers: Partial<Record<Shortcut, () => void>>): void {
  const latest = useRef(handlers);
  // Before the browser paints: a key pressed the moment new rows show must reach the handlers that know them.
  useLayoutEffect(() => {
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
