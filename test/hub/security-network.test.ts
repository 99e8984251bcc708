import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHubServer } from '../../hub/http/server.ts';
import { startHub } from '../../hub/index.ts';
import { createTestDatabase, startTestHub } from '../helpers/hub.ts';
import type { TestAgent, TestHub } from '../helpers/hub.ts';
import {
  addTeam,
  expectRefusedUnchanged,
  hubRequest,
  pushChanges,
  pushOk,
  tablesContaining,
  TestDevice,
} from '../helpers/hub-requests.ts';

/**
 * DESIGN §8, the hub as a network service: TLS whenever it is reachable from other machines, a rate limit per
 * device, and tokens a copy of the database does not give away. (What a request may do: security.test.ts.)
 */
let hub: TestHub;
let holders: TestAgent[];

beforeAll(async () => {
  hub = await startTestHub();
  const night = await addTeam(hub, 'Night Shift');
  holders = [
    await hub.addAgent('Alex Admin', 'admin'),
    await hub.addAgent('Sam Supervisor', 'supervisor'),
    await hub.addAgent('Ann Agent'),
    await night.addAgent('Ned Night'),
  ];
});

afterAll(async () => {
  await hub?.close();
});

const OFF_LOOPBACK = ['0.0.0.0', '::', '192.0.2.10', 'desk-hub.example'];

test(`without TLS it refuses to listen on ${OFF_LOOPBACK.join(', ')}, and lets go of its database`, async () => {
  // Tagged connections show whether a refused start left any behind.
  const url = new URL(await createTestDatabase());
  url.searchParams.set('application_name', 'desk-refused-hub');
  for (const host of OFF_LOOPBACK) {
    await expect(startHubServer({ pool: hub.hub.database.pool, host, port: 0 }), host).rejects.toThrow(/TLS/);
    await expect(startHub({ dataDir: '/nonexistent', databaseUrl: url.toString(), host }), host).rejects.toThrow(
      /TLS certificate/,
    );
  }
  // A closed connection's server process exits a moment later; a leaked pool would hold its own for 10 s.
  const connections = async () => {
    const { rows } = await hub.hub.database.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'desk-refused-hub'",
    );
    return rows[0]!.n;
  };
  await expect.poll(connections, { timeout: 3_000, interval: 100 }).toBe(0);
});

