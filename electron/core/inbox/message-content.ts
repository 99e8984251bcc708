import { DeskError } from '#shared/errors.ts';
import type { AttachmentContent, MessageHtml } from '#shared/domain/intake.ts';
import { getBlob } from '../blobs/blob.repository.ts';
import type { Db } from '../store/store.ts';
import { getMessageRow, messageRowToModel } from './inbox.repository.ts';

/** Inline images larger than this stay out of the page (the agent can still open the attachment). */
const MAX_INLINE_IMAGE = 5 * 1024 * 1024;

/** A message's HTML body with the images it shows inline, or null when it has none (or not here). */
export async function readMessageHtml(db: Db, id: string): Promise<MessageHtml | null> {
  const row = await getMessageRow(db, id);
  if (!row.html_hash) return null;
  const html = await getBlob(db, row.html_hash);
  if (!html) return null;
  const inlineImages: { contentId: string; dataUri: string }[] = [];
  const message = messageRowToModel(row);
  for (const part of message.attachments.filter((a) => a.contentId && a.contentType.startsWith('image/'))) {
    if (part.size > MAX_INLINE_IMAGE) continue;
    const bytes = await getBlob(db, part.hash);
    if (bytes) {
      inlineImages.push({
        contentId: part.contentId!,
        dataUri: `data:${part.contentType};base64,${bytes.toString('base64')}`,
      });
    }
  }
  return { html: html.toString('utf8'), inlineImages };
}

/** One attachment of a message, by its hash; only what that message carries. */
export async function readAttachment(db: Db, id: string, hash: string): Promise<AttachmentContent> {
  const message = messageRowToModel(await getMessageRow(db, id));
  const part = message.attachments.find((a) => a.hash === hash);
  if (!part) throw new DeskError('not_found', 'That message has no such attachment.');
  const bytes = await getBlob(db, hash);
  if (!bytes) {
    throw new DeskError(
      'not_found',
      `${part.name} is kept on the workstation that received the message, not this one.`,
    );
  }
  return { name: part.name, contentType: part.contentType, base64: bytes.toString('base64') };
}
