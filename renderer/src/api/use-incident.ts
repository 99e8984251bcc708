import { useCallback } from 'react';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import { takeIncident } from './incident-prefetch.ts';
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
    // The first answer may be on its way already, asked for when the incident was opened.
    { reloadWhen: (change) => change.incidentIds.includes(id), ask: takeIncident },
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
