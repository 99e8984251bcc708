import { randomUUID } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DeskError } from '#shared/errors.ts';
import { SECRETS_FILE } from './secrets.ts';
import type { SecretCipher, SecretStore } from './secrets.ts';
import type { Keyring, KeyringAvailability } from './system-keyring.ts';

/**
 * A workspace's secrets (hub tokens, mailbox passwords), each kept in the strongest place this host has
 * (DESIGN §8): sealed with Electron's safeStorage in the desktop app, in the OS keyring for the Node hosts,
 * and where neither exists in the secrets file in plain text, which is said so rather than called encrypted.
 * `secrets.json` (0600, like every workspace file) is the index: for each name, where its secret lives.
 * Secrets left in plain text move into the keyring (or safeStorage) as soon as a host that has one opens
 * the workspace. A secret is never logged, and an error never carries one.
 */
export type SecretsProtection = 'safeStorage' | 'keyring' | 'plain';

type StoredSecret =
  | { readonly in: 'plain'; readonly value: string }
  | { readonly in: 'safeStorage'; readonly sealed: string }
  | { readonly in: 'keyring' };

interface SecretsFile {
  readonly format: 2;
  /** Names this workspace's entries in the keyring, which every workspace of the user shares. */
  readonly keyringId: string;
  readonly secrets: Record<string, StoredSecret>;
}

export interface WorkspaceSecretsOptions {
  readonly dataDir: string;
  /** The desktop app's safeStorage. */
  readonly cipher?: SecretCipher | null;
  /** The OS keyring, opened when secrets are first needed. */
  readonly keyring?: (() => Promise<KeyringAvailability>) | null;
}

