import { DeskError } from '#shared/errors.ts';
import { desk } from './desk.ts';
import type { DeskOutcome } from './desk.ts';
import { bytesToBase64, chunkOffsets, UPLOAD_CHUNK_BYTES } from './upload-chunks.ts';

/**
 * Sends a file the agent chose to the desk in chunks (`upload/begin`, `upload/chunk`), for a command that
 * takes it by its upload id (a reply's attachment). The first refusal, or a file the browser cannot read, ends it.
 */
export async function uploadFile(file: File): Promise<DeskOutcome<{ uploadId: string }>> {
  const upload = await desk['upload/begin']({ name: file.name, size: file.size });
  if (!upload.ok) return upload;
  const { uploadId } = upload.value;
  for (const offset of chunkOffsets(file.size)) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: new DeskError('internal', `“${file.name}” could not be read: ${reason}`) };
    }
    const sent = await desk['upload/chunk']({ uploadId, offset, data: bytesToBase64(bytes) });
    if (!sent.ok) return sent;
  }
  return { ok: true, value: { uploadId } };
}
