import { ImapFlow } from 'imapflow';
import type { ImapFlowError } from 'imapflow';
import { isLoopbackHost } from '#shared/domain/mailbox.ts';
import type { MailServer } from './mailbox-password.ts';

export interface ImapTarget extends MailServer {
  readonly tls: boolean;
  readonly password: string;
}

/** IDLE is broken and started again this often: servers and NAT boxes drop sessions silent for longer. */
export const IDLE_RESTART_MS = 4 * 60_000;

/**
 * A client for one connection. The password never crosses the network in clear: without TLS from the first
 * byte the connection must upgrade with STARTTLS, except to this computer itself (a local relay or test
 * server). IDLE is started by the poller, never behind its back, and the library's logger is off: its
 * records carry server text and addresses we do not want in a log by default.
 */
export function createImapClient(target: ImapTarget): ImapFlow {
  const client = new ImapFlow({
    host: target.host.replace(/^\[(.*)\]$/, '$1'),
    port: target.port,
    secure: target.tls,
    ...(target.tls ? {} : { doSTARTTLS: isLoopbackHost(target.host) ? undefined : true }),
    auth: { user: target.username, pass: target.password },
    logger: false,
    disableAutoIdle: true,
    maxIdleTime: IDLE_RESTART_MS,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
    clientInfo: { name: 'Incident Desk' },
  });
  // An 'error' nobody listens to would end the process; the poller learns of it through 'close'.
  client.on('error', () => {});
  return client;
}

/** Logs out politely when it can, and closes the socket whatever happens. */
export async function closeImapClient(client: ImapFlow): Promise<void> {
  if (client.usable) {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
    await Promise.race([client.logout().catch(() => {}), timeout]);
  }
  client.close();
}

function serverText(error: ImapFlowError): string {
  const text = (error.responseText || '').trim();
  return text ? ` The server said: “${text}”` : '';
}

/**
 * What went wrong, in words an agent can act on. The password is blanked out of anything the server or the
 * library said, in case either repeated it.
 */
export function describeImapError(error: unknown, target: Pick<ImapTarget, 'host' | 'port' | 'password'>): string {
  const failure = (error ?? {}) as ImapFlowError;
  const code = failure.code ?? '';
  const where = `${target.host}:${target.port}`;
  let words: string;
  if (failure.authenticationFailed || failure.serverResponseCode === 'AUTHENTICATIONFAILED') {
    words = `The server refused the user name or password.${serverText(failure)}`;
  } else if (code === 'ECONNREFUSED') {
    words = `Nothing answers at ${where} (connection refused). Check the server name and port.`;
  } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    words = `The server name ${target.host} could not be found. Check the spelling, or the network connection.`;
  } else if (['ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT'].includes(code)) {
    words = `${where} did not answer in time. Check the server name and port, or try again later.`;
  } else if (code === 'ECONNRESET' || code === 'NoConnection' || code === 'EConnectionClosed') {
    words = `The connection to ${where} was closed unexpectedly.`;
  } else if (failure.tlsFailed && /STARTTLS/i.test(failure.message)) {
    words = `${where} offers no encryption, and the password is never sent in clear. Turn on TLS (usually port 993).`;
  } else if (failure.tlsFailed || /^ERR_(TLS|SSL)_|CERT|SELF_SIGNED/.test(code)) {
    words = `A secure connection to ${where} could not be made: ${failure.message}. Check the TLS setting and port (993 for TLS).`;
  } else if (failure.mailboxMissing || /NONEXISTENT/.test(failure.serverResponseCode ?? '')) {
    words = `The folder does not exist on the server.${serverText(failure)}`;
  } else if (failure.responseText) {
    words = `The server answered with an error.${serverText(failure)}`;
  } else {
    words = `Reading the mailbox failed: ${failure.message || String(error)}`;
  }
  return target.password ? words.split(target.password).join('••••') : words;
}
