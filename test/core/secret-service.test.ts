import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { HandlerInput } from '#shared/contract.ts';
import { createCore } from '#core/index.ts';
import type { Core, CoreOptions } from '#core/index.ts';
import { KEYRING_SERVICE } from '#core/secrets/system-keyring.ts';
import { REPO_ROOT, spawnTs } from '../helpers/child-process.ts';
import { call } from '../helpers/invoke.ts';
import { secretServiceMissing, startSecretService } from '../helpers/secret-service.ts';
import type { SecretService } from '../helpers/secret-service.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

const missing = secretServiceMissing();
if (missing && process.env.CI === 'true') throw new Error(`The Secret Service tests cannot run: ${missing}.`);

const DESK = path.join(REPO_ROOT, 'electron', 'host', 'desk.mjs');
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

describe.skipIf(missing)(
  `secrets in a real Secret Service (GNOME Keyring on D-Bus)${missing ? ` — skipped: ${missing}` : ''}`,
  () => {
    let service: SecretService;
    let folder: TempDir;
    const open = (options: Partial<CoreOptions> = {}) =>
      createCore({ dataDir: folder.path, autoSync: false, queueIndex: false, ...options });
    const passwordStored = async (core: Core) =>
      (await call(core, 'mailbox/list', {})).map((mailbox) => mailbox.health.passwordStored);

    beforeAll(async () => {
      service = await startSecretService();
    });
    afterAll(async () => {
      await service?.stop();
    });
    beforeEach(async () => {
      folder = await tempDir('desk-secret-service-');
    });
    afterEach(async () => {
      await folder.remove();
    });

    it('keeps a mailbox password there, not in the workspace, and reads it back after a restart', async () => {
      const core = await open({ keyring: 'system' });
      try {
        await call(core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
        await call(core, 'mailbox/save', MAILBOX);
        expect(await core.describeSecrets()).toEqual({ kind: 'keyring', where: 'in the Secret Service' });
      } finally {
        await core.close();
      }
      expect(await readFile(path.join(folder.path, 'secrets.json'), 'utf8')).not.toContain(PASSWORD);
      // Asked of the Secret Service itself, not through the desk's adapter.
      const held = await findCredentialsAsync(KEYRING_SERVICE);
      expect(held.map((credential) => credential.password).join()).toContain(PASSWORD);

      const again = await open({ keyring: 'system' });
      try {
        expect(await passwordStored(again)).toEqual([true]);
      } finally {
        await again.close();
      }
    });

    it('is where desk serve says, in its start-up line, that it keeps secrets', async () => {
      const child = spawnTs(DESK, ['serve', '--data', folder.path, '--port', '0']);
      try {
        expect(await child.waitFor(/^Secrets /)).toBe('Secrets (hub token, mailbox passwords): in the Secret Service.');
      } finally {
        child.process.kill('SIGTERM');
        await child.exited;
      }
    });

    it('takes in a password an earlier start kept in plain text, which then leaves the file', async () => {
      const plain = await open();
      await call(plain, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
      await call(plain, 'mailbox/save', { ...MAILBOX, password: `${PASSWORD} 2` });
      await plain.close();
      expect(await readFile(path.join(folder.path, 'secrets.json'), 'utf8')).toContain(`${PASSWORD} 2`);

      const core = await open({ keyring: 'system' });
      try {
        expect(await passwordStored(core)).toEqual([true]);
      } finally {
        await core.close();
      }
      expect(await readFile(path.join(folder.path, 'secrets.json'), 'utf8')).not.toContain(`${PASSWORD} 2`);
      const held = await findCredentialsAsync(KEYRING_SERVICE);
      expect(held.map((credential) => credential.password).join()).toContain(`${PASSWORD} 2`);
      for (const credential of held) {
        await new AsyncEntry(KEYRING_SERVICE, credential.account, {
          linux: { store: 'secret-service' },
        }).deleteCredential();
      }
    });
  },
);
