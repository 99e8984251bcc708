import { createHash } from 'node:crypto';
import type { Db } from '../store/store.ts';

/** SHA-256, hex: the name of a blob, the same on every workstation that has it. */
export function blobHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Stores bytes once by their hash (raw messages, attachments, HTML bodies): a second copy of the same file,
 * in the same message or another, costs nothing. Local to this workstation; not a change.
 */
export async function putBlob(db: Db, bytes: Uint8Array, hash = blobHash(bytes)): Promise<string> {
  await db
    .insertInto('blob')
    .values({ hash, size: bytes.byteLength, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
  return hash;
}

export async function getBlob(db: Db, hash: string): Promise<Buffer | null> {
  const row = await db.selectFrom('blob').select('data').where('hash', '=', hash).executeTakeFirst();
  return row ? Buffer.from(row.data) : null;
}
