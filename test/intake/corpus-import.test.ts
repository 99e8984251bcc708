import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getBlob } from '#core/blobs/blob.repository.ts';
import { importFiles } from '#core/inbox/import-files.ts';
import { parseEmail } from '#core/email/parse-email.ts';
import type { Store } from '#core/store/store.ts';
import { openTempStore, tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir, TempStore } from '../helpers/temp-workspace.ts';
import {
  asMboxMessage,
  bounceFiles,
  bouncePath,
  corpusFiles,
  corpusMessages,
  corpusPath,
  mboxEntry,
  readBounce,
  readCorpus,
  withMessageId,
} from './corpus.ts';
import { describeWithBounces, describeWithCorpus } from './with-corpus.ts';

/**
 * Every file of the email corpus (every folder: Zammad's, CPython's msg_*.txt, mailparser's, postal-mime's, the
 * mail gem's sub-folders) imports without an exception and keeps its raw bytes: the blob under the message's
 * raw hash is the file, byte for byte. As an mbox, every message comes back out of its mbox quoting intact.
 */
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The files that are not messages, and why each is refused: the mail gem keeps an empty placeholder among its
 * fixtures, and CPython's msg_19.txt is the text of a digest without any header (its tests read it as a body).
 */
const NOT_MESSAGES: Readonly<Record<string, string>> = {
  'mikel-mail/sample_output_multipart': 'sample_output_multipart is empty: there is no message in it.',
  'cpython/msg_19.txt':
    'msg_19.txt is not an email: it does not start with header fields (From:, Subject: …); its first line is “Send Ppp mailing list submissions to”.',
};

async function messageByRawHash(store: Store, hash: string) {
  return store.db
    .selectFrom('message')
    .select(['id', 'kind', 'raw_hash'])
    .where('raw_hash', '=', hash)
    .executeTakeFirst();
}

