import { useEffect, useRef, useState } from 'react';
import type { OverwriteNotice } from '#shared/domain/sync-status.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import type { IncidentRef } from '../sync/overwrite-notices.ts';
import { desk, onDeskEvent } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';

/** At most this many incidents are looked up for one batch of notices (the core keeps the latest 50). */
const MAX_LOOKUPS = 50;

/**
 * The number and title of each incident the notices concern, so a notice can say "INC-42". An incident that
 * cannot be read (removed, or not arrived yet) is left out; the notice then says "an incident".
 */
async function incidentsOf(notices: readonly OverwriteNotice[]): Promise<ReadonlyMap<string, IncidentRef>> {
  const ids = [...new Set(notices.filter((n) => n.entity === 'incident').map((n) => n.entityId))].slice(0, MAX_LOOKUPS);
  const found = await Promise.all(
    ids.map((id) =>
      desk['incident/get']({ id }).then(
        ({ incident }): IncidentRef => ({
          id: incident.id,
          number: incident.number,
          provisionalNumber: incident.provisionalNumber,
          title: incident.title,
        }),
        () => null,
      ),
    ),
  );
  return new Map(found.filter((ref) => ref !== null).map((ref) => [ref.id, ref]));
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
    desk['sync/notices']({})
      .then(async (notices) => ({ notices, incidents: await incidentsOf(notices) }))
      .then(
        (answer) => current && setRecent(answer),
        (error: unknown) => current && toasts.showError(error),
      );
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
