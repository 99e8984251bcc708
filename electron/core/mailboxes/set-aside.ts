import type { JsonValue } from '#shared/change.ts';
import type { MailboxSettings } from '#shared/domain/mailbox.ts';
import { blobHash } from '#core/blobs/blob.repository.ts';
import type { ChangeRecorder, Db } from '#core/store/store.ts';
import { messageEntityId } from '../messages/message-ids.ts';

/** What the server told us about a message before (or instead of) downloading it. */
export interface MessageSummary {
  readonly uid: number;
  /** False when the server could not even say what it is (its envelope failed to come). */
  readonly known: boolean;
  readonly size: number;
  readonly messageId: string | null;
  readonly from: { readonly address: string; readonly name: string } | null;
  readonly subject: string;
  readonly date: Date | null;
  readonly internalDate: Date | null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Where the message still is, so an agent can open it in a mail client. */
export function whereOnServer(mailbox: MailboxSettings, uid: number): string {
  return `${mailbox.username} on ${mailbox.host}, folder “${mailbox.folder}”, UID ${uid}`;
}

/**
 * Records a message the desk did not download as an inbox item of kind `unparsed`, made from its envelope:
 * who wrote, the subject, when, and a note saying why it is not here and where it is. An agent sees that a
 * customer wrote (a message skipped in silence could be an incident nobody hears of) and can open it on the
 * server. The id comes from the Message-ID, or else from the envelope, so a folder read again (a new
 * UIDVALIDITY) finds it already there.
 */
export async function recordSetAside(
  db: Db,
  recorder: ChangeRecorder,
  mailbox: MailboxSettings,
  summary: MessageSummary,
  note: string,
): Promise<'recorded' | 'duplicate'> {
  // Without an envelope there is nothing to recognise it by but its place in the folder.
  const envelopeHash = blobHash(
    Buffer.from(
      summary.known
        ? `imap-envelope:${summary.from?.address ?? ''}|${summary.date?.toISOString() ?? ''}|${summary.subject}|${summary.size}`
        : `imap-unknown:${mailbox.id}|${summary.uid}`,
    ),
  );
  const id = messageEntityId(summary.messageId, envelopeHash);
  if (await db.selectFrom('message').select('id').where('id', '=', id).executeTakeFirst()) return 'duplicate';
  const receivedAt = summary.internalDate ?? summary.date ?? new Date(recorder.at);
  const fields: Record<string, JsonValue> = {
    channel: 'email',
    kind: 'unparsed',
    state: 'untriaged',
    receivedAt: receivedAt.toISOString(),
    subject: summary.known ? summary.subject.slice(0, 500) || '(no subject)' : '(could not be read from the server)',
    preview: note.slice(0, 240),
    bodyText: '',
    note,
    source: `imap: ${mailbox.name} #${summary.uid}`,
  };
  if (summary.from) {
    fields.fromAddress = summary.from.address;
    if (summary.from.name) fields.fromName = summary.from.name;
  }
  if (summary.messageId) fields.messageId = summary.messageId;
  for (const [field, value] of Object.entries(fields)) recorder.set('message', id, field, value);
  await recorder.flush();
  return 'recorded';
}

export function tooLargeNote(mailbox: MailboxSettings, summary: MessageSummary): string {
  return (
    `This message is ${formatBytes(summary.size)}, over the ${formatBytes(mailbox.maxMessageBytes)} limit set for ` +
    `the ${mailbox.name} mailbox, so it was not downloaded. It is still on the server: ` +
    `${whereOnServer(mailbox, summary.uid)}. Open it there, or raise the limit for messages read later.`
  );
}

export function unreadableNote(mailbox: MailboxSettings, summary: MessageSummary, reason: string): string {
  const what = summary.known ? 'could not be downloaded' : 'could not be read from the server';
  const kept = summary.known ? ', so only its envelope is here' : '';
  return `This message ${what} (${reason})${kept}. It is still on the server: ${whereOnServer(mailbox, summary.uid)}.`;
}

/** A message the server could not describe: all that is known is its place. */
export function unknownSummary(uid: number): MessageSummary {
  return { uid, known: false, size: 0, messageId: null, from: null, subject: '', date: null, internalDate: null };
}
