import { useEffect, useRef, useState } from 'react';
import type { OverwriteNotice } from '#shared/domain/sync-status.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { desk, onDeskEvent } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';
import { findIncidentRefs } from './use-incident-refs.ts';
import type { IncidentRef } from './use-incident-refs.ts';

/** At most this many incidents are looked up for one batch of notices (the core keeps the latest 50). */
const MAX_LOOKUPS = 50;

/**
 * The number and title of each incident the notices concern, so a notice can say "INC-42". An incident that
 * cannot be read (removed, or not arrived yet) is left out; the notice then says "an incident".
 */
function incidentsOf(notices: readonly OverwriteNotice[]): Promise<ReadonlyMap<string, IncidentRef>> {
  const ids = [...new Set(notices.filter((n) => n.entity === 'incident').map((n) => n.entityId))].slice(0, MAX_LOOKUPS);
  return findIncidentRefs(ids);
}

export type OverwriteListener = (
  notices: readonly OverwriteNotice[],
  incidents: ReadonlyMap<string, IncidentRef>,
) => void;

/** Calls `listener` with each batch of values of this agent's that a later change from someone else replaced. */
export function useOverwriteEvents(listener: OverwriteListener): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    let current = true;
    const unsubscribe = onDeskEvent('sync/overwritten', (notices) => {
      if (!notices.length) return;
      void incidentsOf(notices).then((incidents) => current && latest.current(notices, incidents));
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, []);
}

export interface RecentOverwrites {
  /** Newest first. */
  readonly notices: readonly OverwriteNotice[];
  readonly incidents: ReadonlyMap<string, IncidentRef>;
}

/**
 * The latest notices the workspace keeps (`sync/notices`), reloaded when new ones arrive and when one of their
 * incidents changes (a provisional number becoming the hub's). Null until the first answer.
 */
export function useRecentOverwrites(): RecentOverwrites | null {
  const [recent, setRecent] = useState<RecentOverwrites | null>(null);
  const [generation, setGeneration] = useState(0);
  const toasts = useToasts();

  useEffect(() => {
    let current = true;
    void (async () => {
      const outcome = await desk['sync/notices']({});
      if (!outcome.ok) {
        if (current) toasts.showError(outcome.error);
        return;
      }
      const incidents = await incidentsOf(outcome.value);
      if (current) setRecent({ notices: outcome.value, incidents });
    })();
    return () => {
      current = false;
    };
  }, [generation, toasts]);

  useOverwriteEvents(() => setGeneration((n) => n + 1));
  useDataChanged((change) => {
    if (change.incidentIds.some((id) => recent?.incidents.has(id))) setGeneration((n) => n + 1);
  });
  return recent;
}
