import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '#core/index.ts';
import { Store } from '#core/store/store.ts';
import { killHard, spawnTs } from '../helpers/child-process.ts';
import type { TsChild } from '../helpers/child-process.ts';
import { call } from '../helpers/invoke.ts';
import { startTestSmtp } from '../helpers/smtp-server.ts';
import type { ReceivedMail, TestSmtp } from '../helpers/smtp-server.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';
import { customerMail, mailboxWithOutgoing, parse, withoutAutomaticMail } from './outbox-desk.ts';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'send-outbox.child.ts');
const MAILS = 12;

async function storedStates(folder: string): Promise<Map<string, string>> {
  const store = await Store.open({ file: path.join(folder, 'workspace.sqlite') });
  try {
    const rows = await store.db.selectFrom('outgoing_mail').select(['message_id', 'state']).execute();
    return new Map(rows.map((row) => [row.message_id, row.state]));
  } finally {
    await store.close();
  }
}

async function messageIdOf(mail: ReceivedMail): Promise<string> {
  return (await parse(mail.raw)).messageId!;
}

/**
 * A sender killed at any moment loses no mail and sends none twice, except in the one window README names:
 * killed after the server took a mail and before that was recorded, it sends that mail again on restart,
 * with the same Message-ID (at least once).
 */
describe('a workstation killed while sending', () => {
  let folder: TempDir;
  let smtp: TestSmtp;
  /** What the server does with the next message before answering it; set per round. */
  let hold: ((mail: ReceivedMail) => Promise<boolean>) | null = null;

  beforeAll(async () => {
    folder = await tempDir('desk-outbox-crash-');
    smtp = await startTestSmtp({ beforeAnswer: async (mail) => (hold ? hold(mail) : true) });
    // Set up without sending (no background work), so the child is the first to send.
    const setup = await createCore({ dataDir: folder.path, autoSync: false, duties: false, queueIndex: false });
    await call(setup, 'session/register', { name: 'Sam Supervisor', email: 'sam@desk.test' });
    await withoutAutomaticMail(setup);
    await call(setup, 'mailbox/save', mailboxWithOutgoing(smtp));
    const file = path.join(folder.path, 'customer.eml');
    await (await import('node:fs/promises')).writeFile(file, customerMail());
    await setup.importFiles([file]);
    const inbox = await call(setup, 'inbox/list', {});
    const { incidentIds } = await call(setup, 'inbox/createIncident', { ids: [inbox.items[0]!.id] });
    for (let i = 1; i <= MAILS; i++) {
      await call(setup, 'incident/reply', { incidentId: incidentIds[0]!, text: `Update ${i}.` });
    }
    await setup.close();
  });
  afterAll(async () => {
    await smtp.close();
    await folder.remove();
  });

  /** Starts the sender; `at` picks the message at which the server holds and the child is killed. */
  async function killDuring(at: number, answer: 'refuse' | 'accept'): Promise<void> {
    let seen = 0;
    let child: TsChild | null = null;
    let killed: Promise<void> | null = null;
    const reached = new Promise<void>((resolve) => {
      hold = async () => {
        if (++seen < at) return true;
        hold = null;
        resolve();
        // Held until the sender is dead: refused (it never reached the mailbox) or taken (the window).
        await new Promise<void>((wait) => setTimeout(wait, 0));
        if (answer === 'accept') {
          killed = killHard(child!);
          return true;
        }
        await (killed = killHard(child!));
        return false;
      };
    });
    child = spawnTs(CHILD, [folder.path]);
    await child.waitFor(/^sending$/);
    await reached;
    await killed;
    await child.exited;
  }

  it('sends every mail, and only the one taken in the window twice, with the same Message-ID', async () => {
    // Killed while the server holds the 3rd message, before answering: that message never arrived.
    await killDuring(3, 'refuse');
    const first = await storedStates(folder.path);
    expect([...first.values()].filter((s) => s === 'sent')).toHaveLength(2);
    expect(smtp.received).toHaveLength(2);

    // Killed as the server takes the 3rd message of this run: the window.
    await killDuring(3, 'accept');
    expect(smtp.received.length).toBe(5);

    // Started again and left to finish.
    const child = spawnTs(CHILD, [folder.path]);
    await child.waitFor(/^sending$/);
    const deadline = Date.now() + 30_000;
    let states = await storedStates(folder.path);
    while ([...states.values()].some((s) => s !== 'sent') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      states = await storedStates(folder.path);
    }
    await killHard(child);

    expect([...states.values()]).toEqual(Array(MAILS).fill('sent'));
    const ids = await Promise.all(smtp.received.map(messageIdOf));
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    // Every mail arrived; at most the one of the window twice; nothing else.
    expect([...counts.keys()].sort()).toEqual([...states.keys()].sort());
    const twice = [...counts.entries()].filter(([, n]) => n > 1);
    expect(twice.length).toBeLessThanOrEqual(1);
    expect(twice.every(([, n]) => n === 2)).toBe(true);
    expect(ids.length).toBe(MAILS + twice.length);
  }, 120_000);
});
