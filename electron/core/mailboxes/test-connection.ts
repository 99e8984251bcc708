import type { MailboxTestResult } from '#shared/domain/mailbox.ts';
import { closeImapClient, createImapClient, describeImapError } from './imap-client.ts';
import type { ImapTarget } from './imap-client.ts';

const FOLDERS_NAMED = 20;

function messages(count: number): string {
  return count === 1 ? '1 message' : `${count} messages`;
}

/**
 * "Test connection": connects, signs in and opens the folder read-only (EXAMINE), then says in words what
 * happened. It reads nothing into the inbox and changes nothing on the server. A missing folder is answered
 * with the folders that do exist, since a typo there is the usual mistake.
 */
export async function testConnection(target: ImapTarget & { readonly folder: string }): Promise<MailboxTestResult> {
  const client = createImapClient(target);
  try {
    try {
      await client.connect();
    } catch (error) {
      return { ok: false, message: describeImapError(error, target) };
    }
    try {
      const folder = await client.mailboxOpen(target.folder, { readOnly: true });
      const clear = client.secureConnection
        ? ''
        : ' The connection is not encrypted, which is allowed only to this computer.';
      return {
        ok: true,
        messages: folder.exists,
        message: `Connected to ${target.host} as ${target.username}. “${target.folder}” holds ${messages(folder.exists)}.${clear}`,
      };
    } catch (error) {
      if (!(error as { mailboxMissing?: boolean }).mailboxMissing || !client.usable) {
        return { ok: false, message: describeImapError(error, target) };
      }
      const folders = (await client.list().catch(() => [])).map((f) => `“${f.path}”`);
      const named = folders.length > FOLDERS_NAMED ? [...folders.slice(0, FOLDERS_NAMED), '…'] : folders;
      return {
        ok: false,
        message: `Signed in, but there is no folder “${target.folder}”.${named.length ? ` Folders on the server: ${named.join(', ')}.` : ''}`,
      };
    }
  } finally {
    await closeImapClient(client);
  }
}
