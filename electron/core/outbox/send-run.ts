import type { Transporter } from 'nodemailer';
import type { MailboxSettings, OutgoingSettings } from '#shared/domain/mailbox.ts';
import { AUTOMATION_SENDER, MAX_ATTEMPTS } from '#shared/domain/outbox.ts';
import type { OutgoingMail } from '#shared/domain/outbox.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { blobHash, getBlob, putBlob } from '#core/blobs/blob.repository.ts';
import { findIncident } from '#core/incidents/incident.repository.ts';
import { findMailbox } from '#core/mailboxes/mailbox.repository.ts';
import { lookUpOutgoingPassword } from '#core/mailboxes/outgoing-password.ts';
import { findContacts } from '#core/reference/reference.repository.ts';
import type { SecretStore } from '#core/secrets/secrets.ts';
import type { Db, Store } from '#core/store/store.ts';
import { composeMail } from './compose-mail.ts';
import { findOutgoingMail } from './outgoing-mail.repository.ts';
import { recordClaim, recordFailure, recordSent } from './outgoing-mail.service.ts';
import { createSmtpTransport, describeSmtpFailure } from './smtp-transport.ts';
import type { DescribedFailure, SmtpTarget } from './smtp-transport.ts';

export interface RunTally {
  sent: number;
  failed: number;
  retrying: number;
}

interface RunDeps {
  readonly store: Store;
  readonly secrets: SecretStore;
}

interface Claimed {
  readonly mail: OutgoingMail;
  readonly raw: Buffer;
}

type Prepared = { readonly raw: Buffer } | { readonly problem: string };

/**
 * The first recipient of an automatic mail who is neither the incident's reporter nor one of the team's agents,
 * the only people a rule's "send a template" writes to. Any member's device can push an outgoing mail marked
 * automatic, and the holder of the duties sends it through the team's account: to anyone else it would be a
 * relay for whatever that device wrote (DESIGN §8), so it is refused, in view in the outbox, not sent.
 */
async function strangerTo(
  db: Db,
  mail: OutgoingMail,
  incident: Incident | null,
  agentAddresses: ReadonlySet<string>,
): Promise<string | null> {
  const [reporter] = incident?.reporterId ? await findContacts(db, [incident.reporterId]) : [];
  const reporterAddress = reporter?.email?.toLowerCase();
  return (
    recipientsOf(mail).find((address) => {
      const lower = address.toLowerCase();
      return lower !== reporterAddress && !agentAddresses.has(lower);
    }) ?? null
  );
}

/** The team's agents' addresses, in lower case: whom automatic mail may go to besides the reporter. */
async function agentAddresses(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('agent').select('email').execute()).map((a) => a.email.toLowerCase()));
}

/** The raw message as it was (or will be) sent: built once, then the same bytes on every attempt here. */
async function prepare(
  db: Db,
  mail: OutgoingMail,
  outgoing: OutgoingSettings,
  agents: () => Promise<ReadonlySet<string>>,
): Promise<Prepared> {
  const incident = mail.incidentId ? await findIncident(db, mail.incidentId) : null;
  const automatic = mail.automatic || mail.sender === AUTOMATION_SENDER;
  const stranger = automatic ? await strangerTo(db, mail, incident, await agents()) : null;
  if (stranger) {
    return {
      problem: `Not sent: automatic mail goes only to the incident’s reporter and the team’s agents, and ${stranger} is neither; write to them as a reply if they should hear from the desk.`,
    };
  }
  const kept = mail.rawHash ? await getBlob(db, mail.rawHash) : null;
  if (kept) return { raw: kept };
  const attachments = new Map<string, Buffer>();
  for (const attachment of mail.attachments) {
    const content = await getBlob(db, attachment.hash);
    if (!content) {
      return {
        problem: `The attachment “${attachment.name}” is not on this workstation; send the reply again from the workstation that has it.`,
      };
    }
    attachments.set(attachment.hash, content);
  }
  return { raw: await composeMail({ mail, outgoing, incidentNumber: incident?.number ?? null, attachments }) };
}

/** Records a failed attempt on each mail (their `attempts` already count it when they were claimed). */
async function recordAll(
  store: Store,
  mails: readonly OutgoingMail[],
  failure: Omit<DescribedFailure, 'connection'>,
  tally: RunTally,
): Promise<void> {
  if (!mails.length) return;
  await store.command(null, async (_tx, rec) => {
    for (const mail of mails) recordFailure(rec, mail, failure, mail.attempts);
  });
  for (const mail of mails) {
    if (failure.final || mail.attempts >= MAX_ATTEMPTS) tally.failed++;
    else tally.retrying++;
  }
}

