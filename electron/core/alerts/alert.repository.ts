import type { Incident } from '#shared/domain/incident.ts';
import { findIncident } from '#core/incidents/incident.repository.ts';
import type { Db } from '#core/store/store.ts';

/** The SQL behind alert intake: which incident an alert belongs to, and what has been done on it. */

/** The newest incident that notifications of this alert went to, whatever its status. */
export async function latestAlertIncident(db: Db, fingerprint: string): Promise<Incident | null> {
  const row = await db
    .selectFrom('message')
    .innerJoin('incident', 'incident.id', 'message.incident_id')
    .select('incident.id')
    .where('message.alert_fingerprint', '=', fingerprint)
    .orderBy('incident.created_at', 'desc')
    .orderBy('incident.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? findIncident(db, row.id) : null;
}

export async function messageExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('message').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/**
 * Whether anyone but the desk itself has put something on the incident's timeline: an assignment, a note, a
 * status change or an edit all carry the agent as actor; what intake and automation write carries none.
 */
export async function touchedByAgent(db: Db, incidentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('timeline_event')
    .select('id')
    .where('entity', '=', 'incident')
    .where('entity_id', '=', incidentId)
    .where('actor', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
