import { sql } from 'kysely';
import { incidentOfSentMessageIds } from '../outbox/outgoing-mail.repository.ts';
import type { Db } from '../store/store.ts';
import type { ParsedEmail } from './parse-email.ts';

/**
 * Which incident an inbound email belongs to (DESIGN §5): first the `[INC-123]` token in its subject, but
 * only from someone already part of that incident (so a stranger cannot write into any incident by guessing
 * a number), then In-Reply-To and References naming a message already on an incident. A bounce finds its
 * incident through the message it returns: that message's ids, or its subject's token when it was sent to
 * someone who is part of the incident (our notification to the reporter, say); only automatic mail is read so.
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
  /** The message a bounce or report carries back, when there is one. */
  readonly returned?: ReturnedClues | null | undefined;
}

export interface ReturnedClues {
  readonly subject: string;
  readonly recipients: readonly string[];
  readonly ids: readonly string[];
}

export interface ThreadDecision {
  readonly target: ThreadTarget | null;
  /** Why a subject naming an incident did not thread, for the agent who finds it in the inbox. */
  readonly refusal: string | null;
}

/** The incident holding the newest of these messages (by Message-ID), if any does. */
export type ReplyLookup = (messageIds: readonly string[]) => Promise<string | null>;

const TOKEN = /\[INC-(\d{1,9})\]/gi;
/** How many numbers of a subject are tried: a subject with thousands of them must not cost thousands of queries. */
const MAX_TOKENS = 5;
/** How many reply ids are looked at: the newest ones, a long References list is mostly old history. */
const MAX_REPLY_IDS = 50;
/** How many recipients of a returned message are looked at. */
const MAX_RETURNED_RECIPIENTS = 20;

export function subjectTokens(subject: string): number[] {
  const numbers: number[] = [];
  for (const match of subject.matchAll(TOKEN)) {
    if (numbers.length === MAX_TOKENS) break;
    numbers.push(Number(match[1]));
  }
  return numbers;
}

/**
 * Everyone who is part of an incident: its reporter, whoever wrote or was written to about it, and (unless
 * `agents` is false) the desk's agents.
 */
export async function isParticipant(db: Db, incidentId: string, address: string, agents = true): Promise<boolean> {
  const email = address.toLowerCase();
  const row = await sql<{ found: number }>`
    SELECT 1 AS found WHERE
      EXISTS (SELECT 1 FROM incident i JOIN contact c ON c.id = i.reporter_id
               WHERE i.id = ${incidentId} AND lower(c.email) = ${email})
      OR EXISTS (SELECT 1 FROM message m WHERE m.incident_id = ${incidentId}
                  AND (m.from_address = ${email}
                       OR EXISTS (SELECT 1 FROM json_each(m.recipients) r WHERE r.value ->> '$.address' = ${email})
                       OR EXISTS (SELECT 1 FROM json_each(m.copies) r WHERE r.value ->> '$.address' = ${email})))
      OR (${agents ? 1 : 0} = 1 AND EXISTS (SELECT 1 FROM agent WHERE lower(email) = ${email}))`.execute(db);
  return row.rows.length > 0;
}

/**
 * Looks the reply ids up in the store: messages received on an incident, then mail the desk sent from one
 * (a reporter answering our reply names its Message-ID).
 */
export function replyLookupIn(db: Db): ReplyLookup {
  return async (messageIds) => {
    if (!messageIds.length) return null;
    const replied = await db
      .selectFrom('message')
      .select('incident_id')
      .where('message_id', 'in', [...messageIds])
      .where('incident_id', 'is not', null)
      .orderBy('received_at', 'desc')
      .executeTakeFirst();
    return replied?.incident_id ?? (await incidentOfSentMessageIds(db, messageIds));
  };
}

/**
 * The clues of a message. The message it carries back counts only for automatic mail (a bounce, a report): in
 * a person's mail an attached message is whatever the sender made it, and must not lead into an incident.
 */
export function threadCluesOf(email: ParsedEmail, automatic: boolean): ThreadClues {
  const returned = automatic ? email.returned : null;
  return {
    subject: email.subject,
    from: email.from?.address ?? null,
    inReplyTo: email.inReplyTo,
    references: email.references,
    returned: returned && {
      subject: returned.subject,
      recipients: returned.recipients,
      ids: [returned.messageId, returned.inReplyTo, ...[...returned.references].reverse()].filter(
        (messageId): messageId is string => Boolean(messageId),
      ),
    },
  };
}

/** The ids a message replies to, newest first, as the reply lookup takes them. */
export function replyIds(clues: ThreadClues): string[] {
  const ids = [clues.inReplyTo, ...[...clues.references].reverse(), ...(clues.returned?.ids ?? [])];
  return [...new Set(ids.filter((id): id is string => Boolean(id)))].slice(0, MAX_REPLY_IDS);
}

async function bySubject(
  db: Db,
  subject: string,
  senders: readonly string[],
  agents = true,
): Promise<ThreadDecision | null> {
  let refusal: string | null = null;
  for (const number of subjectTokens(subject)) {
    const incident = await db.selectFrom('incident').select('id').where('number', '=', number).executeTakeFirst();
    if (!incident) {
      refusal ??= `The subject names INC-${number}, which does not exist here, so it waits for triage.`;
      continue;
    }
    for (const sender of senders.slice(0, MAX_RETURNED_RECIPIENTS)) {
      if (await isParticipant(db, incident.id, sender, agents)) {
        const note = `Added to INC-${number} by the number in its subject.`;
        return { target: { incidentId: incident.id, via: 'subject', note }, refusal: null };
      }
    }
    refusal = `The subject names INC-${number}, but the sender is not part of it, so it waits for triage.`;
  }
  return refusal ? { target: null, refusal } : null;
}

export async function findThread(
  db: Db,
  clues: ThreadClues,
  lookup: ReplyLookup = replyLookupIn(db),
): Promise<ThreadDecision> {
  const subject = clues.from ? await bySubject(db, clues.subject, [clues.from]) : null;
  if (subject?.target) return subject;
  const incidentId = await lookup(replyIds(clues));
  if (incidentId) {
    return {
      target: { incidentId, via: 'reply', note: 'Added to the incident it replies to.' },
      refusal: null,
    };
  }
  const returned = clues.returned?.recipients.length
    ? // Our mail goes to the reporter and participants: an agent among the recipients proves nothing.
      await bySubject(db, clues.returned.subject, clues.returned.recipients, false)
    : null;
  if (returned?.target) {
    const note = 'Added to the incident whose mail it returns.';
    return { target: { ...returned.target, note }, refusal: null };
  }
  return { target: null, refusal: subject?.refusal ?? null };
}