test('with a certificate it listens off loopback and speaks only TLS', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-tls-'));
  const [keyFile, certFile] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
      ...['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', keyFile, '-out', certFile],
      ...['-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { stdio: 'ignore' },
  );
  const tls = { key: await readFile(keyFile), cert: await readFile(certFile) };
  const server = await startHubServer({ pool: hub.hub.database.pool, host: '0.0.0.0', port: 0, tls });
  try {
    expect(server.url).toMatch(/^https:/);
    const status = await new Promise<number>((resolve, reject) =>
      https
        .get(`https://127.0.0.1:${server.port}/v1/health`, { ca: tls.cert }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
        .on('error', reject),
    );
    expect(status).toBe(200);
    await expect(fetch(`http://127.0.0.1:${server.port}/v1/health`)).rejects.toThrow();
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a device that calls too fast gets 429 with Retry-After; others are served; waiting as told works', async () => {
  let limitClock = Date.UTC(2030, 0, 15, 9, 30);
  const limited = await startTestHub({ now: () => limitClock, rateLimit: { perSecond: 1, burst: 3 } });
  try {
    const runaway = await limited.addAgent('Rita Runaway');
    const colleague = await limited.addAgent('Carl Colleague');
    const where = { pool: limited.hub.database.pool, teamIds: [limited.teamId] };
    const device = new TestDevice('ws-rita', () => limitClock, runaway.id);
    const push = () => pushChanges(limited.url, runaway.token, device.id, device.newIncident('Ping'));
    for (let i = 0; i < 3; i += 1) expect((await push()).status, `request ${i + 1}`).toBe(200);

    const refused = await expectRefusedUnchanged(push, 429, 'rate_limited', where.pool, where.teamIds);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBe(1);
    expect((await hubRequest(limited.url, 'GET', '/v1/whoami', { token: colleague.token })).status).toBe(200);

    limitClock += retryAfter * 1_000;
    expect((await push()).status).toBe(200);
    await expectRefusedUnchanged(push, 429, 'rate_limited', where.pool, where.teamIds);
  } finally {
    await limited.close();
  }
});

test('an address guessing tokens is slowed down, and valid tokens from the same address are still served', async () => {
  let clock = Date.UTC(2030, 0, 15, 9, 30);
  const guarded = await startTestHub({ now: () => clock, authFailureLimit: { perSecond: 1, burst: 4 } });
  try {
    const agent = await guarded.addAgent('Gina Genuine');
    const admin = await guarded.addAgent('Ada Admin', 'admin');
    const guess = () => hubRequest(guarded.url, 'GET', '/v1/whoami', { token: `dsk_guess${Math.random()}` });
    const whoami = (token: string) => hubRequest(guarded.url, 'GET', '/v1/whoami', { token });
    for (let i = 0; i < 4; i += 1) expect((await guess()).status, `guess ${i + 1}`).toBe(401);
    const slowed = await guess();
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    // Colleagues behind the same address (one office, one NAT) are served: their tokens are not guesses…
    for (let i = 0; i < 10; i += 1) expect((await whoami(agent.token)).status, `request ${i + 1}`).toBe(200);
    // …and so is a token issued while the guessing goes on, from its very first request.
    const issued = await hubRequest<{ token: string }>(guarded.url, 'POST', '/v1/admin/tokens', {
      token: admin.token,
      body: { email: agent.email, label: 'new laptop' },
    });
    expect(issued.status).toBe(201);
    expect((await whoami(issued.body.token)).status).toBe(200);
    // The guesses stay refused; a wrong token from a colleague is refused like a guess, not counted as valid.
    expect((await guess()).status).toBe(429);
    expect((await whoami(`${agent.token.slice(0, -1)}x`)).status).toBe(429);
    // Once the address has waited, its next guess is checked (and refused) again.
    clock += 5_000;
    expect((await guess()).status).toBe(401);
    expect((await whoami(agent.token)).status).toBe(200);
  } finally {
    await guarded.close();
  }
});

test('tokens are stored only as hashes: no table holds a token, whole or in part', async () => {
  const pool = hub.hub.database.pool;
  for (const holder of holders) {
    // Used, so anything that records requests has had its chance to keep it.
    expect((await hubRequest(hub.url, 'GET', '/v1/pull?after=0&device=ws-1', { token: holder.token })).status).toBe(
      200,
    );
    expect(await tablesContaining(pool, holder.token), holder.name).toEqual([]);
    expect(await tablesContaining(pool, holder.token.slice(4, 28)), holder.name).toEqual([]);
    const sha256 = createHash('sha256').update(holder.token).digest();
    const { rows } = await pool.query('SELECT 1 FROM device_token WHERE token_hash = $1', [sha256]);
    expect(rows, holder.name).toHaveLength(1);
  }
});

test('nobody but the hub writes as the hub, and device ids are plain ASCII', async () => {
  const agent = await hub.addAgent('Hugo Imposter', 'admin');
  const asHub = new TestDevice('hub', Date.now, agent.id).newIncident('Pretending to be the hub');
  const fancy = new TestDevice('ws-😀', Date.now, agent.id).newIncident('Emoji device');
  const honest = new TestDevice('ws-hugo', Date.now, agent.id).newIncident('Honest');
  const answer = await pushOk(hub.url, agent.token, 'ws-hugo', [...asHub, ...fancy, ...honest]);
  expect(answer.rejected.map((r) => [r.reason, r.id])).toEqual([
    ...asHub.map((c) => ['forbidden', c.id]),
    ...fancy.map((c) => ['malformed', c.id]),
  ]);
  expect(answer.accepted).toEqual(honest.map((c) => c.id));
});
