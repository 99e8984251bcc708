import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { OutgoingSettings } from '#shared/domain/mailbox.ts';
import { isLoopbackHost } from '#shared/domain/mailbox.ts';

export interface SmtpTarget extends OutgoingSettings {
  /** Null when the server takes mail without signing in. */
  readonly password: string | null;
}

/**
 * One SMTP connection for a run of mail (kept open between messages), through nodemailer. The password never
 * crosses the network in clear: `tls` is TLS from the first byte, `starttls` refuses a server that cannot
 * upgrade, and `none` (no encryption) is only ever allowed to this computer (the settings refuse it
 * elsewhere; this checks again). The library's logger is off: its records carry addresses and server text.
 */
export function createSmtpTransport(target: SmtpTarget): Transporter {
  const plain = target.security === 'none' && isLoopbackHost(target.host);
  return nodemailer.createTransport({
    host: target.host.replace(/^\[(.*)\]$/, '$1'),
    port: target.port,
    secure: target.security === 'tls',
    requireTLS: !plain && target.security !== 'tls',
    ignoreTLS: plain,
    ...(target.username && target.password !== null ? { auth: { user: target.username, pass: target.password } } : {}),
    pool: true,
    maxConnections: 1,
    maxMessages: Infinity,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    logger: false,
    debug: false,
  });
}

/** What the server or the library said of a failed attempt, as far as it matters here. */
interface SmtpFailure {
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
  readonly command?: string;
  readonly message?: string;
  readonly rejected?: readonly string[];
}

export interface DescribedFailure {
  /** In words an agent can act on. */
  readonly message: string;
  /** Retrying will not help (a refused recipient, a message too large): the mail is failed at once. */
  readonly final: boolean;
  /** The server itself could not be used (unreachable, refused the login): other mail to it fails alike. */
  readonly connection: boolean;
}

function serverSaid(failure: SmtpFailure): string {
  const text = (failure.response ?? '').trim();
  return text ? ` The server said: “${text.slice(0, 300)}”` : '';
}

/** Describes a failed send; the password is blanked out of anything repeated from the server or library. */
export function describeSmtpFailure(
  error: unknown,
  target: Pick<SmtpTarget, 'host' | 'port' | 'password'>,
): DescribedFailure {
  const failure = (error ?? {}) as SmtpFailure;
  const code = failure.code ?? '';
  const where = `${target.host}:${target.port}`;
  const status = failure.responseCode ?? 0;
  let described: DescribedFailure;
  if (code === 'EAUTH' || status === 535 || status === 534) {
    described = {
      message: `The SMTP server refused the user name or password.${serverSaid(failure)}`,
      final: false,
      connection: true,
    };
  } else if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(failure.message ?? '')) {
    described = { message: `Nothing answers at ${where} (connection refused).`, final: false, connection: true };
  } else if (code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(failure.message ?? '')) {
    described = { message: `The server name ${target.host} could not be found.`, final: false, connection: true };
  } else if (code === 'ETIMEDOUT' || code === 'ETIMEOUT') {
    described = { message: `${where} did not answer in time.`, final: false, connection: true };
  } else if (code === 'ETLS' || /STARTTLS/i.test(failure.message ?? '')) {
    described = {
      message: `A secure connection to ${where} could not be made (${failure.message ?? code}). Check the security setting and port.`,
      final: false,
      connection: true,
    };
  } else if (code === 'EMESSAGE' && /size/i.test(failure.message ?? '')) {
    described = {
      message: `The message is larger than ${where} accepts (${failure.message}). Send smaller attachments.`,
      final: true,
      connection: false,
    };
  } else if (status === 552 || status === 523) {
    described = {
      message: `The message is larger than ${where} accepts.${serverSaid(failure)} Send smaller attachments.`,
      final: true,
      connection: false,
    };
  } else if (code === 'EENVELOPE' && failure.command === 'RCPT TO' && status >= 500) {
    described = { message: `The server refused the recipient.${serverSaid(failure)}`, final: true, connection: false };
  } else if (code === 'EENVELOPE' && status === 0) {
    // Refused before a word went to the server: an address nodemailer cannot put in an envelope.
    described = { message: `The mail could not be addressed: ${failure.message}`, final: true, connection: false };
  } else if (status >= 500) {
    described = { message: `The server refused the mail.${serverSaid(failure)}`, final: true, connection: false };
  } else if (status >= 400) {
    described = {
      message: `The server could not take the mail now and asked to try later.${serverSaid(failure)}`,
      final: false,
      connection: false,
    };
  } else if (['ECONNECTION', 'ESOCKET', 'ECONNRESET', 'EPROTOCOL'].includes(code)) {
    described = {
      message: `The connection to ${where} failed (${failure.message ?? code}).`,
      final: false,
      connection: true,
    };
  } else {
    described = { message: `Sending failed: ${failure.message ?? String(error)}`, final: false, connection: false };
  }
  const message = target.password ? described.message.split(target.password).join('••••') : described.message;
  return { ...described, message };
}