export class WorkspaceSecrets implements SecretStore {
  readonly #file: string;
  readonly #cipher: SecretCipher | null;
  readonly #openKeyring: (() => Promise<KeyringAvailability>) | null;
  #opened: Promise<{ keyring: Keyring | null; keyringProblem: string | null }> | null = null;
  /** One change at a time: each reads, changes and rewrites the whole file. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: WorkspaceSecretsOptions) {
    this.#file = path.join(options.dataDir, SECRETS_FILE);
    this.#cipher = options.cipher ?? null;
    this.#openKeyring = options.keyring ?? null;
  }

  /** Where new secrets go on this host, and why not somewhere safer. */
  async protection(): Promise<{ kind: SecretsProtection; where: string }> {
    const { keyring, keyringProblem } = await this.#open();
    if (this.#cipher) return { kind: 'safeStorage', where: 'sealed by the system keychain (Electron safeStorage)' };
    if (keyring) return { kind: 'keyring', where: `in ${keyring.name}` };
    const why = keyringProblem ?? 'no system keyring is used by this host';
    return { kind: 'plain', where: `NOT encrypted (${why}): in ${this.#file}, readable by you only` };
  }

  async get(name: string): Promise<string | null> {
    const { keyring } = await this.#open();
    const file = await this.#read();
    const stored = file.secrets[name];
    if (!stored) return null;
    try {
      if (stored.in === 'plain') return stored.value;
      if (stored.in === 'safeStorage') {
        return this.#cipher ? this.#cipher.decrypt(Buffer.from(stored.sealed, 'base64')) : null;
      }
      return keyring ? await keyring.read(accountFor(file, name)) : null;
    } catch {
      // Sealed on another machine, or a keyring that will not answer: as good as absent, and asked for again.
      return null;
    }
  }

  async set(name: string, value: string | null): Promise<void> {
    const { keyring } = await this.#open();
    await this.#change(async (file) => {
      const previous = file.secrets[name];
      const secrets = { ...file.secrets };
      if (value === null) delete secrets[name];
      else secrets[name] = await this.#protect(file, name, value, keyring);
      if (previous?.in === 'keyring' && secrets[name]?.in !== 'keyring') {
        await keyring?.remove(accountFor(file, name)).catch(() => {});
      }
      return { ...file, secrets };
    });
  }

  async #protect(file: SecretsFile, name: string, value: string, keyring: Keyring | null): Promise<StoredSecret> {
    if (this.#cipher) return { in: 'safeStorage', sealed: this.#cipher.encrypt(value).toString('base64') };
    if (!keyring) return { in: 'plain', value };
    try {
      await keyring.write(accountFor(file, name), value);
    } catch (error) {
      throw new DeskError(
        'internal',
        `${keyring.name} did not store the secret (${error instanceof Error ? error.message : String(error)}). ` +
          'Unlock it and try again.',
      );
    }
    return { in: 'keyring' };
  }

  /** Opens the keyring once, then moves every secret still in plain text to where it is protected. */
  #open(): Promise<{ keyring: Keyring | null; keyringProblem: string | null }> {
    this.#opened ??= (async () => {
      const availability = this.#openKeyring ? await this.#openKeyring() : null;
      const keyring = availability?.kind === 'available' ? availability.keyring : null;
      const keyringProblem = availability?.kind === 'unavailable' ? availability.reason : null;
      if (this.#cipher || keyring) await this.#protectPlainSecrets(keyring);
      return { keyring, keyringProblem };
    })();
    return this.#opened;
  }

  async #protectPlainSecrets(keyring: Keyring | null): Promise<void> {
    await this.#change(async (file) => {
      const plain = Object.entries(file.secrets).filter(([, stored]) => stored.in === 'plain');
      if (!plain.length) return null;
      const secrets = { ...file.secrets };
      for (const [name, stored] of plain) {
        if (stored.in !== 'plain') continue;
        // Written to the keyring before the file forgets it: a crash in between leaves it in both, never in neither.
        secrets[name] = await this.#protect(file, name, stored.value, keyring).catch(() => stored);
      }
      return { ...file, secrets };
    });
  }

  /** Runs `edit` on the file's content and writes what it answers (null: nothing to write). */
  #change(edit: (file: SecretsFile) => Promise<SecretsFile | null>): Promise<void> {
    const run = this.#queue.then(async () => {
      const next = await edit(await this.#read());
      if (next) await this.#write(next);
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  async #read(): Promise<SecretsFile> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.#file, 'utf8'));
    } catch {
      parsed = null;
    }
    return this.#fromStored(parsed);
  }

  /** The file as written now, or as an earlier version wrote it: a flat map of name to secret. */
  #fromStored(parsed: unknown): SecretsFile {
    const record = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
    if (record.format === 2 && typeof record.keyringId === 'string') {
      const secrets = Object.fromEntries(
        Object.entries((record.secrets ?? {}) as Record<string, unknown>).filter(([, stored]) => isStored(stored)),
      ) as Record<string, StoredSecret>;
      return { format: 2, keyringId: record.keyringId, secrets };
    }
    const secrets: Record<string, StoredSecret> = {};
    for (const [name, value] of Object.entries(record)) {
      if (typeof value === 'string') secrets[name] = this.#fromEarlierVersion(value);
    }
    return { format: 2, keyringId: randomUUID(), secrets };
  }

  /** Earlier versions kept safeStorage's output or the plain secret, without saying which. */
  #fromEarlierVersion(value: string): StoredSecret {
    if (this.#cipher) {
      try {
        this.#cipher.decrypt(Buffer.from(value, 'base64'));
        return { in: 'safeStorage', sealed: value };
      } catch {
        // Not sealed here: written in plain text by a host without a keychain.
      }
    }
    return { in: 'plain', value };
  }

  async #write(file: SecretsFile): Promise<void> {
    // Written aside and renamed: a crash leaves the old file or the new one, never half of one.
    const temporary = `${this.#file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(file), { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, this.#file);
  }
}

function accountFor(file: SecretsFile, name: string): string {
  return `${file.keyringId}/${name}`;
}

function isStored(value: unknown): value is StoredSecret {
  const stored = value as Partial<Record<string, unknown>> | null;
  if (!stored || typeof stored !== 'object') return false;
  if (stored.in === 'plain') return typeof stored.value === 'string';
  if (stored.in === 'safeStorage') return typeof stored.sealed === 'string';
  return stored.in === 'keyring';
}
