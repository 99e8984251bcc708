import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { HUB_MIGRATIONS } from '../../hub/db/migrations.ts';
import { startHub } from '../../hub/index.ts';
import type { Hub } from '../../hub/index.ts';
import { createTestDatabase, startTestHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { hubRequest, openPokeSocket, pullAll, pushOk, TestDevice } from '../helpers/hub-requests.ts';
import type { PokeSocket } from '../helpers/hub-requests.ts';

/**
 * The hub migrates its schema at start (hub/db/migrations.ts). Starting again, or a second hub process on the
 * same database, must find the schema in place and serve the same team, not fail or start over.
 */
const running: (Hub | TestHub)[] = [];
const sockets: PokeSocket[] = [];

afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await Promise.all(running.map((hub) => hub.close()));
});

function onDatabase(databaseUrl: string): Promise<Hub> {
  return startHub({ dataDir: '/nonexistent-embedded-not-used', databaseUrl }).then((hub) => {
    running.push(hub);
    return hub;
  });
}

async function appliedMigrations(databaseUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number }>('SELECT version FROM hub_migration ORDER BY version');
    return rows.map((row) => row.version);
  } finally {
    await client.end();
  }
}

const VERSIONS = HUB_MIGRATIONS.map((migration) => migration.version);

test('a second hub on the same database starts, serves the same team, and pokes across hubs', async () => {
  const first = await startTestHub();
  running.push(first);
  const ann = await first.addAgent('Ann Agent');
  const device = new TestDevice('ws-ann');
  await pushOk(first.url, ann.token, device.id, device.newIncident('Badge reader at the front door'));

  const second = await onDatabase(first.hub.database.url);

  expect(await appliedMigrations(first.hub.database.url)).toEqual(VERSIONS);
  const who = await hubRequest<{ team: { name: string } }>(second.url, 'GET', '/v1/whoami', { token: ann.token });
  expect(who.body.team.name).toBe('Service Desk');
  expect(await pullAll(second.url, ann.token)).toEqual(await pullAll(first.url, ann.token));

  // A device on one hub process is poked for a push through the other.
  const socket = await openPokeSocket(second.url, ann.token);
  sockets.push(socket);
  await pushOk(first.url, ann.token, device.id, [device.set('incident', 'badge-1', 'status', 'in_progress')]);
  expect(await socket.nextMessage()).toBe('{"type":"poke"}');
});

test('hubs starting together on a fresh database migrate it once and both come up', async () => {
  const databaseUrl = await createTestDatabase();
  const hubs = await Promise.all([onDatabase(databaseUrl), onDatabase(databaseUrl), onDatabase(databaseUrl)]);
  expect(await appliedMigrations(databaseUrl)).toEqual(VERSIONS);
  for (const hub of hubs) expect((await hubRequest(hub.url, 'GET', '/v1/health')).status).toBe(200);
});

test('a hub restarted on its database keeps every change and keeps numbering where it left off', async () => {
  const first = await startTestHub();
  running.push(first);
  const ann = await first.addAgent('Ann Agent');
  const device = new TestDevice('ws-ann');
  await pushOk(first.url, ann.token, device.id, device.newIncident('Monitor flickers'));
  const before = await pullAll(first.url, ann.token);
  await first.close();
  running.splice(running.indexOf(first), 1);

  const restarted = await onDatabase(first.hub.database.url);
  expect(await pullAll(restarted.url, ann.token)).toEqual(before);
  await pushOk(restarted.url, ann.token, device.id, device.newIncident('Keyboard missing keys'));
  const numbers = (await pullAll(restarted.url, ann.token)).changes.filter((c) => c.field === 'number');
  expect(numbers.map((n) => n.value)).toEqual([1, 2]);
});
