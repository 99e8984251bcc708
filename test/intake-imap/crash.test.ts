import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCore } from '#core/index.ts';
import { Store } from '#core/store/store.ts';
import { killHard, spawnTs } from '../helpers/child-process.ts';
import { startDovecot } from '../helpers/dovecot.ts';
import type { Dovecot } from '../helpers/dovecot.ts';
import { call } from '../helpers/invoke.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import { largeMail } from './mail.ts';
import { eventually, mailboxById, mailboxInput, signInSupervisor } from './mail-desk.ts';

const { binary, skipReason } = inject('dovecot');
const CHILD = path.join(import.meta.dirname, 'fixtures', 'read-mailbox.child.ts');
const MESSAGES = 1_000;
/** When to kill after a commit is heard of: at once, and at moments spread over the next batch's work. */
const KILL_DELAYS_MS = [0, 4, 9, 15, 22, 30, 45];

/** What a workspace file holds for the mailbox: its cursor, its messages (with their UIDs) and its count. */
async function storedState(file: string, mailboxId: string) {
  const store = await Store.open({ file });
  try {
    const cursor = await store.db
      .selectFrom('mailbox_cursor')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .executeTakeFirst();
    const health = await store.db
      .selectFrom('mailbox_health')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .executeTakeFirst();
    const messages = await store.db.selectFrom('message').select(['source', 'message_id']).execute();
    const uids = messages.map((m) => Number(/#(\d+)$/.exec(m.source ?? '')?.[1])).sort((a, b) => a - b);
    return { lastUid: cursor?.last_uid ?? 0, imported: health?.imported ?? 0, uids };
  } finally {
    await store.close();
  }
}

describe.skipIf(!binary)(
  `a workstation killed while reading a mailbox${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let dovecot: Dovecot;
    beforeAll(async () => {
      dovecot = await startDovecot(binary!);
    });
    afterAll(async () => {
      await dovecot?.stop();
    });

    it('loses no message and stores none twice', async () => {
      const folder = await tempDir('desk-imap-crash-');
      try {
        await dovecot.deliver(
          'Big',
          Array.from({ length: MESSAGES }, (_, i) =>
            largeMail(i + 1, 16 * 1024, { messageId: `<big-${i + 1}@northwind.example>` }),
          ),
        );
        // Set up without reading (duties off), so the child is the first to read the folder.
        const setup = await createCore({ dataDir: folder.path, duties: false, queueIndex: false });
        await signInSupervisor(setup);
        const mailbox = await call(setup, 'mailbox/save', mailboxInput(dovecot, { folder: 'Big' }));
        await setup.close();

        // Killed again and again, at different moments after a commit: in a download, a parse, a transaction.
        let before = 0;
        for (const delayMs of KILL_DELAYS_MS) {
          const child = spawnTs(CHILD, [folder.path]);
          await child.waitFor(/^reading$/);
          await child.waitFor(/^inbox \d+$/, { timeoutMs: 60_000 });
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          await killHard(child);

          // Whatever was committed when the process died came with its cursor: exactly UIDs 1..lastUid.
          const killed = await storedState(path.join(folder.path, 'workspace.sqlite'), mailbox.id);
          expect(killed.uids, `killed ${delayMs} ms after a commit`).toEqual(
            Array.from({ length: killed.lastUid }, (_, i) => i + 1),
          );
          expect(killed.imported).toBe(killed.lastUid);
          expect(killed.lastUid).toBeGreaterThan(before);
          before = killed.lastUid;
        }
        expect(before, 'the kills came before the end of the folder').toBeLessThan(MESSAGES);

        // Started again, it reads on from the cursor to the end of the folder.
        const core = await createCore({ dataDir: folder.path, queueIndex: false });
        try {
          const done = await eventually(
            () => mailboxById(core, mailbox.id),
            (m) => m.health.imported >= MESSAGES,
            `all ${MESSAGES} messages`,
            60_000,
          );
          expect(done.health.imported).toBe(MESSAGES);
          const rows = await core.store.db.selectFrom('message').select('message_id').execute();
          const inbox = rows.map((r) => r.message_id ?? '').sort();
          const onServer = (await dovecot.messageIds('Big')).sort();
          expect(onServer).toHaveLength(MESSAGES);
          expect(new Set(inbox).size).toBe(inbox.length);
          expect(inbox).toEqual(onServer);
        } finally {
          await core.close();
        }
      } finally {
        await folder.remove();
      }
      // Seven processes started and killed, and a thousand messages read: minutes on a busy machine.
    }, 240_000);
  },
);
