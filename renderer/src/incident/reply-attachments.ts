import { MAX_REPLY_ATTACHMENT_BYTES } from '#shared/domain/outbox.ts';
import { formatFileSize } from '../common/file-size.ts';

/** At most this many files: the desk's own limit for a reply. */
export const MAX_REPLY_FILES = 20;

/** Why these files cannot go with a reply, before anything is uploaded; null when they can. */
export function attachmentProblem(files: readonly File[]): string | null {
  if (files.length > MAX_REPLY_FILES) return `At most ${MAX_REPLY_FILES} files go with one reply`;
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > MAX_REPLY_ATTACHMENT_BYTES) {
    return `The files come to ${formatFileSize(total)}, over the ${formatFileSize(MAX_REPLY_ATTACHMENT_BYTES)} a reply may carry (most mail servers refuse more)`;
  }
  return null;
}
