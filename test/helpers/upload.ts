import type { Core } from '#core/index.ts';
import { call } from './invoke.ts';

/** As the renderer sends them (renderer/src/api/upload-chunks.ts). */
const CHUNK = 512 * 1024;

/** Hands the desk a file as the renderer does (`upload/begin`, then its chunks), answering its upload id. */
export async function uploadBytes(core: Core, name: string, bytes: Buffer): Promise<string> {
  const { uploadId } = await call(core, 'upload/begin', { name, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const data = bytes.subarray(offset, offset + CHUNK).toString('base64');
    await call(core, 'upload/chunk', { uploadId, offset, data });
  }
  return uploadId;
}
