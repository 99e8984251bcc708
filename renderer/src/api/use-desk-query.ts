import { useCallback, useEffect, useState } from 'react';
import type { DataChanged, HandlerInput, HandlerName, HandlerOutput } from '#shared/contract.ts';
import type { DeskError } from '#shared/errors.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { desk } from './desk.ts';
import type { DeskOutcome } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';
import { useWhenDeskBack } from './use-desk-reachable.ts';

/** Something asked of the desk, as a screen shows it. */
export type DeskLoad<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly value: T }
  | { readonly kind: 'failed'; readonly error: DeskError };

export interface DeskQueryOptions {
  /** Which changes, made here or anywhere else, make the answer stale; by default none. */
  readonly reloadWhen?: (change: DataChanged) => boolean;
  /**
   * `in-place` (the default): a refusal becomes the load, for the screen to say why. `notify`: it is shown
   * as a notification and the last answer stays, for lists that are better a moment old than gone.
   */
  readonly failures?: 'in-place' | 'notify';
  /** Ask nothing while true (the load stays `loading`). */
  readonly skip?: boolean;
}

/** How the question is put, when not straight to the desk (an answer already on its way); a stable function. */
export type DeskAsk<N extends HandlerName> = (input: HandlerInput<N>) => Promise<DeskOutcome<HandlerOutput<N>>>;

export interface DeskQuery<T> {
  readonly load: DeskLoad<T>;
  /** Asks again; until the answer, the last one stays on screen. */
  reload(): void;
  /**
   * The answer of a command made here is the new state: no second round trip. Given a function, it gets
   * the current answer (null before the first) and returns the new one.
   */
  adopt(next: T | ((current: T | null) => T)): void;
}

const LOADING = { kind: 'loading' } as const;

/**
 * One contract entry asked for and kept current, for every hook that loads something to show. A new input
 * (another incident's id) shows `loading` until its own answer, never the previous input's; a reload keeps
 * the last answer until the new one arrives; an answer that comes after a newer question is dropped.
 */
export function useDeskQuery<N extends HandlerName>(
  name: N,
  input: HandlerInput<N>,
  options: DeskQueryOptions & { readonly ask?: DeskAsk<N> } = {},
): DeskQuery<HandlerOutput<N>> {
  type T = HandlerOutput<N>;
  type Call = DeskAsk<N>;
  const key = JSON.stringify(input ?? null);
  const [answer, setAnswer] = useState<{ key: string; load: DeskLoad<T> }>({ key, load: LOADING });
  const [generation, setGeneration] = useState(0);
  const toasts = useToasts();
  const notify = options.failures === 'notify';
  const skip = options.skip ?? false;
  const ask = options.ask ?? (desk[name] as Call);

  useEffect(() => {
    if (skip) return;
    let current = true;
    void ask(JSON.parse(key) as HandlerInput<N>).then((outcome) => {
      if (!current) return;
      if (outcome.ok) setAnswer({ key, load: { kind: 'ready', value: outcome.value } });
      // The screen says plainly that the desk is not running; a toast per list would only repeat it.
      else if (notify) {
        if (outcome.error.code !== 'unreachable') toasts.showError(outcome.error);
      } else setAnswer({ key, load: { kind: 'failed', error: outcome.error } });
    });
    return () => {
      current = false;
    };
  }, [ask, key, generation, skip, notify, toasts]);

  useDataChanged((change) => {
    if (options.reloadWhen?.(change)) setGeneration((n) => n + 1);
  });

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  useWhenDeskBack(reload);
  const adopt = useCallback(
    (next: T | ((current: T | null) => T)) =>
      setAnswer((now) => {
        const current = now.key === key && now.load.kind === 'ready' ? now.load.value : null;
        // Contract answers are data, never functions: a function here is an update of the current answer.
        const value = typeof next === 'function' ? (next as (current: T | null) => T)(current) : next;
        return { key, load: { kind: 'ready', value } };
      }),
    [key],
  );

  return { load: answer.key === key ? answer.load : LOADING, reload, adopt };
}
