import type { MailboxSettings, OutgoingSettings } from '#shared/domain/mailbox.ts';
import type { SecretStore } from '#core/secrets/secrets.ts';
import { lookUpPassword } from './mailbox-password.ts';
import type { PasswordLookup } from './mailbox-password.ts';

/**
 * The SMTP password, kept like the IMAP one (mailbox-password.ts): in this workstation's secret store only,
 * with the server and user it was typed for, under a name of its own. "Same as IMAP" signs in with the IMAP
 * password; a server that takes mail without signing in (a local relay) needs none.
 */
const secretName = (mailboxId: string) => `smtp-password:${mailboxId}`;

const serverKey = (outgoing: Pick<OutgoingSettings, 'username' | 'host' | 'port'>) =>
  `${outgoing.username}@${outgoing.host}:${outgoing.port}`;

export type OutgoingCredentials = PasswordLookup | { readonly kind: 'none_needed' };

export async function storeOutgoingPassword(
  secrets: SecretStore,
  mailboxId: string,
  outgoing: Pick<OutgoingSettings, 'username' | 'host' | 'port'>,
  password: string,
): Promise<void> {
  await secrets.set(secretName(mailboxId), JSON.stringify({ server: serverKey(outgoing), password }));
}

export async function forgetOutgoingPassword(secrets: SecretStore, mailboxId: string): Promise<void> {
  await secrets.set(secretName(mailboxId), null);
}

function readStored(value: string | null): { server?: string; password?: string } | null {
  try {
    return JSON.parse(value ?? 'null') as { server?: string; password?: string } | null;
  } catch {
    return null;
  }
}

export async function lookUpOutgoingPassword(
  secrets: SecretStore,
  mailbox: MailboxSettings,
  outgoing: OutgoingSettings,
): Promise<OutgoingCredentials> {
  if (!outgoing.username) return { kind: 'none_needed' };
  if (outgoing.sameAsImap) return lookUpPassword(secrets, mailbox.id, mailbox);
  const stored = readStored(await secrets.get(secretName(mailbox.id)));
  if (!stored?.password) {
    return {
      kind: 'missing',
      reason:
        'The SMTP password for this mailbox is not stored on this workstation (passwords never leave the computer they were typed on). Enter it in the mailbox’s outgoing settings here.',
    };
  }
  if (stored.server !== serverKey(outgoing)) {
    return {
      kind: 'other_server',
      reason: `The SMTP server or user name changed since its password was entered (it was for ${stored.server}). Enter the password again.`,
    };
  }
  return { kind: 'found', password: stored.password };
}
