import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerInput } from '#shared/contract.ts';
import { createCore } from '#core/index.ts';
import type { Core, CoreOptions } from '#core/index.ts';
import type { Keyring, KeyringAvailability } from '#core/secrets/system-keyring.ts';
import type { SecretCipher } from '#core/secrets/secrets.ts';
import { call } from '../helpers/invoke.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

const PASSWORD = 'correct horse battery staple';

const MAILBOX: HandlerInput<'mailbox/save'> = {
  name: 'Service desk',
  host: 'imap.desk.example',
  port: 993,
  tls: true,
  username: 'desk',
  password: PASSWORD,
  folder: 'INBOX',
  mode: 'poll',
  pollSeconds: 300,
  maxMessageBytes: 25 * 1024 * 1024,
  enabled: false,
};

/**
 * The operating system's keyring as the adapter sees it: a store outside the workspace folder. It stands in
 * for the Secret Service here; the real one is tested in secret-service.test.ts where it can run.
 */
function keyringOutside(): {
  keyring: Keyring;
  entries: Map<string, string>;
  open: () => Promise<KeyringAvailability>;
} {
  const entries = new Map<string, string>();
  const keyring: Keyring = {
    name: 'the test keyring',
    read: async (account) => entries.get(account) ?? null,
    write: async (account, secret) => void entries.set(account, secret),
    remove: async (account) => void entries.delete(account),
  };
  return { keyring, entries, open: async () => ({ kind: 'available', keyring }) };
}

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

describe('secrets outside the desktop app', () => {
  let folder: TempDir;
  const open = (options: Partial<CoreOptions> = {}) =>
    createCore({ dataDir: folder.path, autoSync: false, queueIndex: false, ...options });
  const secretsFile = () => path.join(folder.path, 'secrets.json');
  const passwordStored = async (core: Core) =>
    (await call(core, 'mailbox/list', {})).map((mailbox) => mailbox.health.passwordStored);

  beforeEach(async () => {
    folder = await tempDir('desk-secrets-');
  });
  afterEach(async () => {
    await folder.remove();
  });

  async function saveMailbox(core: Core): Promise<void> {
    await call(core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
    await call(core, 'mailbox/save', MAILBOX);
  }

  it('go into the keyring where there is one, and never into the workspace folder', async () => {
    const outside = keyringOutside();
    const core = await open({ keyring: outside.open });
    try {
      await saveMailbox(core);
      expect(await core.describeSecrets()).toEqual({ kind: 'keyring', where: 'in the test keyring' });
      expect(await readFile(secretsFile(), 'utf8')).not.toContain(PASSWORD);
      expect([...outside.entries.values()].join()).toContain(PASSWORD);
    } finally {
      await core.close();
    }
    const again = await open({ keyring: outside.open });
    try {
      expect(await passwordStored(again)).toEqual([true]);
      // Forgotten with the mailbox, in the keyring too.
      await call(again, 'mailbox/delete', { id: (await call(again, 'mailbox/list', {}))[0]!.id });
      expect(outside.entries.size).toBe(0);
    } finally {
      await again.close();
    }
  });

  it('stay in a file readable by its user alone where there is no keyring, and say so instead of claiming encryption', async () => {
    const core = await open({
      keyring: async () => ({ kind: 'unavailable', reason: 'no D-Bus session here, so no Secret Service' }),
    });
    try {
      await saveMailbox(core);
      const protection = await core.describeSecrets();
      expect(protection.kind).toBe('plain');
      expect(protection.where).toMatch(
        /^NOT encrypted \(no D-Bus session here, so no Secret Service\): in .*secrets\.json, readable by you only$/,
      );
      expect(protection.where).not.toMatch(/\bencrypted\b(?<!NOT encrypted)/);
      expect((await stat(secretsFile())).mode & 0o777).toBe(0o600);
      expect(await passwordStored(core)).toEqual([true]);
    } finally {
      await core.close();
    }
  });

  it('move from plain text into the keyring once a host that has one opens the workspace', async () => {
    const plain = await open();
    await saveMailbox(plain);
    await plain.close();
    expect(await readFile(secretsFile(), 'utf8')).toContain(PASSWORD);

    const outside = keyringOutside();
    const core = await open({ keyring: outside.open });
    try {
      await core.describeSecrets();
      expect(await readFile(secretsFile(), 'utf8')).not.toContain(PASSWORD);
      expect([...outside.entries.values()].join()).toContain(PASSWORD);
      expect(await passwordStored(core)).toEqual([true]);
    } finally {
      await core.close();
    }
  });

  it('written in plain text by an earlier version are read, then sealed by the desktop app', async () => {
    const plain = await open();
    await saveMailbox(plain);
    const id = (await call(plain, 'mailbox/list', {}))[0]!.id;
    await plain.close();
    // The flat file an earlier browser-mode host or CLI wrote.
    const stored = JSON.stringify({ server: 'desk@imap.desk.example:993', password: PASSWORD });
    await writeFile(secretsFile(), JSON.stringify({ [`mailbox-password:${id}`]: stored }), { mode: 0o600 });

    const core = await open({ cipher: aesCipher() });
    try {
      expect(await passwordStored(core)).toEqual([true]);
      expect((await core.describeSecrets()).kind).toBe('safeStorage');
      expect(await readFile(secretsFile(), 'utf8')).not.toContain(PASSWORD);
    } finally {
      await core.close();
    }
  });
});
