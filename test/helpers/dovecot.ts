import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { tempDir } from './temp-workspace.ts';
import type { TempDir } from './temp-workspace.ts';

/**
 * A real Dovecot IMAP server for the mailbox tests (DESIGN §9), started by the harness on loopback with a
 * private configuration in a temp folder: maildir storage there, one test user in a passwd-file, plain
 * IMAP without TLS (127.0.0.1 only), its log in a file. Runs as root (CI containers) or as any user.
 */
export const DOVECOT_INSTALL_HINT = 'apt-get install dovecot-imapd';
const DOVECOT_PATHS = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'];

export function findDovecot(): string | null {
  const fromEnv = process.env.DESK_DOVECOT;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return DOVECOT_PATHS.find((candidate) => existsSync(candidate)) ?? null;
}

export interface DovecotContext {
  /** The dovecot binary, or null when it is missing (the suites are then skipped, or fail under CI=true). */
  readonly binary: string | null;
  readonly skipReason: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dovecot: DovecotContext;
  }
}

export interface Dovecot {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly logFile: string;
  /** A signed-in client of the test user: the test's own mail program, for delivering and inspecting mail. */
  client(): Promise<ImapFlow>;
  /** Delivers messages to a folder (created when missing) by APPEND; answers their UIDs. */
  deliver(folder: string, messages: readonly (string | Buffer)[]): Promise<number[]>;
  /** Deletes and creates the folder again: the server gives it a new UIDVALIDITY. */
  rebuild(folder: string): Promise<{ before: string; after: string }>;
  /**
   * Takes the server's own read access away from one stored message (its maildir file), as a damaged disk
   * or a botched restore would: the server then drops the connection whenever that message is asked for.
   */
  makeUnreadable(folder: string, uid: number): Promise<void>;
  /** The Message-IDs of every message in the folder, in UID order. */
  messageIds(folder: string): Promise<string[]>;
  /** Kills the server and its sessions, as an outage would; `resume` starts it again on the same port and mail. */
  halt(): Promise<void>;
  resume(): Promise<void>;
  /** The server's log so far: sessions, with what each sent and received when it ended. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

interface Account {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

function account(name: string): Account | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

function groupName(gid: number): string {
  const line = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[2] === String(gid));
  return line?.split(':')[0] ?? String(gid);
}

/**
 * Who the server's processes run as. Dovecot refuses root for its internal and login users and for mail
 * access, so as root it uses the unprivileged users Debian's package creates (or nobody), and the maildir
 * belongs to nobody; as anyone else everything runs as that user.
 */
function processUsers(): { internal: Account; login: Account; mail: Account } {
  if (process.getuid?.() !== 0) {
    const me = { name: os.userInfo().username, uid: process.getuid!(), gid: process.getgid!() };
    return { internal: me, login: me, mail: me };
  }
  const nobody = account('nobody') ?? { name: 'nobody', uid: 65_534, gid: 65_534 };
  return { internal: account('dovecot') ?? nobody, login: account('dovenull') ?? nobody, mail: nobody };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function config(dir: string, port: number, users: ReturnType<typeof processUsers>): string {
  const root = process.getuid?.() === 0;
  return `# Written by test/helpers/dovecot.ts for one test run.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
# Plain passwords over plain IMAP are fine on loopback, and only there.
disable_plaintext_auth = no
auth_mechanisms = plain login
# A refused password answers at once: the wrong-password test need not wait out the default two seconds.
auth_failure_delay = 0
default_internal_user = ${users.internal.name}
default_login_user = ${users.login.name}
${root ? '' : `default_internal_group = ${groupName(users.internal.gid)}\n`}
first_valid_uid = 1
mail_max_userip_connections = 200
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${users.mail.uid} gid=${users.mail.gid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
${root ? '' : '  chroot =\n'}}
# No penalty for failed sign-ins: after a wrong-password test, the next sign-in would wait seconds.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
}

async function greeting(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('dovecot exited while starting');
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setTimeout(1_000);
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`dovecot did not greet on port ${port} within ${timeoutMs} ms`);
}

function spawnServer(binary: string, conf: string): { child: ChildProcess; output: () => string } {
  // In a process group of its own, so the server and the sessions it forks can be ended together.
  const child = spawn(binary, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function launch(binary: string, dir: TempDir): Promise<{ child: ChildProcess; port: number }> {
  const users = processUsers();
  const conf = path.join(dir.path, 'dovecot.conf');
  // The port is free when asked for; another process may take it before dovecot binds, so try again then.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    await writeFile(conf, config(dir.path, port, users));
    const { child, output } = spawnServer(binary, conf);
    try {
      await greeting(port, child, 15_000);
      return { child, port };
    } catch (error) {
      killGroup(child, 'SIGKILL');
      const log = await readFile(path.join(dir.path, 'dovecot.log'), 'utf8').catch(() => '');
      if (attempt < 3 && /in use/i.test(output() + log)) continue;
      throw new Error(`${(error as Error).message}\n${output()}\n${log}`, { cause: error });
    }
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Stops the server and waits until it is gone. `outage` kills it and its sessions at once, as a crash or a
 * pulled cable would; otherwise it shuts down (SIGTERM), and sessions it leaves behind are ended after it.
 */
async function stopServer(child: ChildProcess, how: 'shutdown' | 'outage'): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (how === 'outage') killGroup(child, 'SIGKILL');
    else child.kill('SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  killGroup(child, 'SIGKILL');
}

/** Starts a private Dovecot with one user (`agent@desk.test`) and answers once it greets. */
export async function startDovecot(binary: string): Promise<Dovecot> {
  const dir = await tempDir('desk-dovecot-');
  const users = processUsers();
  const user = 'agent@desk.test';
  const password = 'Dovecot-test-secret-8c1f';
  // Its processes run as other users, which must reach the folder (mkdtemp makes it 0700).
  await chmod(dir.path, 0o755);
  await writeFile(path.join(dir.path, 'passwd'), `${user}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
  await mkdir(path.join(dir.path, 'home'));
  await chown(path.join(dir.path, 'home'), users.mail.uid, users.mail.gid);
  const launched = await launch(binary, dir).catch(async (error: unknown) => {
    await dir.remove();
    throw error;
  });
  let child = launched.child;
  const port = launched.port;
  const logFile = path.join(dir.path, 'dovecot.log');

  const client = async () => {
    const imap = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
    });
    imap.on('error', () => {});
    await imap.connect();
    return imap;
  };
  const withClient = async <T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    const imap = await client();
    try {
      return await work(imap);
    } finally {
      await imap.logout().catch(() => imap.close());
    }
  };
  const ensureFolder = async (imap: ImapFlow, folder: string) => {
    if (folder.toUpperCase() === 'INBOX') return;
    const exists = (await imap.list()).some((f) => f.path === folder);
    if (!exists) await imap.mailboxCreate(folder);
  };
  const uidValidity = async (imap: ImapFlow, folder: string) => {
    const status = await imap.status(folder, { uidValidity: true });
    if (!status || status.uidValidity === undefined) throw new Error(`No UIDVALIDITY for ${folder}`);
    return String(status.uidValidity);
  };

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    logFile,
    client,
    deliver: (folder, messages) =>
      withClient(async (imap) => {
        await ensureFolder(imap, folder);
        const uids: number[] = [];
        for (const message of messages) {
          const appended = await imap.append(folder, message);
          if (!appended || appended.uid === undefined) throw new Error(`APPEND to ${folder} gave no UID`);
          uids.push(appended.uid);
        }
        return uids;
      }),
    rebuild: (folder) =>
      withClient(async (imap) => {
        await ensureFolder(imap, folder);
        const before = await uidValidity(imap, folder);
        await imap.mailboxDelete(folder);
        await imap.mailboxCreate(folder);
        return { before, after: await uidValidity(imap, folder) };
      }),
    makeUnreadable: async (folder, uid) => {
      const maildir = path.join(
        dir.path,
        'home',
        user,
        'Maildir',
        folder.toUpperCase() === 'INBOX' ? '' : `.${folder}`,
      );
      // dovecot-uidlist: a header line, then "<uid> [<extensions>] :<file name base>" per message.
      const uidlist = await readFile(path.join(maildir, 'dovecot-uidlist'), 'utf8');
      const line = uidlist.split('\n').find((l) => l.startsWith(`${uid} `));
      const base = line?.slice(line.indexOf(':') + 1).trim();
      if (!base) throw new Error(`No UID ${uid} in ${folder}'s uidlist`);
      for (const sub of ['new', 'cur']) {
        const name = (await readdir(path.join(maildir, sub))).find((f) => f.startsWith(base));
        if (name) return chmod(path.join(maildir, sub, name), 0);
      }
      throw new Error(`No file for UID ${uid} in ${maildir}`);
    },
    messageIds: (folder) =>
      withClient(async (imap) => {
        const lock = await imap.getMailboxLock(folder, { readOnly: true });
        try {
          const ids: string[] = [];
          if (imap.mailbox && imap.mailbox.exists === 0) return ids;
          for await (const message of imap.fetch('1:*', { uid: true, envelope: true }, { uid: true })) {
            ids.push(message.envelope?.messageId ?? '');
          }
          return ids;
        } finally {
          lock.release();
        }
      }),
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    halt: () => stopServer(child, 'outage'),
    resume: async () => {
      child = spawnServer(binary, path.join(dir.path, 'dovecot.conf')).child;
      await greeting(port, child, 15_000);
    },
    stop: async () => {
      await stopServer(child, 'shutdown');
      await dir.remove();
    },
  };
}