describeWithCorpus('the email corpus imports whole', () => {
  const files = corpusFiles();
  const stores: TempStore[] = [];
  let folder: TempDir;

  beforeAll(async () => {
    folder = await tempDir('desk-corpus-');
  });

  afterAll(async () => {
    for (const store of stores) await store.dispose();
    await folder.remove();
  });

  it('covers every folder of the corpus', () => {
    const folders = new Set(files.map((file) => file.split(path.sep)[0]));
    expect([...folders].sort()).toEqual(['cpython', 'mailparser', 'mikel-mail', 'postal-mime', 'zammad']);
    expect(files.filter((file) => /^cpython\/msg_\d+a?\.txt$/.test(file)).length).toBe(47);
    expect(files.filter((file) => file.startsWith('mikel-mail/')).length).toBeGreaterThan(100);
  });

  it('imports each file without an exception, keeping its bytes as the raw message', async () => {
    // The corpus reuses Message-IDs for variants of one message (one fixture with CRLF, one with LF) and has
    // identical files in two folders. In one workspace the second is a duplicate, as it should be (below); here
    // every file must keep its own bytes, so files that would be one message go to different workspaces.
    const workspaces: { store: Store; keys: Set<string> }[] = [];
    const workspaceFor = async (key: string) => {
      let workspace = workspaces.find((w) => !w.keys.has(key));
      if (!workspace) {
        const temp = await openTempStore();
        stores.push(temp);
        workspace = { store: temp.store, keys: new Set() };
        workspaces.push(workspace);
      }
      workspace.keys.add(key);
      return workspace.store;
    };
    for (const file of files) {
      const raw = readCorpus(file);
      const messageId = raw.length ? (await parseEmail(raw)).messageId : null;
      const store = await workspaceFor(messageId ? `id:${messageId.toLowerCase()}` : `raw:${sha256(raw)}`);
      const summary = await importFiles(store, [corpusPath(file)]);
      const refusal = NOT_MESSAGES[file.split(path.sep).join('/')];
      if (refusal) {
        expect(summary).toMatchObject({ messages: 1, failed: 1 });
        expect(summary.failures[0]!.reason).toBe(refusal);
        continue;
      }
      expect(summary.failures, file).toEqual([]);
      expect(summary).toMatchObject({ messages: 1, duplicate: 0, failed: 0 });
      expect(await messageByRawHash(store, sha256(raw)), file).toBeDefined();
      expect((await getBlob(store.db, sha256(raw)))?.equals(raw), file).toBe(true);
    }
    expect(workspaces.length).toBeGreaterThan(1);
  });

  it('imports the corpus as one mbox, every message coming out of its quoting byte for byte', async () => {
    const messages = corpusMessages().map(({ file, raw }, i) => ({
      file,
      // Its own Message-ID, so that no variant is a duplicate of another.
      raw: asMboxMessage(withMessageId(raw, `<corpus-${i}@intake.example>`)),
    }));
    const mbox = path.join(folder.path, 'corpus.mbox');
    await writeFile(mbox, Buffer.concat(messages.map(({ raw }) => mboxEntry(raw))));
    const temp = await openTempStore();
    stores.push(temp);
    const summary = await importFiles(temp.store, [mbox]);
    expect(summary.failures).toEqual([]);
    expect(summary).toMatchObject({ messages: messages.length, duplicate: 0, failed: 0 });
    for (const { file, raw } of messages) {
      expect((await getBlob(temp.store.db, sha256(raw)))?.equals(raw), file).toBe(true);
    }
  });

  it('imports the whole corpus twice into one workspace: the second time adds nothing', async () => {
    const temp = await openTempStore();
    stores.push(temp);
    const paths = files.map(corpusPath);
    const first = await importFiles(temp.store, paths);
    const count = async () =>
      Number(
        (await temp.store.db
          .selectFrom('message')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst())!.n,
      );
    const messagesAfterFirst = await count();
    const second = await importFiles(temp.store, paths);
    // Variants sharing a Message-ID are duplicates the first time already; the files that are not messages fail
    // both times.
    const refused = Object.keys(NOT_MESSAGES).length;
    expect(first.failed).toBe(refused);
    expect(messagesAfterFirst).toBe(first.messages - first.duplicate - first.failed);
    expect(second).toMatchObject({
      messages: first.messages,
      imported: 0,
      threaded: 0,
      automatic: 0,
      duplicate: first.messages - refused,
      failed: refused,
    });
    expect(await count()).toBe(messagesAfterFirst);
  });
});

/**
 * The same for the bounce corpus (../shared/corpus/bounces/sisimai): every file of every folder (LF, CRLF,
 * CR only, the pieces of a bounce mailbox) imports as one message without an exception, keeps its bytes as
 * the raw message, and is automatic mail. The folders hold the same mails with other line endings, which are
 * duplicates of each other (the same mail); each folder goes to its own workspace. Within bsd/, sisimai keeps
 * a few fixtures twice under two names, byte for byte: the second is a duplicate.
 */
describeWithBounces('the bounce corpus imports whole', () => {
  const stores: TempStore[] = [];

  afterAll(async () => {
    for (const store of stores) await store.dispose();
  });

  for (const folder of ['bsd', 'dos', 'mac', 'err']) {
    it(`imports each file of ${folder}/ as one automatic message, keeping its bytes`, async () => {
      const temp = await openTempStore();
      stores.push(temp);
      const files = bounceFiles().filter(({ file }) => file.startsWith(`${folder}/`));
      expect(files.length).toBeGreaterThan(10);
      let duplicates = 0;
      for (const { file } of files) {
        const raw = readBounce(file);
        const summary = await importFiles(temp.store, [bouncePath(file)]);
        expect(summary.failures, file).toEqual([]);
        expect(summary, file).toMatchObject({ messages: 1, failed: 0 });
        expect(summary.automatic + summary.duplicate, file).toBe(1);
        expect((await messageByRawHash(temp.store, sha256(raw)))?.kind, file).not.toBe('message');
        expect((await getBlob(temp.store.db, sha256(raw)))?.equals(raw), file).toBe(true);
        duplicates += summary.duplicate;
      }
      expect(duplicates).toBe(folder === 'bsd' ? 7 : 0);
    }, 120_000);
  }
});
