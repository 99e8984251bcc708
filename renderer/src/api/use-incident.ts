import { useCallback } from 'react';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import { useDeskQuery } from './use-desk-query.ts';
import type { DeskLoad } from './use-desk-query.ts';

/**
 * One incident with its timeline, kept current: changes made anywhere to this incident reload it, and the
 * answer of a command made here is adopted directly.
 */
export function useIncident(id: string): { load: DeskLoad<IncidentDetail>; adopt: (detail: IncidentDetail) => void } {
  const { load, adopt } = useDeskQuery(
    'incident/get',
    { id },
    { reloadWhen: (change) => change.incidentIds.includes(id) },
  );
  // A command's answer about another incident (one just linked, say) is not this screen's.
  const adoptOwn = useCallback(
    (detail: IncidentDetail) => {
      if (detail.incident.id === id) adopt(detail);
    },
    [id, adopt],
  );
  return { load, adopt: adoptOwn };
}
