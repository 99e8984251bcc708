import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { startDovecot } from '../helpers/dovecot.ts';
import type { Dovecot } from '../helpers/dovecot.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { call } from '../helpers/invoke.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';
import { mail } from './mail.ts';
import { eventually, inboxItems, mailboxById, mailboxInput } from './mail-desk.ts';

const { binary, skipReason } = inject('dovecot');

/**
 * In a team, mailboxes are read by the one workstation holding the automation lease (DESIGN §4), and by
 * another as soon as it takes the lease over.
 */
describe.skipIf(!binary)(`mailboxes in a team${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dovecot: Dovecot;
  let hub: TestHub;
  const dirs: TempDir[] = [];
  const open: Core[] = [];

  async function workstation(name: string): Promise<Core> {
    const agent = await hub.addAgent(name, 'supervisor');
    const dir = await tempDir('desk-lease-');
    dirs.push(dir);
    const core = await createCore({ dataDir: dir.path, queueIndex: false, syncPollMs: 500 });
    open.push(core);
    await call(core, 'sync/connect', { hubUrl: hub.url, token: agent.token });
    await core.sync.syncNow();
    await core.session.signIn(agent.id);
    return core;
  }

  beforeAll(async () => {
    [dovecot, hub] = await Promise.all([startDovecot(binary!), startTestHub()]);
  });
  afterAll(async () => {
    for (const core of open) await core.close();
    await hub?.close();
    await dovecot?.stop();
    for (const dir of dirs) await dir.remove();
  });

  it('are read only by the lease holder, and by the next one when it lets go', async () => {
    const alex = await workstation('Alex Morgan');
    await eventually(async () => alex.sync.status.automation, Boolean, 'Alex to take the lease', 30_000);
    const priya = await workstation('Priya Raman');
    expect(priya.sync.status.automation).toBe(false);

    await dovecot.deliver('Team', [mail(1)]);
    const saved = await call(alex, 'mailbox/save', mailboxInput(dovecot, { folder: 'Team' }));
    await eventually(
      () => inboxItems(alex),
      (items) => items.length === 1,
      'Alex to read the first message',
    );
    // The settings reach Priya; the password does not (it never leaves the workstation it was typed on),
    // so she enters it on hers, to be ready to take over.
    const arrived = await eventually(
      () => call(priya, 'mailbox/list', {}),
      (list) => list.length === 1,
      'the mailbox settings to reach Priya',
    );
    expect(arrived[0]!.health).toMatchObject({ readBy: 'elsewhere', passwordStored: false });
    await call(priya, 'mailbox/save', mailboxInput(dovecot, { id: saved.id, folder: 'Team' }));
    expect(await call(priya, 'mailbox/syncNow', { id: saved.id })).toMatchObject({ kind: 'elsewhere' });

    // Only Alex reads the server: Priya sees the message through the hub, and has no cursor of her own.
    await eventually(
      () => inboxItems(priya),
      (items) => items.length === 1,
      'the message to reach Priya',
    );
    const priyaCursor = await priya.store.db.selectFrom('mailbox_cursor').selectAll().execute();
    expect(priyaCursor).toEqual([]);
    expect((await mailboxById(priya, saved.id)).health).toMatchObject({ lastSuccessAt: null, imported: 0 });

    // Alex shuts down and gives the lease up; Priya takes it at her next heartbeat and reads on.
    await alex.close();
    open.splice(open.indexOf(alex), 1);
    await eventually(async () => priya.sync.status.automation, Boolean, 'Priya to take the lease over', 30_000);
    await dovecot.deliver('Team', [mail(2)]);
    const items = await eventually(
      () => inboxItems(priya),
      (list) => list.length === 2,
      'Priya to read the new message',
    );
    expect(items.map((i) => i.subject).sort()).toEqual(['Printer 1 is jammed', 'Printer 2 is jammed']);
    const health = (await mailboxById(priya, saved.id)).health;
    // The first message was already in her inbox from the hub: recognised, not added again.
    expect(health).toMatchObject({ readBy: 'here', imported: 1, failing: false });
  });
});
