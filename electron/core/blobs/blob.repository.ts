import { createHash } from 'node:crypto';
import type { Db } from '../store/store.ts';

/**
 * Bytes stored once by their hash (raw messages, attachments, HTML bodies): a second copy of the same file, in
 * the same message or another, costs nothing. Local to this workstation; not a change. A large blob is kept in
 * parts of BLOB_PART bytes (blob_part), so that writing or reading a 44 MB attachment never needs more than a
 * part of it in one statement: SQLite and its driver each copy what a statement binds.
 */
export const BLOB_PART = 1024 * 1024;

/** SHA-256, hex: the name of a blob, the same on every workstation that has it. */
export function blobHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A blob to store: its bytes in memory, or handed out part by part (a spooled attachment). */
export interface BlobSource {
  readonly hash: string;
  readonly size: number;
  /** The bytes from `start`, at most `length` of them. */
  read(start: number, length: number): Promise<Buffer> | Buffer;
}

export function blobOf(bytes: Uint8Array, hash = blobHash(bytes)): BlobSource {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { hash, size: buffer.length, read: (start, length) => buffer.subarray(start, start + length) };
}

async function isStored(db: Db, hash: string): Promise<boolean> {
  return (await db.selectFrom('blob').select('hash').where('hash', '=', hash).executeTakeFirst()) !== undefined;
}

/** Stores a large blob in parts, the blob row last (in the caller's transaction, so all of it or none). */
export async function putLargeBlob(db: Db, blob: BlobSource): Promise<void> {
  if (await isStored(db, blob.hash)) return;
  let part = 0;
  for (let start = 0; start < blob.size; start += BLOB_PART, part++) {
    const data = await blob.read(start, Math.min(BLOB_PART, blob.size - start));
    await db
      .insertInto('blob_part')
      .values({ hash: blob.hash, part, data })
      .onConflict((oc) => oc.columns(['hash', 'part']).doNothing())
      .execute();
  }
  await db
    .insertInto('blob')
    .values({ hash: blob.hash, size: blob.size, data: Buffer.alloc(0), parts: part })
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
}

export async function putBlob(db: Db, bytes: Uint8Array, hash = blobHash(bytes)): Promise<string> {
  if (bytes.byteLength > BLOB_PART) {
    await putLargeBlob(db, blobOf(bytes, hash));
    return hash;
  }
  await db
    .insertInto('blob')
    .values({ hash, size: bytes.byteLength, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
  return hash;
}

export async function getBlob(db: Db, hash: string): Promise<Buffer | null> {
  const row = await db.selectFrom('blob').select(['data', 'parts', 'size']).where('hash', '=', hash).executeTakeFirst();
  if (!row) return null;
  if (!row.parts) return Buffer.from(row.data);
  const whole = Buffer.allocUnsafe(row.size);
  let at = 0;
  for (let part = 0; part < row.parts; part++) {
    const piece = await db
      .selectFrom('blob_part')
      .select('data')
      .where('hash', '=', hash)
      .where('part', '=', part)
      .executeTakeFirstOrThrow();
    at += Buffer.from(piece.data).copy(whole, at);
  }
  return whole;
}
