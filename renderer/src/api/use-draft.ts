import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { JsonValue } from '#shared/change.ts';
import type { Draft } from '#shared/domain/workstation.ts';
import { desk } from './desk.ts';

/** Typing pauses this long before the draft is written; leaving the form writes it at once. */
const SAVE_AFTER_MS = 500;

type DraftValue = Readonly<Record<string, JsonValue>>;

/**
 * Draft calls go one after another, for every form: a discard sent while a save is on its way must not
 * arrive first, and a form opened again must read what the one just closed wrote.
 */
let draftCalls: Promise<unknown> = Promise.resolve();
function inTurn<T>(call: () => Promise<T>): Promise<T> {
  const next = draftCalls.then(call, call);
  draftCalls = next;
  return next;
}
const write = (call: () => Promise<unknown>) => void inTurn(call);

export interface DraftKeeper<T extends DraftValue> {
  /** Null while the desk is asked for the draft; then the draft found (or none). */
  readonly loaded: { readonly draft: Draft | null } | null;
  /** The form's values after a change: kept after a pause in typing, or when the form goes away. */
  keep(value: T): void;
  /** Sent or discarded on purpose: the draft goes, and nothing pending writes it back. */
  discard(): void;
}

/**
 * Keeps a form's unsent text on this workstation (`draft/save`), so closing the form, leaving the screen or
 * reloading the page loses nothing; a form of nothing but its defaults keeps no draft. Failures to keep a
 * draft are not the agent's business while they type: the form itself still holds the text.
 */
export function useDraft<T extends DraftValue>(key: string, isEmpty: (value: T) => boolean): DraftKeeper<T> {
  const [loaded, setLoaded] = useState<{ draft: Draft | null } | null>(null);
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latestIsEmpty = useRef(isEmpty);
  useLayoutEffect(() => {
    latestIsEmpty.current = isEmpty;
  });

  useEffect(() => {
    let current = true;
    void inTurn(() => desk['draft/get']({ key })).then((outcome) => {
      if (current) setLoaded({ draft: outcome.ok ? outcome.value : null });
    });
    return () => {
      current = false;
    };
  }, [key]);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const value = pending.current;
    pending.current = null;
    if (value === null) return;
    if (latestIsEmpty.current(value)) write(() => desk['draft/discard']({ key }));
    else write(() => desk['draft/save']({ key, value }));
  }, [key]);

  const keep = useCallback(
    (value: T) => {
      pending.current = value;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_AFTER_MS);
    },
    [flush],
  );

  const discard = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    write(() => desk['draft/discard']({ key }));
  }, [key]);

  // The form going away (Esc, another screen) writes what is pending at once.
  useEffect(() => flush, [flush]);

  return { loaded, keep, discard };
}
