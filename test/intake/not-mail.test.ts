import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '#core/inbox/import-files.ts';
import { REPO_ROOT } from '../helpers/child-process.ts';
import { openTempStore, tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir, TempStore } from '../helpers/temp-workspace.ts';
import { corpusPath, readCorpus } from './corpus.ts';
import { describeWithCorpus } from './with-corpus.ts';

/**
 * A file handed in as one email that is not one (a program, a JSON file named .eml, a file of white space) is
 * a clear failure of that file, as an empty file is: nothing half-made lands in the inbox.
 */
let folder: TempDir;
let temp: TempStore;

beforeAll(async () => {
  folder = await tempDir('desk-not-mail-');
});

afterAll(async () => {
  await folder.remove();
});

beforeEach(async () => {
  temp = await openTempStore();
});

afterEach(async () => {
  await temp.dispose();
});

async function fileWith(name: string, content: Buffer | string): Promise<string> {
  const file = path.join(folder.path, name);
  await writeFile(file, content);
  return file;
}

/** The start of the program running this test: a real executable. */
async function programBytes(): Promise<Buffer> {
  const handle = await open(process.execPath, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256 * 1024), 0, 256 * 1024, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function messageCount(): Promise<number> {
  const row = await temp.store.db
    .selectFrom('message')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function expectRefused(file: string, reason: string): Promise<void> {
  const summary = await importFiles(temp.store, [file]);
  expect(summary).toMatchObject({ messages: 1, failed: 1, imported: 0, automatic: 0 });
  expect(summary.failures).toEqual([{ source: path.basename(file), reason }]);
  expect(await messageCount()).toBe(0);
}

describe('files that are not mail', () => {
  it('a program is not an email', async () => {
    await expectRefused(
      await fileWith('tool.eml', await programBytes()),
      'tool.eml is not an email: it holds binary data, not the header fields an email starts with.',
    );
  });

  it('a JSON file named .eml is not an email', async () => {
    await expectRefused(
      await fileWith('package.eml', await readFile(path.join(REPO_ROOT, 'package.json'))),
      'package.eml is not an email: it does not start with header fields (From:, Subject: …); its first line is “{”.',
    );
  });

  it('a file of one space is not an email', async () => {
    await expectRefused(
      await fileWith('space.eml', ' '),
      'space.eml is not an email: there is nothing in it but white space.',
    );
  });

  it('the rest of an import goes on', async () => {
    const space = await fileWith('blank.eml', ' \r\n');
    const mail = await fileWith('mail.eml', 'From: anna@northwind.example\r\nSubject: Printer\r\n\r\nBlank pages.\r\n');
    const summary = await importFiles(temp.store, [space, mail]);
    expect(summary).toMatchObject({ messages: 2, imported: 1, failed: 1 });
    expect(await messageCount()).toBe(1);
  });
});

describeWithCorpus('real files that are, and are not, mail', () => {
  it('a digest’s text without any header (CPython’s msg_19.txt) is not an email', async () => {
    expect(readCorpus('cpython/msg_19.txt').toString().startsWith('Send Ppp mailing list submissions to')).toBe(true);
    await expectRefused(
      corpusPath('cpython/msg_19.txt'),
      'msg_19.txt is not an email: it does not start with header fields (From:, Subject: …); its first line is “Send Ppp mailing list submissions to”.',
    );
  });

  it('a mail saved with one line above its headers still is one (Zammad’s mail068)', async () => {
    expect(readCorpus('zammad/mail068.box').toString().startsWith('---- Original email message ----')).toBe(true);
    expect(await importFiles(temp.store, [corpusPath('zammad/mail068.box')])).toMatchObject({
      messages: 1,
      imported: 1,
      failed: 0,
    });
  });
});
