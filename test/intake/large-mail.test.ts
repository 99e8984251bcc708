import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BLOB_PART, getBlob } from '#core/blobs/blob.repository.ts';
import { SPOOL_ABOVE } from '#core/email/read-mail.ts';
import { importFiles } from '#core/inbox/import-files.ts';
import { openTempStore } from '../helpers/temp-workspace.ts';
import type { TempStore } from '../helpers/temp-workspace.ts';

/**
 * One large mail (an attachment of several megabytes): its attachment goes from the parser to a spool file and
 * from there to the blob store a part at a time, and its raw copy is stored in parts too, so it costs little
 * more than its own size (the benchmark measures how little). Here: that all of it arrives, byte for byte.
 */
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function mailWith(attachment: Buffer): Buffer {
  const base64 = attachment.toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    'From: Anna Berg <anna.berg@northwind.example>\r\nTo: support@desk.example\r\nSubject: The logs\r\n' +
      'Date: Mon, 02 Mar 2026 08:15:00 +0000\r\nMessage-ID: <logs@northwind.example>\r\nMIME-Version: 1.0\r\n' +
      'Content-Type: multipart/mixed; boundary="part"\r\n\r\n--part\r\nContent-Type: text/plain\r\n\r\n' +
      'The logs of the night the server stopped.\r\n--part\r\n' +
      'Content-Type: application/octet-stream; name="server.log.gz"\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
      `${base64}\r\n--part--\r\n`,
    'latin1',
  );
}

/** This process's spool files (read-mail.ts names them by the process id). */
function spoolFilesLeft(): string[] {
  return readdirSync(os.tmpdir())
    .filter((dir) => dir.startsWith('desk-spool-'))
    .flatMap((dir) => {
      try {
        return readdirSync(path.join(os.tmpdir(), dir)).filter((file) => file.startsWith(`${process.pid}-`));
      } catch {
        return [];
      }
    });
}

let temp: TempStore;

beforeEach(async () => {
  temp = await openTempStore();
});

afterEach(async () => {
  await temp.dispose();
});

describe('a large mail', () => {
  it('stores its attachment and its raw copy whole, in parts, and leaves no spool file behind', async () => {
    const attachment = randomBytes(SPOOL_ABOVE + 2 * BLOB_PART + 12_345);
    const raw = mailWith(attachment);
    const file = path.join(path.dirname(temp.file), 'logs.eml');
    await writeFile(file, raw);
    expect(await importFiles(temp.store, [file])).toMatchObject({ messages: 1, imported: 1, failed: 0 });

    const row = await temp.store.db.selectFrom('message').selectAll().executeTakeFirstOrThrow();
    const [info] = JSON.parse(row.attachments) as { name: string; size: number; hash: string }[];
    expect(info).toMatchObject({ name: 'server.log.gz', size: attachment.length, hash: sha256(attachment) });
    expect((await getBlob(temp.store.db, info!.hash))?.equals(attachment)).toBe(true);
    expect((await getBlob(temp.store.db, row.raw_hash!))?.equals(raw)).toBe(true);

    const parts = await temp.store.db
      .selectFrom('blob')
      .select(['hash', 'parts'])
      .where('hash', 'in', [info!.hash, row.raw_hash!])
      .execute();
    expect(parts.map((p) => p.parts).sort()).toEqual(
      [Math.ceil(attachment.length / BLOB_PART), Math.ceil(raw.length / BLOB_PART)].sort(),
    );
    expect(spoolFilesLeft()).toEqual([]);
  });

  it('imported again, is a duplicate and leaves no spool file behind either', async () => {
    const raw = mailWith(randomBytes(SPOOL_ABOVE + 1));
    const file = path.join(path.dirname(temp.file), 'logs.eml');
    await writeFile(file, raw);
    await importFiles(temp.store, [file]);
    expect(await importFiles(temp.store, [file])).toMatchObject({ duplicate: 1 });
    expect(spoolFilesLeft()).toEqual([]);
  });
});
