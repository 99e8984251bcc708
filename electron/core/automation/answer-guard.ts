import { sql } from 'kysely';
import type { Change } from '#shared/change.ts';
import { isNoReplyAddress, mayAnswerAutomatically } from '#shared/domain/answering.ts';
import type { AnswerCandidate } from '#shared/domain/answering.ts';
import type { IntakeChannel, MessageKind } from '#shared/domain/intake.ts';
import { MESSAGE_KIND_LABELS } from '#shared/domain/intake.ts';
import { listMailboxes } from '#core/mailboxes/mailbox.repository.ts';
import type { Db } from '#core/store/store.ts';

/**
 * Loop protection for mail the desk sends on its own (DESIGN §5, RFC 3834): never to automatic mail, never to
 * an address nobody reads or to the desk itself, and at most a few per address per hour.
 */

/** At most this many automatic mails go to one address in an hour, whatever sets them off. */
export const MAX_AUTOMATIC_MAILS_PER_HOUR = 3;
const HOUR_MS = 3_600_000;

/**
 * Why nothing automatic may answer the mail the incident came from (mayAnswerAutomatically), or null: asked
 * first, before anything else about the reporter, so the timeline names the real reason.
 */
export async function whyNotAnswerItsMail(db: Db, incidentId: string): Promise<string | null> {
  const origin = await originOf(db, incidentId);
  if (origin?.channel !== 'email' || mayAnswerAutomatically(origin)) return null;
  const what =
    origin.kind !== 'message'
      ? `a message that is not a person’s (${MESSAGE_KIND_LABELS[origin.kind]})`
      : (origin.neverAnswer ?? 'mail from an address nobody reads');
  return `the incident came from ${what}, sent by ${origin.from?.address ?? 'nobody named'}: nothing automatic goes back to it`;
}

/** The first message the incident came from (its report), if it came from one. */
async function originOf(db: Db, incidentId: string): Promise<AnswerCandidate | null> {
  const row = await db
    .selectFrom('message')
    .select(['channel', 'kind', 'from_address', 'from_name', 'never_answer'])
    .where('incident_id', '=', incidentId)
    .orderBy('received_at')
    .orderBy('id')
    .executeTakeFirst();
  if (!row) return null;
  return {
    channel: row.channel as IntakeChannel,
    kind: row.kind as MessageKind,
    from: row.from_address ? { address: row.from_address, name: row.from_name ?? '' } : null,
    neverAnswer: row.never_answer,
  };
}

async function ourAddresses(db: Db): Promise<Set<string>> {
  return new Set(
    (await listMailboxes(db))
      .flatMap((mailbox) => [mailbox.username, ...(mailbox.outgoing ? [mailbox.outgoing.address] : [])])
      .map((address) => address.toLowerCase()),
  );
}

/**
 * Automatic mail to this address in the hour before `now` (mail rules queue goes to one address): what is stored,
 * and what the command queued and has not applied yet (the rules engine applies its firings once per round).
 */
export async function automaticMailsInLastHour(
  db: Db,
  address: string,
  now: string,
  unflushed: readonly Change[] = [],
): Promise<number> {
  const since = new Date(Date.parse(now) - HOUR_MS).toISOString();
  const row = await db
    .selectFrom('outgoing_mail')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql`lower(json_extract(recipients, '$[0].address'))`, '=', address.toLowerCase())
    .where('created_at', '>', since)
    .where('automatic', '=', 1)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + automaticMailsRecorded(unflushed, address);
}

function automaticMailsRecorded(changes: readonly Change[], address: string): number {
  const automatic = new Set(
    changes
      .filter((c) => c.entity === 'outgoing' && c.field === 'automatic' && c.value === true)
      .map((c) => c.entityId),
  );
  const wanted = address.toLowerCase();
  return changes.filter((c) => {
    if (c.entity !== 'outgoing' || c.field !== 'to' || !automatic.has(c.entityId) || !Array.isArray(c.value)) {
      return false;
    }
    const first = c.value[0] as { address?: unknown } | undefined;
    return typeof first?.address === 'string' && first.address.toLowerCase() === wanted;
  }).length;
}

/**
 * Why the desk must not write to this address about this incident on its own, or null when it may. Mail to the
 * reporter asks also whether the incident's first message may be answered at all.
 */
export async function whyNotWriteAutomatically(
  db: Db,
  incidentId: string,
  address: string,
  options: { readonly now: string; readonly toReporter: boolean; readonly unflushed?: readonly Change[] },
): Promise<string | null> {
  if (options.toReporter) {
    const why = await whyNotAnswerItsMail(db, incidentId);
    if (why) return why;
  }
  if (isNoReplyAddress(address)) return `${address} is an address nobody reads (no-reply, or a mail system)`;
  if ((await ourAddresses(db)).has(address.toLowerCase())) return `${address} is one of the desk’s own mailboxes`;
  const recent = await automaticMailsInLastHour(db, address, options.now, options.unflushed);
  if (recent >= MAX_AUTOMATIC_MAILS_PER_HOUR) {
    return `${address} has had ${recent} automatic mails in the last hour already (loop protection)`;
  }
  return null;
}
