import net from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Change } from '#shared/change.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestAgent, TestHub } from '../helpers/hub.ts';
import {
  addTeam,
  describeState,
  foldLog,
  hubRequest,
  pullAll,
  pushOk,
  readBootstrap,
  TestDevice,
} from '../helpers/hub-requests.ts';
import type { BootstrapResult, LogState } from '../helpers/hub-requests.ts';
import { prng } from '../helpers/prng.ts';

/**
 * Bootstrap (DESIGN §4): a new workstation gets the team's current state and the cursor to pull from. What it
 * then holds must equal what a device that pulled the whole log holds, with nothing sent twice, even while
 * others push.
 */
let hub: TestHub;
let teams = 0;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.close();
});

async function freshTeam(): Promise<{ name: string; agent: TestAgent }> {
  teams += 1;
  const name = `Bootstrap Team ${teams}`;
  return { name, agent: await (await addTeam(hub, name)).addAgent('Ann Agent') };
}

/** About `size` changes of one device's work: new incidents, edits to earlier ones, notes. */
function workOf(device: TestDevice, incidents: string[], random: ReturnType<typeof prng>, size: number): Change[] {
  const changes: Change[] = [];
  for (let i = 0; changes.length < size; i += 1) {
    const roll = random.next();
    if (roll < 0.2 || !incidents.length) {
      const id = uuidv7();
      incidents.push(id);
      changes.push(...device.newIncident(`Incident ${incidents.length}`, id));
    } else if (roll < 0.6) {
      const status = random.pick(['in_progress', 'waiting_on_customer', 'resolved']);
      changes.push(device.set('incident', random.pick(incidents), 'status', status));
    } else {
      changes.push(device.append('incident', random.pick(incidents), 'note', { text: `Note ${i} from ${device.id}` }));
    }
  }
  return changes;
}

/**
 * What a new workstation holds after a bootstrap and a pull from its cursor; checks nothing came twice: no
 * event again, and no field value again under the same stamp.
 */
async function catchUp(token: string, booted: BootstrapResult): Promise<LogState> {
  const after = (await pullAll(hub.url, token, booted.end.cursor)).changes;
  const eventIds = new Set(booted.events.map((c) => c.id));
  const stamps = new Set(booted.state.map((v) => `${v.entity}/${v.entityId}/${v.field}@${v.hlc}/${v.device}`));
  const again = after.filter(
    (c) => eventIds.has(c.id) || stamps.has(`${c.entity}/${c.entityId}/${c.field}@${c.hlc}/${c.device}`),
  );
  expect(again).toEqual([]);
  return foldLog(after, booted);
}

test('a bootstrap streams NDJSON: a header, the winning value of every field, every note, and the cursor', async () => {
  const { name, agent } = await freshTeam();
  const device = new TestDevice('ws-ann');
  const incidents: string[] = [];
  const random = prng(7);
  for (let batch = 0; batch < 3; batch += 1) {
    await pushOk(hub.url, agent.token, device.id, workOf(device, incidents, random, 40));
  }
  const full = await pullAll(hub.url, agent.token);

  const booted = await readBootstrap(hub.url, agent.token);

  expect(booted.contentType).toMatch(/^application\/x-ndjson/);
  expect(booted.header).toEqual({ kind: 'header', team: name, hubTime: expect.any(Number) });
  expect(booted.end).toEqual({
    kind: 'end',
    cursor: full.cursor,
    changes: booted.state.length + booted.events.length,
  });
  const state = foldLog(full.changes);
  // Only winners and appends: a field overwritten ten times is sent once.
  expect(booted.state).toHaveLength(state.fields.size);
  expect(booted.events).toEqual(full.changes.filter((c) => c.op === 'append'));
  expect(describeState(foldLog([], booted))).toEqual(describeState(state));
  expect(booted.state.length + booted.events.length).toBeLessThan(full.changes.length);
});

test('bootstrap and a pull from its cursor equal the whole log, even while other devices push', async () => {
  const { agent } = await freshTeam();
  const seed = Date.now() % 100_000;
  const random = prng(seed);
  const devices = [new TestDevice('ws-1'), new TestDevice('ws-2'), new TestDevice('ws-3')];
  const incidents: string[] = [];
  await pushOk(hub.url, agent.token, 'ws-0', workOf(new TestDevice('ws-0'), incidents, random, 400));

  let pushing = true;
  const pushers = devices.map(async (device) => {
    for (let round = 0; round < 12; round += 1) {
      await pushOk(hub.url, agent.token, device.id, workOf(device, incidents, random, 30));
    }
  });
  const all = Promise.all(pushers).finally(() => (pushing = false));
  const bootstraps: BootstrapResult[] = [];
  while (pushing && bootstraps.length < 50) bootstraps.push(await readBootstrap(hub.url, agent.token));
  await all;

  const whole = describeState(foldLog((await pullAll(hub.url, agent.token)).changes));
  const cursors = new Set(bootstraps.map((b) => b.end.cursor));
  // The check only means something if bootstraps really ran between pushes.
  expect(cursors.size, `seed ${seed}: bootstraps at distinct points`).toBeGreaterThan(1);
  for (const booted of bootstraps) {
    expect(describeState(await catchUp(agent.token, booted)), `seed ${seed}`).toEqual(whole);
  }
});

test('devices that give up on a bootstrap halfway do not stop the hub answering', async () => {
  const { agent } = await freshTeam();
  const device = new TestDevice('ws-ann');
  const incidents: string[] = [];
  const random = prng(11);
  // Several megabytes: more than the socket buffers hold, so the hub must wait for a reader that is gone.
  for (let batch = 0; batch < 8; batch += 1) {
    const work = workOf(device, incidents, random, 450).map((c) => ({ ...c, value: padded(c) }));
    await pushOk(hub.url, agent.token, device.id, work);
  }
  // More than the hub's database connections: each abandoned stream must give its connection back.
  for (let i = 1; i <= 12; i += 1) {
    await expect(within(abandonBootstrap(agent.token), 5_000), `bootstrap ${i}`).resolves.toMatch(/^HTTP\/1.1 200/);
  }
  const pulled = hubRequest(hub.url, 'GET', '/v1/pull?after=0&limit=1', { token: agent.token });
  await expect(within(pulled, 5_000), 'a pull after 12 abandoned bootstraps').resolves.toMatchObject({ status: 200 });
});

/**
 * A workstation that starts a bootstrap, reads the first bytes, stops reading (a laptop lid closed) and then
 * drops the connection. A raw socket, because an HTTP client would keep reading into its own buffers.
 */
function abandonBootstrap(token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(hub.hub.port, '127.0.0.1', () =>
      socket.write(`GET /v1/bootstrap HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`),
    );
    socket.once('error', reject);
    socket.once('data', (first: Buffer) => {
      socket.pause();
      setTimeout(() => {
        socket.destroy();
        resolve(first.toString('latin1'));
      }, 100);
    });
  });
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function padded(change: Change): Change['value'] {
  return change.op === 'append' ? { text: 'Long investigation log. '.repeat(250) } : change.value;
}
