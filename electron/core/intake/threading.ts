import { sql } from 'kysely';
import type { Db } from '../store/store.ts';

/**
 * Which incident an inbound email belongs to (DESIGN §5): first the `[INC-123]` token in its subject, but
 * only from someone already part of that incident (so a stranger cannot write into any incident by guessing
 * a number), then In-Reply-To and References naming a message already on an incident.
 */
export interface ThreadTarget {
  readonly incidentId: string;
  readonly via: 'subject' | 'reply';
  readonly note: string;
}

export interface ThreadClues {
  readonly subject: string;
  readonly from: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
}

const TOKEN = /\[INC-(\d{1,9})\]/gi;

export function subjectTokens(subject: string): number[] {
  return [...subject.matchAll(TOKEN)].map((match) => Number(match[1]));
}

/** Everyone who is part of an incident: its reporter, whoever wrote or was written to about it, and agents. */
export async function isParticipant(db: Db, incidentId: string, address: string): Promise<boolean> {
  const email = address.toLowerCase();
  const row = await sql<{ found: number }>`
    SELECT 1 AS found WHERE
      EXISTS (SELECT 1 FROM incident i JOIN contact c ON c.id = i.reporter_id
               WHERE i.id = ${incidentId} AND lower(c.email) = ${email})
      OR EXISTS (SELECT 1 FROM message m WHERE m.incident_id = ${incidentId}
                  AND (m.from_address = ${email}
                       OR EXISTS (SELECT 1 FROM json_each(m.recipients) r WHERE r.value ->> '$.address' = ${email})
                       OR EXISTS (SELECT 1 FROM json_each(m.copies) r WHERE r.value ->> '$.address' = ${email})))
      OR EXISTS (SELECT 1 FROM agent WHERE lower(email) = ${email})`.execute(db);
  return row.rows.length > 0;
}

export async function findThread(db: Db, clues: ThreadClues): Promise<ThreadTarget | null> {
  for (const number of subjectTokens(clues.subject)) {
    const incident = await db.selectFrom('incident').select('id').where('number', '=', number).executeTakeFirst();
    if (!incident) continue;
    if (clues.from && (await isParticipant(db, incident.id, clues.from))) {
      return { incidentId: incident.id, via: 'subject', note: `Added to INC-${number} by the number in its subject.` };
    }
  }
  const ids = [clues.inReplyTo, ...[...clues.references].reverse()].filter((id): id is string => Boolean(id));
  if (ids.length) {
    const replied = await db
      .selectFrom('message')
      .select(['incident_id', 'message_id'])
      .where('message_id', 'in', ids.slice(0, 50))
      .where('incident_id', 'is not', null)
      .orderBy('received_at', 'desc')
      .executeTakeFirst();
    if (replied?.incident_id) {
      return { incidentId: replied.incident_id, via: 'reply', note: 'Added to the incident it replies to.' };
    }
  }
  return null;
}