/** Claims the run in one transaction: each mail's raw message stored as a blob, its state `sending`. */
async function claim(store: Store, mails: readonly OutgoingMail[], outgoing: OutgoingSettings, tally: RunTally) {
  const { value } = await store.command(null, async (tx, rec) => {
    const claimed: Claimed[] = [];
    const unsendable: { mail: OutgoingMail; problem: string }[] = [];
    // Read once a run, and only when it has automatic mail.
    let agents: Promise<Set<string>> | null = null;
    const agentsOnce = () => (agents ??= agentAddresses(tx));
    for (const mail of mails) {
      const prepared = await prepare(tx, mail, outgoing, agentsOnce);
      if ('problem' in prepared) {
        unsendable.push({ mail, problem: prepared.problem });
        recordFailure(rec, mail, { message: prepared.problem, final: true }, mail.attempts);
        continue;
      }
      const hash = await putBlob(tx, prepared.raw, mail.rawHash ?? blobHash(prepared.raw));
      recordClaim(rec, mail, hash);
      claimed.push({ mail: { ...mail, attempts: mail.attempts + 1, rawHash: hash }, raw: prepared.raw });
    }
    return { claimed, unsendable };
  });
  tally.failed += value.unsendable.length;
  return value.claimed;
}

/** Whether a claim made here still stands (another device's later claim wins, and the mail is its to send). */
async function stillOurs(store: Store, mail: OutgoingMail): Promise<boolean> {
  const current = await findOutgoingMail(store.db, mail.id);
  return current?.state === 'sending' && current.claimedBy === store.deviceId;
}

function recipientsOf(mail: OutgoingMail): string[] {
  return [...mail.to, ...mail.cc].map((recipient) => recipient.address);
}

async function sendOne(transport: Transporter, mail: OutgoingMail, raw: Buffer, from: string) {
  const info = (await transport.sendMail({
    envelope: { from, to: recipientsOf(mail) },
    raw,
  })) as { rejected?: unknown[]; rejectedErrors?: { response?: string }[] };
  const rejected = (info.rejected ?? []).map((entry) =>
    typeof entry === 'string' ? entry : ((entry as { address?: string }).address ?? String(entry)),
  );
  if (!rejected.length) return null;
  const why = info.rejectedErrors?.[0]?.response;
  return `Not delivered to ${rejected.join(', ')}${why ? ` (the server said: “${why.slice(0, 200)}”)` : ''}; the others have it.`;
}

async function credentials(
  secrets: SecretStore,
  mailbox: MailboxSettings,
  outgoing: OutgoingSettings,
): Promise<SmtpTarget | string> {
  const found = await lookUpOutgoingPassword(secrets, mailbox, outgoing);
  if (found.kind === 'missing' || found.kind === 'other_server') return found.reason;
  return { ...outgoing, password: found.kind === 'found' ? found.password : null };
}

/**
 * Sends a run of mail through one mailbox's SMTP server, one connection for all of it. Each mail is recorded
 * right after the server's answer. A failure of the server itself (unreachable, a refused login) is recorded
 * on every mail of the run, which go back to the queue; a failure of one mail (a refused recipient, a size
 * over the server's limit) is that mail's alone, and the run goes on. `confirmClaims` (automatic mail with a
 * hub) must answer true after the claims are made, or nothing is sent now.
 */
export async function sendMailboxRun(
  deps: RunDeps,
  mailboxId: string,
  mails: readonly OutgoingMail[],
  tally: RunTally,
  confirmClaims?: () => Promise<boolean>,
): Promise<void> {
  const { store, secrets } = deps;
  const mailbox = await findMailbox(store.db, mailboxId);
  if (!mailbox?.outgoing) {
    const message = mailbox
      ? `${mailbox.name} has no outgoing (SMTP) settings any more. Add them, then send again.`
      : 'The mailbox this mail goes out from was removed. Send it again from another mailbox.';
    return recordAll(store, mails, { message, final: false }, tally);
  }
  const target = await credentials(secrets, mailbox, mailbox.outgoing);
  if (typeof target === 'string') return recordAll(store, mails, { message: target, final: false }, tally);
  const claimed = await claim(store, mails, mailbox.outgoing, tally);
  if (!claimed.length || (confirmClaims && !(await confirmClaims()))) return;
  const transport = createSmtpTransport(target);
  try {
    for (const [index, { mail, raw }] of claimed.entries()) {
      if (confirmClaims && !(await stillOurs(store, mail))) continue;
      let note: string | null;
      try {
        note = await sendOne(transport, mail, raw, mailbox.outgoing.address);
      } catch (error) {
        const failure = describeSmtpFailure(error, target);
        // The server cannot be used: the rest of the run would fail alike, so it waits with this one.
        const rest = failure.connection ? claimed.slice(index).map((c) => c.mail) : [mail];
        await recordAll(store, rest, failure, tally);
        if (failure.connection) return;
        continue;
      }
      await store.command(null, async (_tx, rec) => recordSent(rec, mail, note));
      tally.sent++;
    }
  } finally {
    transport.close();
  }
}
