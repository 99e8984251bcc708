import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP server for the mail tests (DESIGN §9): `smtp-server` as the receiving side, on loopback, plain
 * (the desk allows no encryption only to this computer). It can refuse on purpose: a login, a recipient, a
 * message over its SIZE limit; and a test can hold a message before answering it (to kill a sender then).
 */
export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: Buffer;
  /** The MAIL FROM parameters (SIZE, SMTPUTF8, BODY). */
  readonly mailFromArgs: Readonly<Record<string, string | boolean>>;
  readonly user: string | null;
}

export interface TestSmtpOptions {
  /** Accepted logins; without it the server takes mail without signing in. */
  readonly users?: Readonly<Record<string, string>>;
  /** Recipients refused with 550 (a mailbox that does not exist). */
  readonly refuse?: RegExp;
  /** The SIZE limit the server announces and enforces. */
  readonly size?: number;
  /**
   * Called with each message before the server answers; the answer waits for the promise. Answering false
   * refuses it (451) — or the test may kill the sender meanwhile.
   */
  readonly beforeAnswer?: (mail: ReceivedMail) => Promise<boolean | void>;
}

export interface TestSmtp {
  readonly host: string;
  readonly port: number;
  /** Every message the server accepted (answered 250), in order. */
  readonly received: ReceivedMail[];
  close(): Promise<void>;
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function refusal(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.users ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    // Plain passwords on loopback: the desk's `none` security, allowed only here.
    allowInsecureAuth: true,
    authOptional: !options.users,
    ...(options.size ? { size: options.size } : {}),
    logger: false,
    onAuth(auth, _session, callback) {
      const expected = options.users?.[auth.username ?? ''];
      if (expected !== undefined && expected === auth.password) return callback(null, { user: auth.username });
      return callback(refusal('Authentication credentials invalid', 535));
    },
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback) {
      if (options.refuse?.test(address.address)) {
        return callback(refusal(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`, 550));
      }
      return callback();
    },
    onData(stream, session, callback) {
      void readAll(stream).then(async (raw) => {
        if (stream.sizeExceeded) return callback(refusal('5.3.4 Message too big for system', 552));
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          mailFromArgs: (session.envelope.mailFrom ? session.envelope.mailFrom.args : {}) as Record<
            string,
            string | boolean
          >,
          user: (session.user as string | undefined) ?? null,
        };
        if ((await options.beforeAnswer?.(mail)) === false) return callback(refusal('4.3.0 Try again later', 451));
        received.push(mail);
        callback(null, 'Queued as test');
      }, callback);
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on loopback where nothing listens (a server that is down). */
export async function closedPort(): Promise<number> {
  const probe = await startTestSmtp();
  await probe.close();
  return probe.port;
}
