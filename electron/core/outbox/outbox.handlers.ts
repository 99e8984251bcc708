import { readFile } from 'node:fs/promises';
import type { Handlers } from '#shared/contract.ts';
import { DeskError } from '#shared/errors.ts';
import { MAX_REPLY_ATTACHMENT_BYTES } from '#shared/domain/outbox.ts';
import type { OutgoingAttachment, SendReplyCommand } from '#shared/domain/outbox.ts';
import { blobHash, putBlob } from '#core/blobs/blob.repository.ts';
import { getIncidentDetail } from '#core/incidents/incident.repository.ts';
import { findMailbox } from '#core/mailboxes/mailbox.repository.ts';
import type { CoreContext } from '../context.ts';
import { findOutgoingMail, listOutgoingMail } from './outgoing-mail.repository.ts';
import { retryOutgoingMail } from './outgoing-mail.service.ts';
import { recordReply } from './reply.service.ts';
import { replyContext } from './reply-context.ts';
import { sendTestMail } from './test-mail.ts';

type OutboxHandlers = Pick<
  Handlers,
  'incident/reply' | 'incident/replyContext' | 'outbox/list' | 'outbox/retry' | 'mailbox/sendTest'
>;

/**
 * A reply's attachments as blobs on this workstation (which sends it): files already here (an attachment
 * that came in) by hash, and uploads, stored now and released.
 */
async function storeAttachments(
  { store, uploads }: Pick<CoreContext, 'store' | 'uploads'>,
  attachments: SendReplyCommand['attachments'],
): Promise<OutgoingAttachment[]> {
  const stored: OutgoingAttachment[] = [];
  let total = 0;
  for (const attachment of attachments) {
    let hash: string;
    let name: string;
    let size: number;
    if ('uploadId' in attachment) {
      const upload = uploads.complete(attachment.uploadId);
      const bytes = await readFile(upload.file);
      hash = await putBlob(store.db, bytes, blobHash(bytes));
      await uploads.release(attachment.uploadId);
      ({ name } = upload);
      size = bytes.byteLength;
    } else {
      const row = await store.db
        .selectFrom('blob')
        .select('size')
        .where('hash', '=', attachment.hash)
        .executeTakeFirst();
      if (!row) throw new DeskError('not_found', `The file “${attachment.name}” is not on this workstation.`);
      ({ hash, name } = attachment);
      size = row.size;
    }
    total += size;
    if (total > MAX_REPLY_ATTACHMENT_BYTES) {
      throw new DeskError(
        'invalid_input',
        'The attachments come to more than 20 MB, more than most mail servers take.',
      );
    }
    stored.push({ name, contentType: attachment.contentType, size, hash });
  }
  return stored;
}

export function outboxHandlers(
  context: Pick<CoreContext, 'store' | 'session' | 'uploads' | 'secrets'>,
): OutboxHandlers {
  const { store, session, secrets } = context;
  return {
    'incident/reply': async (command) => {
      const actorId = await session.requireAgentId();
      const attachments = await storeAttachments(context, command.attachments);
      await store.command(actorId, (tx, rec) => recordReply(tx, rec, command, actorId, attachments));
      return getIncidentDetail(store.db, command.incidentId);
    },
    'incident/replyContext': async ({ id }) => replyContext(store.db, id, await session.requireAgentId()),
    // A read, like the queue and the inbox: open to the workstation, signed in or not.
    'outbox/list': (input) => listOutgoingMail(store.db, input),
    'outbox/retry': async ({ id }) => {
      const actorId = await session.requireAgentId();
      await store.command(actorId, (tx, rec) => retryOutgoingMail(tx, rec, id));
      return (await findOutgoingMail(store.db, id))!;
    },
    'mailbox/sendTest': async ({ id, to }) => {
      await session.requireSupervisorId();
      const mailbox = await findMailbox(store.db, id);
      if (!mailbox) throw new DeskError('not_found', `No mailbox with id ${id}.`);
      return sendTestMail(secrets, mailbox, to, new Date(store.now()));
    },
  };
}
