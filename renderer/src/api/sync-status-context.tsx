import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { SyncStatus } from '#shared/domain/sync-status.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { desk, onDeskEvent } from './desk.ts';

export interface SyncStatusValue {
  /** How the workspace stands with its team hub; null until the first answer. */
  readonly status: SyncStatus | null;
  /** True while a "Sync now" asked for here is under way. */
  readonly syncing: boolean;
  /** Runs a sync round now; the outcome arrives as the new status (a failed round is not an error). */
  syncNow(): Promise<void>;
  /** The answer of a connect or disconnect made here becomes the status at once. */
  adopt(status: SyncStatus): void;
}

const SyncStatusContext = createContext<SyncStatusValue | null>(null);

/**
 * The workspace's sync state, for the status bar and the Team hub settings: asked for once, then kept
 * current by the core's `sync/state` event, which it sends after every round and every connection change.
 */
export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [syncing, setSyncing] = useState(false);
  const toasts = useToasts();
  // An event that arrives before the first answer is newer than it: the answer must not replace it.
  const heardEvent = useRef(false);

  useEffect(() => {
    let current = true;
    const unsubscribe = onDeskEvent('sync/state', (next) => {
      heardEvent.current = true;
      if (current) setStatus(next);
    });
    void desk['sync/status']({}).then((outcome) => {
      if (!current) return;
      if (!outcome.ok) toasts.showError(outcome.error);
      else if (!heardEvent.current) setStatus(outcome.value);
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, [toasts]);

  // A second click while a round is under way asks for nothing more: the answer is on its way.
  const running = useRef(false);
  const syncNow = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    setSyncing(true);
    const outcome = await desk['sync/now']({});
    if (outcome.ok) setStatus(outcome.value);
    else toasts.showError(outcome.error);
    running.current = false;
    setSyncing(false);
  }, [toasts]);

  const value = useMemo<SyncStatusValue>(
    () => ({ status, syncing, syncNow, adopt: setStatus }),
    [status, syncing, syncNow],
  );
  return <SyncStatusContext value={value}>{children}</SyncStatusContext>;
}

export function useSyncStatus(): SyncStatusValue {
  const value = useContext(SyncStatusContext);
  if (!value) throw new Error('useSyncStatus needs a SyncStatusProvider above it.');
  return value;
}
