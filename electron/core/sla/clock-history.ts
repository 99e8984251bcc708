import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/**
 * Each incident's clock history (`incident_clock`): only the timeline entries a clock can read, cut down in SQL
 * to a compact JSON array in timeline order, one row an incident. A projection like the incident row, kept by
 * the write path in the transaction that adds an entry, and rebuilt with the others after a bootstrap.
 *
 * Why it exists: working the clocks of every incident out again after a calendar or a policy change reads
 * every history, and picking the entries out of the whole timeline (with their payloads) each time took most
 * of a recompute; read from here, a chunk of incidents is one query in rowid order.
 *
 * An entry is `[at, type, status from, status to, kind, direction, automatic]`: `at` the wall milliseconds of
 * its clock stamp, the status a `changed` entry moved from and to (other changes are left out, their notes can
 * be long), and the parts of a message or a reply that say who spoke (`automatic` as JSON text).
 */
const entriesSql = (scope: 'listed' | 'all') => `INSERT INTO incident_clock (id, entries)
  SELECT incident_id,
    json_group_array(json_array(at, type, status_from, status_to, kind, direction, automatic)
      ORDER BY hlc, device, id)
  FROM (
    SELECT e.entity_id AS incident_id, e.hlc, e.device, e.id, e.type, CAST(substr(e.hlc, 1, 15) AS INTEGER) AS at,
      s.value ->> 'from' AS status_from, s.value ->> 'to' AS status_to,
      e.payload ->> 'kind' AS kind, e.payload ->> 'direction' AS direction, e.payload -> 'automatic' AS automatic
    FROM timeline_event e
    LEFT JOIN json_each(CASE WHEN e.type = 'changed' THEN e.payload -> 'changes' END) s
      ON s.value ->> 'field' = 'status'
    WHERE e.entity = 'incident' AND e.type IN ('changed', 'message', 'reply')
      ${scope === 'listed' ? 'AND e.entity_id IN (SELECT value FROM json_each(?))' : ''})
  WHERE type <> 'changed' OR status_to IS NOT NULL
  GROUP BY incident_id
  ON CONFLICT (id) DO UPDATE SET entries = excluded.entries WHERE entries IS NOT excluded.entries`;

/** The SQL that fills the whole table (a rebuild, the migration that brought it). */
export const ALL_CLOCK_ENTRIES = entriesSql('all');
const LISTED_CLOCK_ENTRIES = entriesSql('listed');

/** Works out the clock history of these incidents again, inside the caller's transaction. */
export async function refreshClockHistory(db: Kysely<Database>, incidentIds: readonly string[]): Promise<void> {
  if (!incidentIds.length) return;
  await db.executeQuery(CompiledQuery.raw(LISTED_CLOCK_ENTRIES, [JSON.stringify(incidentIds)]));
}

/** Every incident's clock history from the timeline (the end of a bootstrap, which defers the projections). */
export async function rebuildClockHistory(db: Kysely<Database>): Promise<void> {
  await db.executeQuery(CompiledQuery.raw('DELETE FROM incident_clock'));
  await db.executeQuery(CompiledQuery.raw(ALL_CLOCK_ENTRIES));
}
