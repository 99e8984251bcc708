import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBlob } from '#core/blobs/blob.repository.ts';
import { importFiles } from '#core/inbox/import-files.ts';
import { envelopeDate, readMbox } from '#core/email/mbox.ts';
import { spawnTs } from '../helpers/child-process.ts';
import { openTempStore, tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';
import {
  asMboxMessage,
  bouncePath,
  mboxEntry,
  readBounce,
  readCorpus,
  withoutEnvelopeLine,
  writeCorpusMbox,
} from './corpus.ts';
import { describeWithBounces, describeWithCorpus } from './with-corpus.ts';

/** Reading mbox files: one message at a time, quoting undone, and a clear refusal of what is not an mbox. */
let folder: TempDir;

beforeAll(async () => {
  folder = await tempDir('desk-mbox-');
});

afterAll(async () => {
  await folder.remove();
});

async function fileWith(name: string, content: Buffer | string): Promise<string> {
  const file = path.join(folder.path, name);
  await writeFile(file, content);
  return file;
}

async function readAll(file: string) {
  const messages = [];
  for await (const message of readMbox(file)) messages.push(message);
  return messages;
}

const message = (subject: string, body: string) =>
  Buffer.from(`From: anna@northwind.example\r\nSubject: ${subject}\r\n\r\n${body}\r\n`, 'latin1');

describe('mbox reading', () => {
  it('undoes >From quoting (mboxrd): one ">" comes off, whatever the depth', async () => {
    const body = 'From the start of a line\r\n>From quoted once\r\n>>From quoted twice\r\nnot From here\r\n';
    const original = message('Quoting', body);
    const file = await fileWith(
      'quoting.mbox',
      Buffer.concat([mboxEntry(original), mboxEntry(message('Second', 'x'))]),
    );
    const [first, second] = await readAll(file);
    expect(first!.raw.equals(original)).toBe(true);
    expect(second!.raw.toString()).toContain('Subject: Second');
  });

  it('does not cut a message at a "From " body line a careless writer left unquoted', async () => {
    const body = 'Hello,\r\nFrom one solid piece of aluminium comes a laptop.\r\n\r\nFrom now on, call me.\r\n';
    const raw = Buffer.concat([
      Buffer.from('From anna@northwind.example Mon Mar  2 09:30:00 2026\n'),
      message('Unquoted', body),
      Buffer.from('\nFrom bo@northwind.example Mon Mar  2 09:31:00 2026\n'),
      message('Next', 'x'),
    ]);
    const messages = await readAll(await fileWith('mboxo.mbox', raw));
    expect(messages.map((m) => m.raw.toString().match(/Subject: (\w+)/)![1])).toEqual(['Unquoted', 'Next']);
    expect(messages[0]!.raw.toString()).toContain('From now on, call me.');
  });

  it('takes the delivery time from the envelope line, in UTC whatever the computer’s time zone', async () => {
    expect(envelopeDate('From anna@northwind.example Mon Mar  2 09:30:00 2026')).toEqual(
      new Date('2026-03-02T09:30:00Z'),
    );
    expect(envelopeDate('From - Thu Jan 01 00:00:00 1970')).toEqual(new Date(0));
    expect(envelopeDate('From someone 2 Mar 2026 09:30')).toBeNull();
  });

  it('reads a line of 24 MB without a line break (a broken attachment) in one pass', async () => {
    const long = Buffer.alloc(24 * 1024 * 1024, 'A');
    const raw = Buffer.concat([
      Buffer.from('From a Mon Mar  2 09:30:00 2026\nSubject: long\n\n'),
      long,
      Buffer.from('\n\nFrom b Mon Mar  2 09:31:00 2026\nSubject: after\n\nx\n'),
    ]);
    const started = performance.now();
    const messages = await readAll(await fileWith('long-line.mbox', raw));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(messages).toHaveLength(2);
    expect(messages[0]!.raw.length).toBe('Subject: long\n\n'.length + long.length + 1);
  });

  describe('what is not an mbox is refused with a clear message', () => {
    const cases: [string, Buffer | string, string][] = [
      [
        'letter.mbox',
        'Subject: hi\r\n\r\nI am an email, not a mailbox.\r\n',
        'letter.mbox is not an mbox file: it does not start with a "From " line.',
      ],
      [
        'scan.mbox',
        Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'),
        'scan.mbox is not an mbox file: it does not start with a "From " line.',
      ],
      ['empty.mbox', '', 'empty.mbox is empty: there is no message in it.'],
      ['blank.mbox', '\n\n\n', 'blank.mbox is empty: there is no message in it.'],
    ];
    for (const [name, content, reason] of cases) {
      it(name, async () => {
        const file = await fileWith(name, content);
        const temp = await openTempStore();
        try {
          const summary = await importFiles(temp.store, [file]);
          expect(summary).toMatchObject({ messages: 1, failed: 1, imported: 0 });
          expect(summary.failures).toEqual([{ source: name, reason }]);
        } finally {
          await temp.dispose();
        }
      });
    }
  });

  it('reads a file without an extension with several envelope lines as an mbox (a mail client’s "Inbox")', async () => {
    const raw = Buffer.concat([mboxEntry(message('One', 'a')), mboxEntry(message('Two', 'b'))]);
    const file = await fileWith('Inbox', raw);
    const temp = await openTempStore();
    try {
      expect(await importFiles(temp.store, [file])).toMatchObject({ messages: 2, imported: 2 });
    } finally {
      await temp.dispose();
    }
  });

  it('never splits a file named as one message, whatever "From " lines its body has', async () => {
    const raw = Buffer.concat([mboxEntry(message('One', 'a')), mboxEntry(message('Two', 'b'))]);
    const temp = await openTempStore();
    try {
      expect(await importFiles(temp.store, [await fileWith('saved.eml', raw)])).toMatchObject({
        messages: 1,
        imported: 1,
      });
      const row = await temp.store.db.selectFrom('message').select(['subject']).executeTakeFirstOrThrow();
      expect(row.subject).toBe('One');
    } finally {
      await temp.dispose();
    }
  });
});

describeWithCorpus('a message cut short at the end of an mbox', () => {
  /** A real mail with a photo (Zammad's mail009: super-seven.jpg, base64) cut `keep` bytes into its photo. */
  function cutInThePhoto(where: 'mid-line' | 'line-end'): Buffer {
    const raw = withoutEnvelopeLine(readCorpus('zammad/mail009.box'));
    const photo = raw.indexOf('Content-Transfer-Encoding: base64');
    const inside = raw.indexOf('\n', raw.indexOf('\n\n', photo) + 2 + 4_000);
    return raw.subarray(0, where === 'mid-line' ? inside - 30 : inside + 1);
  }

  async function importCut(cut: Buffer) {
    const whole = readCorpus('zammad/mail003.box');
    const file = await fileWith(
      'cut.mbox',
      Buffer.concat([mboxEntry(whole), Buffer.from('From - Mon Mar  2 09:31:00 2026\n'), cut]),
    );
    const temp = await openTempStore();
    try {
      const summary = await importFiles(temp.store, [file]);
      const rows = await temp.store.db
        .selectFrom('message')
        .select(['subject', 'from_address', 'truncated', 'raw_hash', 'body_text'])
        .orderBy('received_at')
        .execute();
      const blob = await getBlob(temp.store.db, rows.find((r) => r.truncated)?.raw_hash ?? '');
      return { summary, rows, blob };
    } finally {
      await temp.dispose();
    }
  }

  for (const where of ['mid-line', 'line-end'] as const) {
    it(`inside a base64 attachment (${where}): marked cut short, keeping what arrived`, async () => {
      const cut = cutInThePhoto(where);
      const { summary, rows, blob } = await importCut(cut);
      expect(summary).toMatchObject({ messages: 2, imported: 2, failed: 0 });
      expect(rows.map((r) => [r.from_address, r.truncated])).toEqual([
        ['k.guenther@example.com', 0],
        ['martin@example.de', 1],
      ]);
      expect(rows[1]!.subject).toMatch(/^AW: OTRS \/ Anfrage OTRS Einführung\/Präsentation/);
      expect(rows[1]!.body_text).toContain('Old programmers never die.');
      expect(blob?.equals(cut)).toBe(true);
    });
  }

  it('in its headers: marked cut short, keeping what arrived', async () => {
    const raw = withoutEnvelopeLine(readCorpus('zammad/mail009.box'));
    const cut = raw.subarray(0, raw.indexOf('Subject:') + 12);
    const { rows } = await importCut(cut);
    expect(rows.map((r) => [r.from_address, r.truncated])).toEqual([
      ['k.guenther@example.com', 0],
      ['martin@example.de', 1],
    ]);
  });

  it('a whole mailbox has nothing cut short', async () => {
    const whole = withoutEnvelopeLine(readCorpus('zammad/mail009.box'));
    const { rows } = await importCut(asMboxMessage(whole));
    expect(rows.map((r) => r.truncated)).toEqual([0, 0]);
  });
});

describeWithBounces('a real single message with an unquoted "From " line', () => {
  it('is one message: sisimai’s rhost-cox-01.eml', async () => {
    const raw = readBounce('bsd/rhost-cox-01.eml');
    expect(raw.toString('latin1')).toMatch(/\nFrom double-bounce@tr2\.example\.com {2}Thu Jul {2}2 12:05:05 2020\n/);
    const temp = await openTempStore();
    try {
      expect(await importFiles(temp.store, [bouncePath('bsd/rhost-cox-01.eml')])).toMatchObject({
        messages: 1,
        automatic: 1,
        failed: 0,
      });
    } finally {
      await temp.dispose();
    }
  });
});

describeWithCorpus('mbox files of real mail', () => {
  it('keeps a saved message with its envelope line byte for byte, and parses it without that line', async () => {
    const raw = readCorpus('zammad/mail001.box');
    expect(raw.subarray(0, 5).toString()).toBe('From ');
    const file = await fileWith('mail001.box', raw);
    const temp = await openTempStore();
    try {
      expect(await importFiles(temp.store, [file])).toMatchObject({ messages: 1, imported: 1 });
      const row = await temp.store.db.selectFrom('message').selectAll().executeTakeFirstOrThrow();
      expect(row.subject).toBe('CI Daten für PublicView');
      expect(row.from_address).toBe('john.smith@example.com');
      // The envelope line's date ("Thu May  3 12:04:29 2012") is when the mailbox received it.
      expect(row.received_at).toBe('2012-05-03T12:04:29.000Z');
      expect(withoutEnvelopeLine(raw).length).toBeLessThan(raw.length);
    } finally {
      await temp.dispose();
    }
  });

  it('streams: reading eight times as much mail takes no more memory', async () => {
    const small = path.join(folder.path, 'small.mbox');
    const large = path.join(folder.path, 'large.mbox');
    const { bytes: smallBytes } = await writeCorpusMbox(small, 1_000);
    const { bytes: largeBytes } = await writeCorpusMbox(large, 8_000);
    expect(largeBytes).toBeGreaterThan(160 * 1024 * 1024);
    const peak = async (file: string) => {
      const child = spawnTs(path.join(import.meta.dirname, 'fixtures', 'read-mbox.child.ts'), [file]);
      const line = await child.waitFor(/^\{/, { timeoutMs: 60_000 });
      return JSON.parse(line) as { messages: number; bytes: number; peakRssMb: number };
    };
    const [few, many] = [await peak(small), await peak(large)];
    expect([few.messages, many.messages]).toEqual([1_000, 8_000]);
    expect(many.bytes).toBeGreaterThan(7 * few.bytes);
    // Holding the large file would take 150 MB more than the small one; streaming, the difference is the noise of
    // the garbage collector's timing.
    const extraMb = (largeBytes - smallBytes) / 2 ** 20;
    expect(many.peakRssMb - few.peakRssMb).toBeLessThan(extraMb / 4);
  }, 90_000);
});
