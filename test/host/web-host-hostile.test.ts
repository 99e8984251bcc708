import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startWebHost } from '../../electron/host/web-server.ts';
import type { WebHost } from '../../electron/host/web-server.ts';
import { spawnTs } from '../helpers/child-process.ts';
import type { TsChild } from '../helpers/child-process.ts';
import { rawConnection, unmaskedTextFrame, upgradeRequest } from '../helpers/raw-socket.ts';
import { openTempCore, tempDir } from '../helpers/temp-workspace.ts';
import type { TempCore, TempDir } from '../helpers/temp-workspace.ts';

/**
 * The browser-mode host against a local program that misbehaves (DESIGN §8): one bad socket closes that
 * socket, never the desk, and a request sent slowly is cut off instead of holding a connection for minutes.
 */
let folder: TempDir;

beforeAll(async () => {
  folder = await tempDir('desk-web-hostile-');
  await mkdir(path.join(folder.path, 'static'));
  await writeFile(path.join(folder.path, 'static', 'index.html'), '<!doctype html><title>Incident Desk</title>');
});

afterAll(async () => {
  await folder?.remove();
});

describe('a hostile client on the events socket closes only itself', () => {
  let child: TsChild;
  let origin = '';
  let token = '';

  beforeAll(async () => {
    child = spawnTs('test/host/fixtures/web-host.child.ts', [
      path.join(folder.path, 'workspace'),
      path.join(folder.path, 'static'),
    ]);
    [, origin, token] = /web host at (\S+) token (\S+)/.exec(await child.waitFor(/^web host at /))! as unknown as [
      string,
      string,
      string,
    ];
  });

  afterAll(async () => {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
  });

  const eventsUrl = () => `${origin.replace(/^http/, 'ws')}/api/events?token=${token}`;

  async function expectStillServing(): Promise<void> {
    expect(child.process.exitCode, child.stderr()).toBeNull();
    expect((await fetch(`${origin}/`)).status).toBe(200);
    const calm = new WebSocket(eventsUrl());
    await new Promise((resolve, reject) => {
      calm.once('open', resolve);
      calm.once('error', reject);
    });
    calm.terminate();
  }

  it('a message over 4 KB', async () => {
    const socket = new WebSocket(eventsUrl());
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(5_000));
    expect(await closed).toBe(1009);
    await expectStillServing();
  });

  it('an unmasked frame', async () => {
    const raw = await rawConnection(origin);
    raw.socket.write(upgradeRequest(`/api/events?token=${token}`, new URL(origin).host));
    expect(await raw.waitFor('\r\n\r\n')).toMatch(/^HTTP\/1\.1 101/);
    raw.socket.write(unmaskedTextFrame('hello'));
    await raw.closed;
    await expectStillServing();
  });
});

describe('a request sent slowly is cut off', () => {
  let temp: TempCore;
  let host: WebHost;

  beforeAll(async () => {
    temp = await openTempCore();
    host = await startWebHost({
      core: temp.core,
      staticDir: path.join(folder.path, 'static'),
      port: 0,
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
    });
  });

  afterAll(async () => {
    await host?.close();
    await temp?.dispose();
  });

  it('headers that never end', async () => {
    const raw = await rawConnection(host.origin);
    raw.socket.write(`POST /api/invoke/session%2Fget HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`);
    await raw.closed;
    expect(raw.received().toString('latin1')).toMatch(/^(HTTP\/1\.1 408|$)/);
  });

  it('an authenticated body that trickles in and never ends', async () => {
    const raw = await rawConnection(host.origin);
    raw.socket.write(
      `POST /api/invoke/session%2Fget HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n` +
        `Authorization: Bearer ${host.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
    );
    // A byte now and then: each arrives well within any idle timeout, the request as a whole never ends.
    const trickle = setInterval(() => raw.socket.write(' '), 100);
    try {
      await raw.closed;
    } finally {
      clearInterval(trickle);
    }
    expect(raw.received().toString('latin1')).toMatch(/^(HTTP\/1\.1 408|$)/);
  });
});
