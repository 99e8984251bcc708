import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { loadDueFacts, writeDueRows } from './due.repository.ts';
import { incidentDue } from './incident-clocks.ts';
import { loadSlaConfig } from './sla-config.ts';
import type { SlaConfig } from './sla-config.ts';

/**
 * Works out the due instants of these incidents from their current fields and timeline and the team's
 * calendars and policies, and writes them onto the incident rows, inside the caller's transaction: the write
 * path calls it for every incident a change touched, so the queue never shows a due time older than the
 * incident's own history.
 */
export async function refreshIncidentDue(
  db: Kysely<Database>,
  ids: readonly string[],
  config?: SlaConfig,
): Promise<void> {
  if (!ids.length) return;
  const settings = config ?? (await loadSlaConfig(db));
  const facts = await loadDueFacts(db, ids);
  const rows = facts.map((incident) => ({ id: incident.id, ...incidentDue(settings, incident) }));
  await writeDueRows(db, rows, settings.fingerprint);
}
