import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { addAccount, createTeam, issueTokenFor } from '../../hub/auth/accounts.ts';
import { createTestDatabase } from '../helpers/hub.ts';
import { spawnHub } from '../helpers/hub-process.ts';
import type { HubProcess } from '../helpers/hub-process.ts';
import { hubRequest, openPokeSocket, pushOk, TestDevice } from '../helpers/hub-requests.ts';
import { rawConnection, unmaskedTextFrame, upgradeRequest } from '../helpers/raw-socket.ts';

/**
 * DESIGN §8: one bad message closes one socket, never the process. The hub runs as `desk hub` in a process of
 * its own, so a crash shows as a process that is gone; each hostile client is followed by a check that the hub
 * still answers, and still pokes the honest device that stayed connected through it all.
 */
let hub: HubProcess;
let pool: pg.Pool;
let token: string;
let accountId: string;

beforeAll(async () => {
  const databaseUrl = await createTestDatabase();
  hub = await spawnHub(['--database-url', databaseUrl]);
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const team = await createTeam(pool, 'Service Desk');
  const account = await addAccount(
    pool,
    team.id,
    { email: 'ann@desk.example', name: 'Ann', role: 'agent' },
    Date.now(),
  );
  accountId = account.id;
  token = await issueTokenFor(pool, team.id, account.email, 'workstation');
});

afterAll(async () => {
  await pool?.end();
  await hub?.dispose();
});

async function expectHubStillServing(): Promise<void> {
  expect(hub.alive(), hub.child.stderr()).toBe(true);
  expect((await hubRequest(hub.url, 'GET', '/v1/health')).status).toBe(200);
  const honest = await openPokeSocket(hub.url, token);
  try {
    const device = new TestDevice(`ws-honest-${Date.now()}`, Date.now, accountId);
    await pushOk(hub.url, token, device.id, device.newIncident('Printer jams'));
    expect(await honest.nextMessage()).toBe('{"type":"poke"}');
  } finally {
    await honest.close();
  }
}

const host = () => new URL(hub.url).host;

describe('a hostile client on the pokes socket closes only itself', () => {
  test('a message over the size limit', async () => {
    const socket = await openPokeSocket(hub.url, token);
    const closed = new Promise<number>((resolve) => socket.socket.once('close', (code) => resolve(code)));
    socket.socket.send('x'.repeat(2048));
    expect(await closed).toBe(1009);
    await expectHubStillServing();
  });

  test('an unmasked frame', async () => {
    const raw = await rawConnection(hub.url);
    raw.socket.write(upgradeRequest('/v1/events', host(), { Authorization: `Bearer ${token}` }));
    await raw.waitFor('\r\n\r\n');
    expect(raw.received().toString('latin1')).toMatch(/^HTTP\/1\.1 101/);
    raw.socket.write(unmaskedTextFrame('hello'));
    await raw.closed;
    await expectHubStillServing();
  });

  test('bytes that are no frame at all', async () => {
    const raw = await rawConnection(hub.url);
    raw.socket.write(upgradeRequest('/v1/events', host(), { Authorization: `Bearer ${token}` }));
    await raw.waitFor('\r\n\r\n');
    raw.socket.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    await raw.closed;
    await expectHubStillServing();
  });

  test('a connection reset in the middle of the handshake, while its token is being checked', async () => {
    for (let i = 0; i < 20; i += 1) {
      const raw = await rawConnection(hub.url);
      raw.socket.write(upgradeRequest('/v1/events', host(), { Authorization: `Bearer ${token}` }));
      raw.socket.resetAndDestroy();
      await raw.closed;
    }
    await expectHubStillServing();
  });

  test('a client that is not a WebSocket client, and a socket with a message of many frames', async () => {
    const socket = new WebSocket(`${hub.url.replace(/^http/, 'ws')}/v1/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    // Fragments that each fit but add up to more than the limit.
    for (let i = 0; i < 4; i += 1) socket.send('y'.repeat(400), { fin: i === 3 });
    expect(await closed).toBe(1009);
    await expectHubStillServing();
  });
});

describe('a hostile HTTP request is refused, not fatal', () => {
  const REQUESTS: { name: string; text: () => string }[] = [
    {
      name: 'an address no URL parser accepts',
      text: () => `GET http://a:b:c/v1/health HTTP/1.1\r\nHost: ${host()}\r\n\r\n`,
    },
    {
      name: 'an upgrade to an address no URL parser accepts',
      text: () => upgradeRequest('http://a:b:c/v1/events', host(), { Authorization: `Bearer ${token}` }),
    },
  ];
  for (const request of REQUESTS) {
    test(request.name, async () => {
      const raw = await rawConnection(hub.url);
      raw.socket.write(request.text());
      expect(await raw.waitFor('\r\n\r\n')).toMatch(/^HTTP\/1\.1 4\d\d/);
      raw.socket.destroy();
      await expectHubStillServing();
    });
  }
});
