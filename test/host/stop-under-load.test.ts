import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCore } from '#core/index.ts';
import { addAccount, createTeam, issueTokenFor } from '../../hub/auth/accounts.ts';
import { openHubDatabase } from '../../hub/db/database.ts';
import { probeFailure } from '../alerts/alert-fixtures.ts';
import { spawnTs } from '../helpers/child-process.ts';
import type { TsChild } from '../helpers/child-process.ts';
import { DESK, spawnHub } from '../helpers/hub-process.ts';
import { hubRequest, openPokeSocket, TestDevice } from '../helpers/hub-requests.ts';
import type { PushResponse } from '#shared/sync.ts';
import { startLoad } from '../helpers/load.ts';
import type { Load } from '../helpers/load.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

/**
 * Stopping a long-running command (DESIGN §8, issue 8): SIGTERM while requests keep coming in. Each stops in
 * order (new requests refused, those under way finished, sockets closed, the database closed last) and exits
 * 0; no request is answered with a failure of the server's own, nothing it acknowledged is lost, and nothing
 * is left running.
 */
const children: TsChild[] = [];
const folders: TempDir[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
  }
  for (const folder of folders.splice(0)) await folder.remove();
});

async function folder(prefix: string): Promise<string> {
  const made = await tempDir(prefix);
  folders.push(made);
  return made.path;
}

/** Sends SIGTERM once the load is well under way; what the process and the requests came to. */
async function stopUnderLoad(child: TsChild, load: Load) {
  await load.answered(20);
  child.process.kill('SIGTERM');
  const exit = await child.exited;
  const { statuses, networkErrors } = await load.stop();
  expect(exit, child.stderr()).toEqual({ code: 0, signal: null });
  // 503 is "stopping, try again": what a request arriving on a kept-alive connection meanwhile is told.
  expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
  expect(child.stderr()).not.toMatch(/^\s+at /m);
  return { statuses, networkErrors };
}

describe('desk hub, with its embedded PostgreSQL', () => {
  it('stops in order on SIGTERM under load, exits 0, stops PostgreSQL, and keeps every change it took', async () => {
    const dir = await folder('desk-hub-stop-');
    // Run as root, PostgreSQL (its own user) must enter the folder mktemp made for this user alone.
    await chmod(dir, 0o755);
    const hub = await spawnHub(['--data', dir]);
    children.push(hub.child);
    const shared = await openHubDatabase({ dataDir: dir });
    const team = await createTeam(shared.pool, 'Service Desk');
    const ann = await addAccount(
      shared.pool,
      team.id,
      { email: 'ann@desk.example', name: 'Ann', role: 'agent' },
      Date.now(),
    );
    const token = await issueTokenFor(shared.pool, team.id, ann.email, 'workstation');
    await shared.close();

    const socket = await openPokeSocket(hub.url, token);
    const device = new TestDevice('ws-ann', Date.now, ann.id);
    const taken: string[] = [];
    const load = startLoad(async (serial) => {
      if (serial % 3 === 2) return (await hubRequest(hub.url, 'GET', '/v1/pull?after=0&limit=50', { token })).status;
      const changes = device.newIncident(`Printer ${serial} jams`);
      const answer = await hubRequest<PushResponse>(hub.url, 'POST', '/v1/push', {
        token,
        body: { device: device.id, changes },
      });
      if (answer.status === 200) taken.push(...answer.body.accepted);
      return answer.status;
    });
    await stopUnderLoad(hub.child, load);
    await socket.close();
    expect(existsSync(path.join(dir, 'postgres', 'postmaster.pid'))).toBe(false);

    const again = await openHubDatabase({ dataDir: dir });
    try {
      const { rows } = await again.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM change WHERE id = ANY($1::uuid[])',
        [taken],
      );
      expect(rows[0]!.n).toBe(taken.length);
    } finally {
      await again.close();
    }
  });
});

describe('desk serve', () => {
  it('stops in order on SIGTERM while alerts keep arriving, exits 0, and keeps every alert it acknowledged', async () => {
    const dir = await folder('desk-serve-stop-');
    const child = spawnTs(DESK, ['serve', '--data', dir, '--port', '0']);
    children.push(child);
    const origin = /(http:\/\/\S+)/.exec(await child.waitFor(/serving headless on http:\/\//))![1]!;
    const token = (await child.waitFor(/^ {2}[A-Za-z0-9_-]{43}$/)).trim();
    let acknowledged = 0;
    const load = startLoad(async (serial) => {
      const answer = await fetch(`${origin}/hooks/alertmanager`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(probeFailure({ fingerprint: `probe-${serial}` })),
      });
      await answer.text();
      if (answer.status === 202) acknowledged += 1;
      return answer.status;
    });
    await stopUnderLoad(child, load);

    const core = await createCore({ dataDir: dir, autoSync: false, queueIndex: false });
    try {
      const incidents = await core.store.db.selectFrom('incident').select('id').execute();
      expect(incidents.length).toBeGreaterThanOrEqual(acknowledged);
    } finally {
      await core.close();
    }
  });
});

describe('desk web', () => {
  it('stops in order on SIGTERM while the browser keeps calling, exits 0, and keeps every incident it answered for', async () => {
    const dir = await folder('desk-web-stop-');
    const staticDir = path.join(dir, 'static');
    await mkdir(staticDir);
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Incident Desk</title>');
    const child = spawnTs('test/host/fixtures/web-host.child.ts', [path.join(dir, 'workspace'), staticDir]);
    children.push(child);
    const [, origin, token] = /web host at (\S+) token (\S+)/.exec(await child.waitFor(/^web host at /))!;
    const events = new WebSocket(`${origin!.replace(/^http/, 'ws')}/api/events?token=${token}`, {
      headers: { host: new URL(origin!).host },
    });
    events.on('error', () => {});
    await new Promise((resolve) => events.once('open', resolve));
    const created: string[] = [];
    const load = startLoad(async (serial) => {
      const answer = await fetch(`${origin}/api/invoke/incident/create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Scanner ${serial} offline`, channel: 'phone', impact: 2, urgency: 2 }),
      });
      const body = (await answer.json().catch(() => null)) as {
        ok: boolean;
        value?: { incident: { id: string } };
      } | null;
      if (answer.status === 200 && body?.ok) created.push(body.value!.incident.id);
      return answer.status;
    });
    await stopUnderLoad(child, load);
    events.terminate();

    const core = await createCore({ dataDir: path.join(dir, 'workspace'), autoSync: false, queueIndex: false });
    try {
      const ids = (await core.store.db.selectFrom('incident').select('id').execute()).map((row) => row.id);
      expect(ids).toEqual(expect.arrayContaining(created));
    } finally {
      await core.close();
    }
  });
});
