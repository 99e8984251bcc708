import type { IncidentSla } from '#shared/domain/sla-settings.ts';
import { useDeskQuery } from './use-desk-query.ts';
import type { DeskQuery } from './use-desk-query.ts';

/**
 * An incident's SLA clocks, evaluated by the desk: again whenever the incident changes anywhere, or the team's
 * calendars and policies do (they are reference data).
 */
export function useIncidentSla(id: string): DeskQuery<IncidentSla> {
  return useDeskQuery(
    'incident/sla',
    { id },
    { reloadWhen: (change) => change.incidentIds.includes(id) || change.reference },
  );
}
