import { useCallback, useEffect, useState } from 'react';
import type { DeskError } from '#shared/errors.ts';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import { asDeskError } from '../feedback/describe-error.ts';
import { desk } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';

export type IncidentLoad =
  | { readonly kind: 'loading'; readonly id: string }
  | { readonly kind: 'ready'; readonly id: string; readonly detail: IncidentDetail }
  | { readonly kind: 'failed'; readonly id: string; readonly error: DeskError };

/**
 * One incident with its timeline, kept current: changes made anywhere to this incident reload it, and the
 * answer of a command made here is adopted directly.
 */
export function useIncident(id: string): { load: IncidentLoad; adopt: (detail: IncidentDetail) => void } {
  const [load, setLoad] = useState<IncidentLoad>({ kind: 'loading', id });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    desk['incident/get']({ id }).then(
      (detail) => current && setLoad({ kind: 'ready', id, detail }),
      (error: unknown) => current && setLoad({ kind: 'failed', id, error: asDeskError(error) }),
    );
    return () => {
      current = false;
    };
  }, [id, generation]);

  useDataChanged((change) => {
    if (change.incidentIds.includes(id)) setGeneration((n) => n + 1);
  });

  const adopt = useCallback(
    (detail: IncidentDetail) => {
      if (detail.incident.id === id) setLoad({ kind: 'ready', id, detail });
    },
    [id],
  );
  // Until the first answer for a newly opened incident, show nothing of the previous one.
  return { load: load.id === id ? load : { kind: 'loading', id }, adopt };
}
