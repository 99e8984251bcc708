/** In the workspace folder. */
export const SECRETS_FILE = 'secrets.json';

/** Where a workspace keeps secrets (hub tokens, mailbox passwords): core/secrets/workspace-secrets.ts. */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string | null): Promise<void>;
}

/** How the desktop app seals secrets: Electron's safeStorage (the OS keychain) behind two functions. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}
