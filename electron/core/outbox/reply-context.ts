import { DeskError } from '#shared/errors.ts';
import type { ReplyContext } from '#shared/domain/outbox.ts';
import { getIncident } from '#core/incidents/incident.repository.ts';
import { findAgent } from '#core/reference/reference.repository.ts';
import type { Db } from '#core/store/store.ts';
import { answeredMail, defaultRecipients, NOBODY_TO_WRITE_TO, sendingMailbox, signedText } from './reply.service.ts';

/** How much of the answered mail the composer offers to quote. */
const QUOTE_CHARS = 4_000;

/** The newest mail a person sent about the incident: who, when, and its text. */
async function quoteOf(db: Db, incidentId: string): Promise<ReplyContext['quote']> {
  const row = await db
    .selectFrom('message')
    .select(['from_address', 'from_name', 'received_at', 'body_text'])
    .where('incident_id', '=', incidentId)
    .where('kind', '=', 'message')
    .where('channel', '=', 'email')
    .orderBy('received_at', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  const text = row.body_text.length > QUOTE_CHARS ? `${row.body_text.slice(0, QUOTE_CHARS)}…` : row.body_text;
  return { from: row.from_name || row.from_address || 'the customer', at: row.received_at, text };
}

/**
 * What the composer shows before the agent writes (the same choices `incident/reply` makes when it is given
 * none): who the reply goes to and is copied to, the mailbox it goes out from, the sign-off, and the mail it
 * would quote; or why a public reply cannot go.
 */
export async function replyContext(db: Db, incidentId: string, actorId: string): Promise<ReplyContext> {
  const incident = await getIncident(db, incidentId);
  const answered = await answeredMail(db, incident.id);
  const { to, cc } = await defaultRecipients(db, incident, answered);
  const quote = await quoteOf(db, incident.id);
  const agentName = (await findAgent(db, actorId))?.name ?? '';
  let mailbox: Awaited<ReturnType<typeof sendingMailbox>> | null = null;
  let problem: string | null = null;
  try {
    mailbox = await sendingMailbox(db, undefined, answered);
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    problem = error.message;
  }
  if (!problem && !to.length) problem = NOBODY_TO_WRITE_TO;
  const signature = signedText('', agentName, mailbox?.outgoing?.signature ?? '').trim();
  return {
    to,
    cc,
    mailbox: mailbox ? { id: mailbox.id, name: mailbox.name, address: mailbox.outgoing!.address } : null,
    signature,
    quote,
    problem,
  };
}
