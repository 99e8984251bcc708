import { sql } from 'kysely';
import type { IntakeChannel, MailAddress, MessageKind } from '#shared/domain/intake.ts';
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

export interface AnswerCandidate {
  readonly channel: IntakeChannel;
  readonly kind: MessageKind;
  readonly from: MailAddress | null;
}

/**
 * Senders nobody reads: no-reply addresses, the mail system itself (MAILER-DAEMON, postmaster) and mailing-list
 * software (RFC 3834 §2: owner-*, *-request).
 */
const NO_REPLY_ADDRESS =
  /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|no[-_.]?response|noreply[-+.][^@]*|[^@]*[-_.]no[-_.]?reply)(@|$)/i;
const SYSTEM_ADDRESS =
  /^(mailer[-_.]?daemon|mail[-_.]?daemon|post_?master|[^@]*-(request|owner|bounces?)|owner-[^@]*|listserv|majordomo|mailman)(@|$)/i;

export function isNoReplyAddress(address: string): boolean {
  return NO_REPLY_ADDRESS.test(address) || SYSTEM_ADDRESS.test(address);
}

/**
 * STAND-IN for `mayAnswerAutomatically` (shared/domain/answering.ts), the one predicate issue 10 (branch
 * `mail-reading`) adds with a reason kept on each message. Until that merges, this asks the same question of
 * what main stores (the message's kind and sender); the call below switches to the predicate when it lands.
 */
export function mayAnswerAutomaticallyStandIn(message: AnswerCandidate): boolean {
  if (message.channel !== 'email' || message.kind !== 'message') return false;
  const address = message.from?.address ?? '';
  return address.includes('@') && !isNoReplyAddress(address);
}

/** The first message the incident came from (its report), if it came from one. */
async function originOf(db: Db, incidentId: string): Promise<AnswerCandidate | null> {
  const row = await db
    .selectFrom('message')
    .select(['channel', 'kind', 'from_address', 'from_name'])
    .where('incident_id', '=', incidentId)
    .orderBy('received_at')
    .orderBy('id')
    .executeTakeFirst();
  if (!row) return null;
  return {
    channel: row.channel as IntakeChannel,
    kind: row.kind as MessageKind,
    from: row.from_address ? { address: row.from_address, name: row.from_name ?? '' } : null,
  };
}

async function ourAddresses(db: Db): Promise<Set<string>> {
  return new Set(
    (await listMailboxes(db))
      .flatMap((mailbox) => [mailbox.username, ...(mailbox.outgoing ? [mailbox.outgoing.address] : [])])
      .map((address) => address.toLowerCase()),
  );
}

/** Automatic mail to this address in the hour before `now` (mail rules queue goes to one address). */
export async function automaticMailsInLastHour(db: Db, address: string, now: string): Promise<number> {
  const since = new Date(Date.parse(now) - HOUR_MS).toISOString();
  const row = await db
    .selectFrom('outgoing_mail')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql`lower(json_extract(recipients, '$[0].address'))`, '=', address.toLowerCase())
    .where('created_at', '>', since)
    .where('automatic', '=', 1)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Why the desk must not write to this address about this incident on its own, or null when it may. Mail to the
 * reporter asks also whether the incident's first message may be answered at all.
 */
export async function whyNotWriteAutomatically(
  db: Db,
  incidentId: string,
  address: string,
  options: { readonly now: string; readonly toReporter: boolean },
): Promise<string | null> {
  if (options.toReporter) {
    const origin = await originOf(db, incidentId);
    if (origin?.channel === 'email' && !mayAnswerAutomaticallyStandIn(origin)) {
      const what =
        origin.kind === 'message'
          ? 'mail from an address nobody reads'
          : `a message that is not a person’s (${MESSAGE_KIND_LABELS[origin.kind]})`;
      return `the incident came from ${what}, sent by ${origin.from?.address ?? 'nobody named'}: nothing automatic goes back to it`;
    }
  }
  if (isNoReplyAddress(address)) return `${address} is an address nobody reads (no-reply, or a mail system)`;
  if ((await ourAddresses(db)).has(address.toLowerCase())) return `${address} is one of the desk’s own mailboxes`;
  const recent = await automaticMailsInLastHour(db, address, options.now);
  if (recent >= MAX_AUTOMATIC_MAILS_PER_HOUR) {
    return `${address} has had ${recent} automatic mails in the last hour already (loop protection)`;
  }
  return null;
}
