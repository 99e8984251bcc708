import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '#core/index.ts';
import { REPO_ROOT, spawnTs } from '../helpers/child-process.ts';
import type { TsChild } from '../helpers/child-process.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';
import { probeFailure } from './alert-fixtures.ts';

/** The real `desk serve`, in its own process, as an operator starts it. */
const DESK = path.join(REPO_ROOT, 'electron', 'host', 'desk.mjs');

let dir: TempDir;
const children: TsChild[] = [];

beforeEach(async () => {
  dir = await tempDir();
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
  }
  await dir.remove();
});

function serve(...args: string[]): TsChild {
  const child = spawnTs(DESK, ['serve', '--data', dir.path, '--port', '0', ...args]);
  children.push(child);
  return child;
}

function deskRun(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DESK, ...args], { cwd: REPO_ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

async function origin(child: TsChild): Promise<string> {
  const line = await child.waitFor(/serving headless on http:\/\//);
  return /(http:\/\/\S+)/.exec(line)![1]!;
}

async function postAlert(url: string, token: string, payload: unknown): Promise<Response> {
  return fetch(`${url}/hooks/alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
}

/** stderr and stdout are separate pipes: a warning written first may arrive after the line that followed it. */
async function stderrMatches(child: TsChild, pattern: RegExp): Promise<void> {
  for (let waited = 0; !pattern.test(child.stderr()) && waited < 5_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(child.stderr()).toMatch(pattern);
}

async function stop(child: TsChild): Promise<void> {
  child.process.kill('SIGTERM');
  const { code } = await child.exited;
  expect(code, child.stderr()).toBe(0);
}

// Each case starts real desk processes (tsx compiles on start): slow on a busy machine, hence the room.
describe('desk serve', { timeout: 120_000 }, () => {
  it('makes a token at first start, prints it once, takes alerts, and keeps them after a restart', async () => {
    const first = serve();
    const url = await origin(first);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await first.waitFor(new RegExp(`POST ${url}/hooks/grafana`));
    await first.waitFor(/New webhook token/);
    const token = (await first.waitFor(/^ {2}[A-Za-z0-9_-]{43}$/)).trim();

    const file = path.join(dir.path, 'webhook-token');
    expect((await readFile(file, 'utf8')).trim()).toBe(token);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);

    const answer = await postAlert(url, token, probeFailure());
    expect(answer.status).toBe(202);
    expect(await answer.json()).toMatchObject({ ok: true, value: { created: 1 } });
    await stop(first);

    const second = serve();
    const again = await origin(second);
    await second.waitFor(/Webhook token: the one in/);
    expect(second.lines.join('\n')).not.toContain(token);
    const recovery = await postAlert(again, token, probeFailure({ status: 'resolved' }));
    expect(await recovery.json()).toMatchObject({ ok: true, value: { resolved: 1 } });
    expect((await postAlert(again, 'not-the-token-at-all-0000', probeFailure())).status).toBe(401);
    await stop(second);

    const core = await createCore({ dataDir: dir.path, autoSync: false, queueIndex: false });
    try {
      const incidents = await core.store.db.selectFrom('incident').select(['channel', 'status']).execute();
      expect(incidents).toEqual([{ channel: 'monitoring', status: 'resolved' }]);
    } finally {
      await core.close();
    }
  });

  it.runIf(process.platform === 'linux')(
    'says in one line where secrets are kept, and that they are not encrypted where there is no keyring',
    async () => {
      // A server without a desktop session: no D-Bus, so no Secret Service.
      const address = process.env.DBUS_SESSION_BUS_ADDRESS;
      delete process.env.DBUS_SESSION_BUS_ADDRESS;
      let child: TsChild;
      try {
        child = serve();
      } finally {
        if (address !== undefined) process.env.DBUS_SESSION_BUS_ADDRESS = address;
      }
      const line = await child.waitFor(/^Secrets /);
      expect(line).toBe(
        'Secrets (hub token, mailbox passwords): NOT encrypted (no D-Bus session here, so no Secret Service): ' +
          `in ${path.join(dir.path, 'secrets.json')}, readable by you only.`,
      );
      expect(child.lines.filter((printed) => /^Secrets /.test(printed))).toHaveLength(1);
      await stop(child);
    },
  );

  it('refuses an address beyond this computer without --allow-remote, and warns with it', async () => {
    const refused = await deskRun('serve', '--data', dir.path, '--host', '0.0.0.0');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--host 0\.0\.0\.0 accepts connections from other computers.*--allow-remote/);
    expect(existsSync(path.join(dir.path, 'webhook-token'))).toBe(false);

    const tokenFile = path.join(dir.path, 'token.txt');
    await writeFile(tokenFile, 'a-token-from-the-operator-0123456789\n', { mode: 0o600 });
    const remote = serve('--host', '0.0.0.0', '--allow-remote', '--token-file', tokenFile);
    const url = await origin(remote);
    await stderrMatches(remote, /Warning: listening on 0\.0\.0\.0.*does not speak TLS/);
    expect(remote.lines.join('\n')).not.toContain('a-token-from-the-operator');
    const answer = await postAlert(
      url.replace('0.0.0.0', '127.0.0.1'),
      'a-token-from-the-operator-0123456789',
      probeFailure(),
    );
    expect(answer.status).toBe(202);
    await stop(remote);
  });

  it('refuses a token file that holds no usable token', async () => {
    const tokenFile = path.join(dir.path, 'token.txt');
    await writeFile(tokenFile, 'short\n');
    const refused = await deskRun('serve', '--data', dir.path, '--token-file', tokenFile);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/holds no usable token: one line of at least 16 characters/);
  });
});
