import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportSummary } from '#shared/domain/intake.ts';
import { createCore } from '#core/index.ts';
import { importFiles } from '#core/inbox/import-files.ts';
import { REPO_ROOT } from '../helpers/child-process.ts';
import { call } from '../helpers/invoke.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';
import { mboxEntry, readCorpus } from './corpus.ts';
import { describeWithCorpus } from './with-corpus.ts';

/**
 * `desk import --json` as an agent or a script runs it: a real process on a real workspace, printing what the
 * import did message by message, and each failure with its reason; its exit code says whether anything failed
 * (3), while the rest is imported.
 */
const DESK = path.join(REPO_ROOT, 'electron', 'host', 'desk.mjs');

function deskImport(
  dataDir: string,
  ...files: string[]
): Promise<{ code: number; summary: ImportSummary; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [DESK, 'import', '--data', dataDir, '--json', ...files],
      { cwd: REPO_ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        try {
          resolve({ code: error ? Number(error.code) : 0, summary: JSON.parse(stdout) as ImportSummary, stderr });
        } catch {
          reject(new Error(`desk import printed no JSON: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

const mail = (from: string, subject: string, messageId: string, extra = '') =>
  Buffer.from(
    `From: ${from}\r\nTo: support@desk.example\r\nSubject: ${subject}\r\nDate: Mon, 02 Mar 2026 08:15:00 +0000\r\n` +
      `Message-ID: ${messageId}\r\n${extra}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello.\r\n`,
  );

describeWithCorpus('desk import --json', () => {
  let folder: TempDir;
  let dataDir: string;
  const files: string[] = [];

  beforeAll(async () => {
    folder = await tempDir('desk-import-cli-');
    dataDir = path.join(folder.path, 'workspace');
    // The workspace already has an incident, made by an agent from Anna's first email.
    const first = mail('Anna Berg <anna@northwind.example>', 'Printer prints blank pages', '<first@northwind.example>');
    const firstFile = path.join(folder.path, 'first.eml');
    await writeFile(firstFile, first);
    const core = await createCore({ dataDir, queueIndex: false, autoSync: false });
    try {
      await call(core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
      await importFiles(core.store, [firstFile]);
      const row = await core.store.db.selectFrom('message').select('id').executeTakeFirstOrThrow();
      await call(core, 'inbox/createIncident', { ids: [row.id] });
    } finally {
      await core.close();
    }
    const mailbox = [
      mail('Bo Lind <bo@northwind.example>', 'VPN drops every hour', '<new@northwind.example>'),
      mail(
        'Anna Berg <anna@northwind.example>',
        'Re: Printer prints blank pages',
        '<reply@northwind.example>',
        'In-Reply-To: <first@northwind.example>\r\n',
      ),
      readCorpus('zammad/mail055.box'), // a real bounce
      first, // already imported
    ];
    files.push(
      path.join(folder.path, 'inbox.mbox'),
      path.join(folder.path, 'letter.mbox'),
      path.join(folder.path, 'empty.eml'),
    );
    await writeFile(files[0]!, Buffer.concat(mailbox.map((raw) => mboxEntry(raw))));
    await writeFile(files[1]!, 'Subject: hi\r\n\r\nI am one email, not a mailbox.\r\n');
    await writeFile(files[2]!, '');
  });

  afterAll(async () => {
    await folder.remove();
  });

  it('counts imported, added to incidents, duplicate, automatic and failed, with a reason for each failure', async () => {
    const { code, summary } = await deskImport(dataDir, ...files);
    // Files failed: a script can tell, and the rest was imported all the same.
    expect(code).toBe(3);
    expect(summary).toEqual({
      messages: 6,
      imported: 1,
      threaded: 1,
      duplicate: 1,
      automatic: 1,
      failed: 2,
      failures: [
        { source: 'letter.mbox', reason: 'letter.mbox is not an mbox file: it does not start with a "From " line.' },
        { source: 'empty.eml', reason: 'empty.eml is empty: there is no message in it.' },
      ],
    });
  });

  it('run again, adds nothing: every message is a duplicate, and nothing failed', async () => {
    const { code, summary } = await deskImport(dataDir, files[0]!);
    expect(code).toBe(0);
    expect(summary).toMatchObject({ messages: 4, imported: 0, threaded: 0, automatic: 0, duplicate: 4, failed: 0 });
  });
});
