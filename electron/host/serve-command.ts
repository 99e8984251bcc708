import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DeskError } from '#shared/errors.ts';
import { describeSync } from '#shared/domain/sync-status.ts';
import type { SyncStatus } from '#shared/domain/sync-status.ts';
import { createCore } from '#core/index.ts';
import { ask, dataDir, dataOption, secretsLine, wholeNumber } from './command.ts';
import type { Command } from './command.ts';
import { HOOKS, isLoopbackAddress, MIN_TOKEN_LENGTH, startServeHost } from './serve.ts';
import type { ServeHost } from './serve.ts';
import { stopOnSignals } from './shutdown.ts';
import { UsageError } from './usage-error.ts';

/** A fixed default, so the senders' configuration does not change between restarts. */
export const DEFAULT_SERVE_PORT = 8470;
/** In the data folder, readable by its owner only; Alertmanager can read it too (`credentials_file`). */
export const TOKEN_FILE = 'webhook-token';

interface WebhookToken {
  readonly token: string;
  readonly file: string;
  /** Made by this start: the only time it is printed. */
  readonly created: boolean;
}

function usableToken(text: string): string | null {
  const token = text.trim();
  return token.length >= MIN_TOKEN_LENGTH && !/\s/.test(token) ? token : null;
}

async function tokenFromFile(file: string): Promise<WebhookToken> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--token-file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? error}).`);
  }
  const token = usableToken(text);
  if (!token) {
    throw new UsageError(
      `--token-file ${file} holds no usable token: one line of at least ${MIN_TOKEN_LENGTH} characters, no spaces.`,
    );
  }
  if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) {
    console.error(`Warning: ${file} can be read by other users of this computer; chmod 600 it.`);
  }
  return { token, file, created: false };
}

/** The token in the data folder, made on the first start with a mode only its owner can read. */
async function tokenInDataFolder(dir: string): Promise<WebhookToken> {
  const file = path.join(dir, TOKEN_FILE);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('base64url');
  try {
    await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return { token, file, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stored = usableToken(await readFile(file, 'utf8'));
  if (!stored) {
    throw new DeskError('invalid_input', `${file} holds no usable token; delete it and a new one is made.`);
  }
  // The file is ours: put back permissions someone widened, rather than serve with a readable secret.
  if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return { token: stored, file, created: false };
}

function printTokenAdvice(token: WebhookToken): void {
  if (token.created) {
    console.log(`New webhook token (shown only this once; kept in ${token.file}, readable by you alone):`);
    console.log(`  ${token.token}`);
  } else {
    console.log(`Webhook token: the one in ${token.file}.`);
  }
  console.log('Senders authenticate with the header "Authorization: Bearer <token>".');
}

/** Says when this host starts or stops holding the team's automation lease, and when the hub comes and goes. */
function watchSync(status: SyncStatus, last: { state: string; automation: boolean }): void {
  if (status.automation !== last.automation) {
    console.log(
      status.automation
        ? 'Holding the team’s automation lease: this host runs the always-on duties.'
        : 'The team’s automation lease is held elsewhere now.',
    );
  }
  if (status.state !== last.state) console.log(`Team hub: ${describeSync(status)}.`);
  last.state = status.state;
  last.automation = status.automation;
}

export const SERVE_COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'run the headless host: background sync, and webhooks for monitoring alerts',
    usage: 'desk serve [--data DIR] [--port N] [--host ADDRESS [--allow-remote]] [--token-file FILE]',
    options: {
      ...dataOption,
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      'token-file': { type: 'string' },
    },
    async run(values) {
      const port = wholeNumber(values.port, 'port', DEFAULT_SERVE_PORT);
      if (port > 65_535) throw new UsageError(`--port ${port} is not a port (0 to 65535).`);
      const host = typeof values.host === 'string' ? values.host.trim() : '127.0.0.1';
      const remote = !isLoopbackAddress(host);
      if (remote && !values['allow-remote']) {
        throw new UsageError(
          `--host ${host} accepts connections from other computers. Add --allow-remote to do that on purpose ` +
            '(the desk does not speak TLS: put a TLS proxy in front), or leave --host out to stay on 127.0.0.1.',
        );
      }
      const dir = dataDir(values);
      const token =
        typeof values['token-file'] === 'string'
          ? await tokenFromFile(path.resolve(values['token-file']))
          : await tokenInDataFolder(dir);

      const core = await createCore({
        dataDir: dir,
        // Nothing here reads the queue; the in-memory index would cost memory for nobody.
        queueIndex: false,
        keyring: 'system',
        logger: { error: (message, error) => console.error(message, error) },
      });
      let server: ServeHost;
      try {
        server = await startServeHost({
          receiveAlerts: (hook, raw) => core.receiveAlerts(hook, raw),
          token: token.token,
          host,
          port,
          allowRemote: remote,
          logger: { error: (message, error) => console.error(message, error) },
        });
      } catch (error) {
        await core.close();
        // A token nobody was shown is no use: the next start makes (and prints) a fresh one.
        if (token.created) await rm(token.file, { force: true });
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === 'EADDRINUSE' ? 'another program uses that port; choose one with --port' : code;
        throw new DeskError(
          'invalid_input',
          `Cannot listen on ${host}:${port} (${reason ?? (error instanceof Error ? error.message : String(error))}).`,
        );
      }
      if (remote) {
        console.error(
          `Warning: listening on ${host}, beyond this computer. The desk does not speak TLS: the token and the ` +
            'alerts cross the network in clear text unless a TLS proxy sits in front.',
        );
      }
      console.log(`Incident Desk is serving headless on ${server.origin}`);
      for (const [hookPath] of HOOKS) console.log(`  POST ${server.origin}${hookPath}`);
      printTokenAdvice(token);
      console.log(await secretsLine(core));
      const last = { state: '', automation: false };
      watchSync(await ask(core, 'sync/status', {}), last);
      const unsubscribe = core.subscribe('sync/state', (status) => watchSync(status, last));

      // In order: no new calls, those under way committed or rolled back, then the workspace closed.
      stopOnSignals(
        async () => {
          unsubscribe();
          await server.close();
          await core.close();
        },
        { completed: true },
      );
    },
  },
};
