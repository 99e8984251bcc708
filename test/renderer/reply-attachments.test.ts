import { describe, expect, it } from 'vitest';
import { MAX_REPLY_ATTACHMENT_BYTES } from '#shared/domain/outbox.ts';
import { attachmentProblem, MAX_REPLY_FILES } from '../../renderer/src/incident/reply-attachments.ts';

/** A file of that many bytes, without holding them: only its size and name are read. */
const file = (size: number, name = 'scan.pdf') => ({ name, size }) as File;

describe('files going with a reply', () => {
  it('may come to the desk’s limit, not a byte more, before anything is uploaded', () => {
    expect(attachmentProblem([file(MAX_REPLY_ATTACHMENT_BYTES - 1), file(1)])).toBeNull();
    expect(attachmentProblem([file(MAX_REPLY_ATTACHMENT_BYTES), file(1)])).toMatch(
      /^The files come to 20 MB, over the 20 MB a reply may carry/,
    );
  });

  it('are at most as many as the desk takes', () => {
    expect(attachmentProblem(Array.from({ length: MAX_REPLY_FILES }, () => file(10)))).toBeNull();
    expect(attachmentProblem(Array.from({ length: MAX_REPLY_FILES + 1 }, () => file(10)))).toBe(
      'At most 20 files go with one reply',
    );
  });
});
