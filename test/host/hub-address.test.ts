import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '#core/index.ts';
import { WorkspaceSecrets } from '#core/secrets/workspace-secrets.ts';
import { desk } from '../helpers/desk-cli.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

/**
 * DESIGN §8: plain HTTP only for a hub on this computer, so a device token never crosses the network in clear.
 * A listener on every interface stands in for a hub on another machine, reached at this machine's own
 * network address; it records every request, so "refused" means the token was never sent.
 */
const TOKEN = 'dsk_not-a-real-token-but-long-enough';
const networkAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((info) => info && info.family === 'IPv4' && !info.internal)?.address;

describe.skipIf(!networkAddress)(`a hub reached over the network (${networkAddress ?? 'no network address'})`, () => {
  let server: Server;
  let port = 0;
  let dir: TempDir;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`);
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{"error":{"code":"unauthorized","message":"This device token is not valid on this hub."}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(async () => {
    seen.length = 0;
    await dir?.remove();
    dir = await tempDir('desk-hub-address-');
  });

  it('desk connect refuses http:// to it in one line, and sends it nothing', async () => {
    const run = await desk(
      'connect',
      '--data',
      dir.path,
      '--hub',
      `http://${networkAddress}:${port}`,
      '--token',
      TOKEN,
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^desk connect: .*https:\/\/.*this computer/),
    ]);
    expect(seen).toEqual([]);
    // The same listener on this computer's own address may be spoken to plainly (and answers for itself).
    const local = await desk('connect', '--data', dir.path, '--hub', `http://127.0.0.1:${port}`, '--token', TOKEN);
    expect(local.stderr).toMatch(/The hub refused/);
    expect(seen).toEqual([`GET /v1/whoami Bearer ${TOKEN}`]);
  });

  it('a workspace connected to it over http:// before the rule says so, and no longer sends its token', async () => {
    const hubUrl = `http://${networkAddress}:${port}`;
    const setUp = await createCore({ dataDir: dir.path, autoSync: false, queueIndex: false });
    await setUp.store.setMeta('hub_url', hubUrl);
    await new WorkspaceSecrets({ dataDir: dir.path }).set(`hub-token:${hubUrl}`, TOKEN);
    await setUp.close();

    const core = await createCore({ dataDir: dir.path, autoSync: false, queueIndex: false });
    try {
      expect(core.sync.status).toMatchObject({ state: 'error', error: expect.stringMatching(/https:\/\//) });
      const round = await core.invoke('sync/now', {});
      expect(round.ok).toBe(false);
      const admin = await core.invoke('team/agents', {});
      expect(admin).toMatchObject({ ok: false, error: { message: expect.stringMatching(/https:\/\//) } });
      expect(seen).toEqual([]);
    } finally {
      await core.close();
      await dir.remove();
    }
  });
});
