import type { SecretStore } from '#core/secrets/secrets.ts';

/**
 * Mailbox passwords live in this workstation's secret store only (DESIGN §8): never in a change, so they
 * never sync, and sealed by the OS keychain in the desktop app. Each is stored with the server and user it
 * was typed for: settings arrive from other workstations, and a changed server must not receive a password
 * meant for another one.
 */
const secretName = (mailboxId: string) => `mailbox-password:${mailboxId}`;

export interface MailServer {
  readonly host: string;
  readonly port: number;
  readonly username: string;
}

interface StoredPassword {
  readonly server: string;
  readonly password: string;
}

function serverKey(server: MailServer): string {
  return `${server.username}@${server.host}:${server.port}`;
}

function parseStored(value: string | null): StoredPassword | null {
  if (!value) return null;
  try {
    return JSON.parse(value) as StoredPassword;
  } catch {
    return null;
  }
}

export type PasswordLookup =
  | { readonly kind: 'found'; readonly password: string }
  | { readonly kind: 'missing' | 'other_server'; readonly reason: string };

export async function storePassword(
  secrets: SecretStore,
  mailboxId: string,
  server: MailServer,
  password: string,
): Promise<void> {
  const stored: StoredPassword = { server: serverKey(server), password };
  await secrets.set(secretName(mailboxId), JSON.stringify(stored));
}

export async function forgetPassword(secrets: SecretStore, mailboxId: string): Promise<void> {
  await secrets.set(secretName(mailboxId), null);
}

export async function lookUpPassword(
  secrets: SecretStore,
  mailboxId: string,
  server: MailServer,
): Promise<PasswordLookup> {
  const stored = parseStored(await secrets.get(secretName(mailboxId)));
  if (!stored?.password) {
    return {
      kind: 'missing',
      reason:
        'The password for this mailbox is not stored on this workstation (passwords never leave the computer they were typed on). Enter it in the mailbox settings here.',
    };
  }
  if (stored.server !== serverKey(server)) {
    return {
      kind: 'other_server',
      reason: `The server or user name changed since the password was entered (it was for ${stored.server}). Enter the password again.`,
    };
  }
  return { kind: 'found', password: stored.password };
}
