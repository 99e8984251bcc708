import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { dueColumns, loadDueFacts, writeDueRows } from './due.repository.ts';
import type { DueRow } from './due.repository.ts';
import { incidentDue } from './incident-clocks.ts';
import { loadSlaConfig } from './sla-config.ts';
import type { SlaConfig } from './sla-config.ts';

/**
 * Works out the due instants of these incidents from their current fields and timeline and the team's
 * calendars and policies, and writes those that moved onto the incident rows, inside the caller's transaction:
 * the write path calls it for every incident a change touched, so the queue never shows a due time older than
 * the incident's own history. Answers the ids whose rows changed.
 */
export async function refreshIncidentDue(
  db: Kysely<Database>,
  ids: readonly string[],
  config?: SlaConfig,
): Promise<string[]> {
  if (!ids.length) return [];
  const settings = config ?? (await loadSlaConfig(db));
  const moved: DueRow[] = [];
  for (const incident of await loadDueFacts(db, ids)) {
    const row = { id: incident.id, ...incidentDue(settings, incident) };
    if (dueColumns(row) !== incident.stored) moved.push(row);
  }
  await writeDueRows(db, moved);
  return moved.map((row) => row.id);
}
