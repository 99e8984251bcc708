import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** In the workspace folder. */
export const SECRETS_FILE = 'secrets.json';

/** Where a workspace keeps secrets (hub tokens, later mailbox passwords). */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string | null): Promise<void>;
}

/** How the desktop app seals secrets: Electron's safeStorage (the OS keychain) behind two functions. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/**
 * Secrets in a file beside the workspace, readable by this user only. The desktop app passes a cipher
 * (safeStorage), so what is on disk is sealed by the OS keychain; the headless and browser-mode hosts, which
 * have no keychain, rely on the file's permissions alone.
 */
export class FileSecretStore implements SecretStore {
  readonly #file: string;
  readonly #cipher: SecretCipher | null;

  constructor(dataDir: string, cipher: SecretCipher | null = null) {
    this.#file = path.join(dataDir, SECRETS_FILE);
    this.#cipher = cipher;
  }

  async #read(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await readFile(this.#file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  async get(name: string): Promise<string | null> {
    const stored = (await this.#read())[name];
    if (stored === undefined) return null;
    if (!this.#cipher) return stored;
    try {
      return this.#cipher.decrypt(Buffer.from(stored, 'base64'));
    } catch {
      return null; // Sealed on another machine or by another user: as good as absent.
    }
  }

  async set(name: string, value: string | null): Promise<void> {
    const all = await this.#read();
    if (value === null) delete all[name];
    else all[name] = this.#cipher ? this.#cipher.encrypt(value).toString('base64') : value;
    // Written aside and renamed: a crash leaves the old file or the new one, never half of one.
    const temporary = `${this.#file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(all), { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, this.#file);
  }
}
