import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { startTestHub } from '../helpers/hub.ts';
import type { TestAgent, TestHub } from '../helpers/hub.ts';
import { addTeam, openPokeSocket, pushOk, SocketRefused, TestDevice } from '../helpers/hub-requests.ts';
import type { PokeSocket } from '../helpers/hub-requests.ts';

/**
 * Pokes (DESIGN §4): a device keeps a WebSocket to the hub and is told "pull now" when another device of its
 * team pushes. A poke carries no data, so it must reach only the team's devices, and only with a valid token.
 */
const POKE = '{"type":"poke"}';

let hub: TestHub;
let ann: TestAgent;
let bob: TestAgent;
let nightAgent: TestAgent;
const sockets: PokeSocket[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  ann = await hub.addAgent('Ann Agent');
  bob = await hub.addAgent('Bob Agent');
  nightAgent = await (await addTeam(hub, 'Night Shift')).addAgent('Ned Night');
});

afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.close()));
});

afterAll(async () => {
  await hub?.close();
});

async function listen(token: string): Promise<PokeSocket> {
  const socket = await openPokeSocket(hub.url, token);
  sockets.push(socket);
  return socket;
}

async function pushIncident(agent: TestAgent, device: TestDevice): Promise<void> {
  const answer = await pushOk(hub.url, agent.token, device.id, device.newIncident('Wi-Fi down in meeting room 4'));
  expect(answer.accepted).toHaveLength(3);
}

test("a device's socket is poked, with no data, when another device of its team pushes", async () => {
  const annSocket = await listen(ann.token);
  await pushIncident(bob, new TestDevice('ws-bob'));
  expect(await annSocket.nextMessage()).toBe(POKE);

  await pushIncident(bob, new TestDevice('ws-bob'));
  expect(await annSocket.nextMessage()).toBe(POKE);
});

test('a socket without a valid token is refused before it opens', async () => {
  for (const token of [undefined, '', 'dsk_not-a-token', `${ann.token}x`]) {
    await expect(openPokeSocket(hub.url, token), String(token)).rejects.toEqual(new SocketRefused(401));
  }
  expect(hub.hub.server.pokes.connections).toBe(0);
});

test("a socket of another team gets no poke for this team's push", async () => {
  const annSocket = await listen(ann.token);
  const nightSocket = await listen(nightAgent.token);

  await pushIncident(bob, new TestDevice('ws-bob'));
  expect(await annSocket.nextMessage()).toBe(POKE);
  // Notifications reach the hub in commit order: had the night shift been poked for the first push, that
  // poke would arrive before the one for its own push.
  await pushIncident(nightAgent, new TestDevice('ws-night'));
  expect(await nightSocket.nextMessage()).toBe(POKE);
  expect(nightSocket.messages).toEqual([POKE]);
  expect(annSocket.messages).toEqual([POKE]);
});

test('a push whose changes are all refused pokes no one', async () => {
  const annSocket = await listen(ann.token);
  const device = new TestDevice('ws-bob');
  const changes = device.newIncident('Projector flickers');
  await pushOk(hub.url, bob.token, device.id, changes);
  expect(await annSocket.nextMessage()).toBe(POKE);

  const forged = device.set('incident', changes[0]!.entityId, 'number', 7);
  expect((await pushOk(hub.url, bob.token, device.id, [forged])).rejected).toHaveLength(1);
  // A later push that is taken: had the refused one poked, Ann would now hold three pokes.
  await pushIncident(ann, new TestDevice('ws-ann'));
  expect(await annSocket.nextMessage()).toBe(POKE);
  expect(annSocket.messages).toEqual([POKE, POKE]);
});
