import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import type { SecretCipher } from '#core/secrets/secrets.ts';
import { readChangeLog } from '../helpers/change-log.ts';
import { startDovecot } from '../helpers/dovecot.ts';
import type { Dovecot } from '../helpers/dovecot.ts';
import { call, refusal } from '../helpers/invoke.ts';
import { openTempCore, tempDir } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';
import { mail } from './mail.ts';
import { eventually, inboxItems, mailboxById, mailboxInput, signInSupervisor, waitForInbox } from './mail-desk.ts';

const { binary, skipReason } = inject('dovecot');

/** A real cipher standing in for Electron's safeStorage (which only exists inside Electron): AES-256-GCM. */
function aesCipher(): SecretCipher {
  const key = randomBytes(32);
  return {
    encrypt: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    decrypt: (sealed) => {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe.skipIf(!binary)(`mailbox settings${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dovecot: Dovecot;
  let desk: TempCore;

  beforeAll(async () => {
    dovecot = await startDovecot(binary!);
  });
  afterAll(async () => {
    await dovecot?.stop();
  });
  beforeEach(async () => {
    desk = await openTempCore();
  });
  afterEach(async () => {
    await desk.dispose();
  });

  it('are for supervisors to change; anyone signed in may look and ask for a check', async () => {
    const { core } = desk;
    expect((await refusal(core, 'mailbox/save', mailboxInput(dovecot))).code).toBe('not_signed_in');
    await signInSupervisor(core);
    const saved = await call(core, 'mailbox/save', mailboxInput(dovecot, { enabled: false }));
    const agent = await call(core, 'agent/save', {
      name: 'Alex Agent',
      email: 'alex@desk.test',
      role: 'agent',
      groupIds: [],
      active: true,
    });
    await call(core, 'session/signIn', { agentId: agent.id });

    for (const [name, input] of [
      ['mailbox/save', mailboxInput(dovecot, { id: saved.id, name: 'Renamed' })],
      ['mailbox/delete', { id: saved.id }],
      [
        'mailbox/test',
        { id: saved.id, host: dovecot.host, port: dovecot.port, tls: false, username: dovecot.user, folder: 'INBOX' },
      ],
    ] as const) {
      const error = await refusal(core, name, input);
      expect(error, name).toEqual({ code: 'forbidden', message: expect.stringContaining('supervisor') });
    }
    expect((await call(core, 'mailbox/list', {})).map((m) => m.name)).toEqual(['Support']);
    expect(await call(core, 'mailbox/syncNow', { id: saved.id })).toMatchObject({ kind: 'disabled' });
  });

  it('save, change and delete through the write path, without the password in any change', async () => {
    const { core } = desk;
    await signInSupervisor(core);
    await dovecot.deliver('Saved', [mail(1)]);
    const saved = await call(core, 'mailbox/save', mailboxInput(dovecot, { folder: 'Saved', pollSeconds: 30 }));
    expect(saved).toMatchObject({
      name: 'Support',
      host: '127.0.0.1',
      port: dovecot.port,
      tls: false,
      folder: 'Saved',
    });
    await waitForInbox(core, 1);

    const renamed = await call(
      core,
      'mailbox/save',
      mailboxInput(dovecot, { id: saved.id, folder: 'Saved', name: 'Helpdesk', password: undefined }),
    );
    expect(renamed.name).toBe('Helpdesk');
    expect(renamed.health.passwordStored).toBe(true);
    const changes = (await readChangeLog(core.store.db)).filter((c) => c.entity === 'mailbox');
    // Only what changed is recorded: the second save wrote the name alone.
    expect(changes.filter((c) => c.field === 'name').map((c) => c.value)).toEqual(['Support', 'Helpdesk']);
    expect(changes.map((c) => c.field)).not.toContain('password');
    expect(JSON.stringify(changes)).not.toContain(dovecot.password);

    // A name is used once; a folder is read by one mailbox.
    const twin = await refusal(core, 'mailbox/save', mailboxInput(dovecot, { name: 'helpdesk', folder: 'Other' }));
    expect(twin.code).toBe('conflict');
    const sameFolder = await refusal(core, 'mailbox/save', mailboxInput(dovecot, { name: 'Second', folder: 'Saved' }));
    expect(sameFolder).toEqual({ code: 'conflict', message: expect.stringContaining('already reads “Saved”') });
    // A stored password only goes to the server it was typed for.
    const moved = await refusal(
      core,
      'mailbox/save',
      mailboxInput(dovecot, { id: saved.id, folder: 'Saved', host: 'localhost', password: undefined }),
    );
    expect(moved).toEqual({ code: 'invalid_input', message: expect.stringContaining('Enter the password again') });

    expect(await call(core, 'mailbox/delete', { id: saved.id })).toEqual({ deleted: true });
    expect(await call(core, 'mailbox/list', {})).toEqual([]);
    expect((await refusal(core, 'mailbox/syncNow', { id: saved.id })).code).toBe('not_found');
    const secrets = await readFile(path.join(desk.dir, 'secrets.json'), 'utf8');
    expect(secrets).not.toContain(saved.id);
    // The poller stopped with it: mail arriving now stays on the server.
    await dovecot.deliver('Saved', [mail(2)]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await inboxItems(core)).toHaveLength(1);
  });

  it('test a connection and say in words what happened', async () => {
    const { core } = desk;
    await signInSupervisor(core);
    await dovecot.deliver('Tested', [mail(1), mail(2)]);
    const server = { host: dovecot.host, port: dovecot.port, tls: false, username: dovecot.user };

    const ok = await call(core, 'mailbox/test', { ...server, password: dovecot.password, folder: 'Tested' });
    expect(ok).toEqual({ ok: true, messages: 2, message: expect.stringContaining('“Tested” holds 2 messages') });

    const wrong = await call(core, 'mailbox/test', { ...server, password: 'not-the-password', folder: 'Tested' });
    expect(wrong).toEqual({ ok: false, message: expect.stringContaining('refused the user name or password') });

    const typo = await call(core, 'mailbox/test', { ...server, password: dovecot.password, folder: 'Testd' });
    expect(typo.ok).toBe(false);
    expect(typo.message).toContain('no folder “Testd”');
    expect(typo.message).toContain('“Tested”');

    const closed = await call(core, 'mailbox/test', {
      ...server,
      port: 9,
      password: dovecot.password,
      folder: 'Tested',
    });
    expect(closed).toEqual({ ok: false, message: expect.stringContaining('Nothing answers at 127.0.0.1:9') });

    // A saved mailbox is tested with the password stored here, but only against the server it was typed for.
    const saved = await call(core, 'mailbox/save', mailboxInput(dovecot, { folder: 'Tested', enabled: false }));
    expect(await call(core, 'mailbox/test', { id: saved.id, ...server, folder: 'Tested' })).toMatchObject({ ok: true });
    const elsewhere = await call(core, 'mailbox/test', {
      id: saved.id,
      ...server,
      host: 'localhost',
      folder: 'Tested',
    });
    expect(elsewhere).toEqual({ ok: false, message: expect.stringContaining('Enter the password again') });
    expect(await inboxItems(core)).toEqual([]);
  });

  it('show a refused password in the health, and recover when it is corrected', async () => {
    const { core } = desk;
    await signInSupervisor(core);
    await dovecot.deliver('Refused', [mail(1)]);
    const saved = await call(
      core,
      'mailbox/save',
      mailboxInput(dovecot, { folder: 'Refused', password: 'wrong-password-123' }),
    );

    const failing = await eventually(
      () => mailboxById(core, saved.id),
      (m) => m.health.lastError !== null,
      'the refusal to reach the health',
    );
    expect(failing.health).toMatchObject({
      failing: true,
      lastError: expect.stringContaining('The server refused the user name or password'),
      lastSuccessAt: null,
    });
    expect(failing.health.lastErrorAt).not.toBeNull();
    expect(failing.health.lastError).not.toContain('wrong-password-123');
    expect(await inboxItems(core)).toEqual([]);

    // The right password restarts the poller at once, without waiting out the pause after a refusal.
    await call(core, 'mailbox/save', mailboxInput(dovecot, { id: saved.id, folder: 'Refused' }));
    await waitForInbox(core, 1);
    const healthy = await eventually(
      () => mailboxById(core, saved.id),
      (m) => !m.health.failing,
      'the mailbox to recover',
    );
    expect(healthy.health.lastSuccessAt).not.toBeNull();
  });
});

describe.skipIf(!binary)(`a mailbox password${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot(binary!);
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  it('never reaches the SQLite file, the change log, a log, or any file in clear', async () => {
    const dir = await tempDir();
    const logged: string[] = [];
    const cipher = aesCipher();
    const open = () =>
      createCore({
        dataDir: dir.path,
        cipher,
        logger: {
          error: (message, error) => logged.push(`${message} ${String(error)} ${(error as Error)?.stack ?? ''}`),
        },
      });
    let core: Core = await open();
    try {
      await signInSupervisor(core);
      await dovecot.deliver('Secret', [mail(1), mail(2)]);
      const saved = await call(core, 'mailbox/save', mailboxInput(dovecot, { folder: 'Secret' }));
      await waitForInbox(core, 2);
      await call(core, 'mailbox/test', {
        id: saved.id,
        host: dovecot.host,
        port: dovecot.port,
        tls: false,
        username: dovecot.user,
        folder: 'Secret',
      });
      await call(core, 'mailbox/syncNow', { id: saved.id });
      // The sealed password still works after a restart: it is read back through the cipher.
      await core.close();
      core = await open();
      await dovecot.deliver('Secret', [mail(3)]);
      await waitForInbox(core, 3);
      expect((await mailboxById(core, saved.id)).health.passwordStored).toBe(true);
      const changes = await readChangeLog(core.store.db);
      expect(JSON.stringify(changes)).not.toContain(dovecot.password);
      expect(JSON.stringify(await call(core, 'mailbox/list', {}))).not.toContain(dovecot.password);
    } finally {
      await core.close();
    }

    const forms = [
      Buffer.from(dovecot.password, 'utf8'),
      Buffer.from(dovecot.password, 'utf16le'),
      Buffer.from(Buffer.from(dovecot.password).toString('base64')),
    ];
    const files = await filesUnder(dir.path);
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['workspace.sqlite', 'secrets.json']));
    for (const file of files) {
      const bytes = await readFile(file);
      for (const form of forms) expect(bytes.includes(form), `${path.basename(file)} holds the password`).toBe(false);
    }
    expect(logged.join('\n')).not.toContain(dovecot.password);
    await dir.remove();
  });
});
