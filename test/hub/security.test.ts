import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { hashToken, revokeToken } from '../../hub/auth/tokens.ts';
import type { Change, EntityKind, JsonValue } from '#shared/change.ts';
import { encodeHlc } from '#shared/hlc.ts';
import { addHubAgentInput, issueHubTokenInput } from '#shared/domain/sync-status.ts';
import { MAX_PUSH_CHANGES } from '#shared/sync.ts';
import type { PushResponse, Rejection, WhoAmI } from '#shared/sync.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestAgent, TestHub } from '../helpers/hub.ts';
import {
  addTeam,
  expectRefusedUnchanged,
  hubRequest,
  openPokeSocket,
  pullAll,
  pushChanges,
  postThrough,
  pushOk,
  readBootstrap,
  requestLease,
  SocketRefused,
  stampedChange,
  teamFingerprint,
  TestDevice,
} from '../helpers/hub-requests.ts';
import type { HubAnswer, HubFingerprint } from '../helpers/hub-requests.ts';

/**
 * DESIGN §4 and §8: the hub authenticates every device, keeps teams apart, and refuses what a workstation must
 * not send, with a clear error and without writing anything. The hub's clock is fixed, so "five minutes
 * ahead" means exactly that. How the hub listens, limits rates and stores tokens: security-network.test.ts.
 */
const clock = Date.UTC(2030, 0, 15, 9, 30);
const now = () => clock;

let desk: TestHub;
let admin: TestAgent;
let supervisor: TestAgent;
let agent: TestAgent;
let nightTeamId: string;
let nightAdmin: TestAgent;
let nightAgent: TestAgent;
let deskChanges: Change[];
const annDevice = () => new TestDevice(`ws-ann-${uuidv7()}`, now, agent.id);

beforeAll(async () => {
  desk = await startTestHub({ now });
  admin = await desk.addAgent('Alex Admin', 'admin');
  supervisor = await desk.addAgent('Sam Supervisor', 'supervisor');
  agent = await desk.addAgent('Ann Agent', 'agent');
  const night = await addTeam(desk, 'Night Shift');
  nightTeamId = night.teamId;
  nightAdmin = await night.addAgent('Nia Night', 'admin');
  nightAgent = await night.addAgent('Ned Night', 'agent');
  // Something in team A worth stealing: an incident with a confidential note.
  const ann = annDevice();
  const incident = uuidv7();
  await pushOk(desk.url, agent.token, ann.id, [
    ...ann.newIncident('Payroll server compromised', incident),
    ann.append('incident', incident, 'note', { text: 'Root password was Summer2030!' }),
  ]);
  deskChanges = (await pullAll(desk.url, agent.token)).changes;
});

afterAll(async () => {
  await desk?.close();
});

/** Both teams' rows: a refusal must leave every one of them as it was. */
async function snapshot(): Promise<HubFingerprint[]> {
  const pool = desk.hub.database.pool;
  return Promise.all([desk.teamId, nightTeamId].map((teamId) => teamFingerprint(pool, teamId)));
}

function expectRefused(request: () => Promise<HubAnswer<unknown>>, status: number, code: string) {
  return expectRefusedUnchanged(request, status, code, desk.hub.database.pool, [desk.teamId, nightTeamId]);
}

/** Every authenticated endpoint, each with a request that would succeed for a rightful caller. */
const ENDPOINTS: { name: string; method: string; path: string; body?: () => unknown }[] = [
  { name: 'whoami', method: 'GET', path: '/v1/whoami' },
  {
    name: 'push',
    method: 'POST',
    path: '/v1/push',
    body: () => ({ device: 'ws-mallory', changes: annDevice().newIncident('Spoofed incident') }),
  },
  { name: 'pull', method: 'GET', path: '/v1/pull?after=0&device=ws-mallory' },
  { name: 'bootstrap', method: 'GET', path: '/v1/bootstrap' },
  { name: 'lease', method: 'POST', path: '/v1/lease', body: () => ({ device: 'ws-mallory' }) },
  { name: 'list accounts', method: 'GET', path: '/v1/admin/accounts' },
  {
    name: 'add account',
    method: 'POST',
    path: '/v1/admin/accounts',
    body: () => ({ email: 'mallory@desk.example', name: 'Mallory', role: 'admin' }),
  },
  { name: 'issue token', method: 'POST', path: '/v1/admin/tokens', body: () => ({ email: agent.email }) },
];

describe('who may call the hub', () => {
  const BAD_CREDENTIALS: { name: string; header: () => Record<string, string> }[] = [
    { name: 'no Authorization header', header: () => ({}) },
    { name: 'an empty bearer token', header: () => ({ authorization: 'Bearer ' }) },
    {
      name: 'a made-up token',
      header: () => ({ authorization: `Bearer dsk_${randomBytes(32).toString('base64url')}` }),
    },
    {
      name: 'a real token with one character changed',
      header: () => ({ authorization: `Bearer ${tamper(admin.token)}` }),
    },
    { name: 'a real token sent as Basic auth', header: () => ({ authorization: `Basic ${admin.token}` }) },
    { name: 'a real token without its prefix', header: () => ({ authorization: `Bearer ${admin.token.slice(4)}` }) },
    { name: 'a very long token', header: () => ({ authorization: `Bearer dsk_${'A'.repeat(10_000)}` }) },
  ];

  for (const credential of BAD_CREDENTIALS) {
    test(`${credential.name}: every endpoint answers 401 and changes nothing`, async () => {
      for (const endpoint of ENDPOINTS) {
        const answer = await expectRefused(
          () =>
            hubRequest(desk.url, endpoint.method, endpoint.path, {
              headers: credential.header(),
              body: endpoint.body?.(),
            }),
          401,
          'unauthorized',
        );
        expect(answer.body, endpoint.name).toMatchObject({ error: { message: expect.stringMatching(/token/i) } });
      }
      await expect(openPokeSocket(desk.url, undefined, credential.header())).rejects.toEqual(new SocketRefused(401));
    });
  }

  test('a token stops working the moment it is revoked, on every endpoint and for pokes', async () => {
    const leaver = await desk.addAgent('Lee Leaver', 'admin');
    const before = await hubRequest<WhoAmI>(desk.url, 'GET', '/v1/whoami', { token: leaver.token });
    expect(before.status).toBe(200);
    expect(before.body.account.email).toBe(leaver.email);

    const pool = desk.hub.database.pool;
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM device_token WHERE token_hash = $1', [
      hashToken(leaver.token),
    ]);
    await revokeToken(pool, rows[0]!.id);

    for (const endpoint of ENDPOINTS) {
      await expectRefused(
        () => hubRequest(desk.url, endpoint.method, endpoint.path, { token: leaver.token, body: endpoint.body?.() }),
        401,
        'unauthorized',
      );
    }
    await expect(openPokeSocket(desk.url, leaver.token)).rejects.toEqual(new SocketRefused(401));
  });

  test('only an admin manages agents and tokens: agents and supervisors get 403', async () => {
    for (const caller of [agent, supervisor]) {
      for (const endpoint of ENDPOINTS.filter((e) => e.path.startsWith('/v1/admin/'))) {
        await expectRefused(
          () => hubRequest(desk.url, endpoint.method, endpoint.path, { token: caller.token, body: endpoint.body?.() }),
          403,
          'forbidden',
        );
      }
    }
    const listed = await hubRequest<{ accounts: { email: string }[] }>(desk.url, 'GET', '/v1/admin/accounts', {
      token: admin.token,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.accounts.map((a) => a.email)).toContain(agent.email);
  });

  test('the admin routes read requests with the schemas Team settings uses: same refusals, same words', async () => {
    const cases = [
      { path: '/v1/admin/accounts', body: { email: 'not an address', name: 'Mallory', role: 'agent' } },
      { path: '/v1/admin/accounts', body: { email: 'mallory@desk.example', name: '   ', role: 'agent' } },
      { path: '/v1/admin/accounts', body: { email: 'mallory@desk.example', name: 'Mal\u0000lory', role: 'agent' } },
      { path: '/v1/admin/accounts', body: { email: 'mallory@desk.example', name: 'Mallory', role: 'owner' } },
      { path: '/v1/admin/tokens', body: { email: agent.email, label: 'laptop\u0007' } },
      { path: '/v1/admin/tokens', body: { email: agent.email, extra: true } },
    ];
    for (const { path, body } of cases) {
      const schema = path.endsWith('accounts') ? addHubAgentInput : issueHubTokenInput;
      const atDesk = schema.safeParse(body);
      expect(atDesk.success, JSON.stringify(body)).toBe(false);
      const answer = await expectRefused(
        () => hubRequest(desk.url, 'POST', path, { token: admin.token, body }),
        400,
        'invalid_request',
      );
      expect((answer.body as { error: { message: string } }).error.message, JSON.stringify(body)).toContain(
        atDesk.error!.issues[0]!.message,
      );
    }
    // What the desk tidies (spaces, capitals), the hub tidies the same way.
    const added = await hubRequest<{ account: { email: string } }>(desk.url, 'POST', '/v1/admin/accounts', {
      token: admin.token,
      body: { email: '  Bea.Agent@Desk.Example ', name: ' Bea Agent ', role: 'agent' },
    });
    expect(added.status).toBe(201);
    expect(added.body.account.email).toBe('bea.agent@desk.example');
  });
});

function tamper(token: string): string {
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -1)}${last}`;
}

describe('teams are isolated', () => {
  test("another team's token reads nothing of this team: not by pull, bootstrap or account list", async () => {
    const pulled = await pullAll(desk.url, nightAgent.token);
    const booted = await readBootstrap(desk.url, nightAgent.token);
    const accounts = await hubRequest<{ accounts: { email: string }[] }>(desk.url, 'GET', '/v1/admin/accounts', {
      token: nightAdmin.token,
    });
    const seen = JSON.stringify([pulled, accounts.body]) + booted.text;
    for (const change of deskChanges) expect(seen).not.toContain(change.id);
    for (const secret of ['Payroll server compromised', 'Summer2030', 'Service Desk', agent.email]) {
      expect(seen).not.toContain(secret);
    }
    // It is not blind either: its own team's agents are there.
    expect(booted.header.team).toBe('Night Shift');
    expect(accounts.body.accounts.map((a) => a.email).sort()).toEqual([nightAdmin.email, nightAgent.email].sort());
  });

  test("another team's pushes land in its own log only, even with this team's ids", async () => {
    const incident = deskChanges.find((c) => c.entity === 'incident')!;
    const mallory = new TestDevice('ws-night', now, nightAgent.id);
    // The same change id as one of team A's, and a change to team A's incident: a "duplicate" answer would
    // already leak that the id exists elsewhere.
    const sameId = { ...mallory.set('incident', incident.entityId, 'title', 'Nothing to see'), id: incident.id };
    const overwrite = mallory.set('incident', incident.entityId, 'status', 'closed');
    const [before] = await snapshot();

    const answer = await pushOk(desk.url, nightAgent.token, mallory.id, [sameId, overwrite]);

    expect(answer).toMatchObject({ accepted: [sameId.id, overwrite.id], duplicate: [], rejected: [] });
    expect((await snapshot())[0]).toEqual(before);
    const deskLog = (await pullAll(desk.url, agent.token)).changes;
    expect(deskLog.filter((c) => c.device === mallory.id)).toEqual([]);
    const nightLog = (await pullAll(desk.url, nightAgent.token)).changes;
    expect(nightLog.filter((c) => c.device === mallory.id)).toEqual([sameId, overwrite]);
  });

  test("another team's admin cannot issue a token for this team's agent, nor list them", async () => {
    await expectRefused(
      () =>
        hubRequest(desk.url, 'POST', '/v1/admin/tokens', {
          token: nightAdmin.token,
          body: { email: agent.email, label: 'stolen' },
        }),
      404,
      'not_found',
    );
    // Adding an account of the same email creates a Night Shift account, and its token is a Night Shift token.
    const [before] = await snapshot();
    const added = await hubRequest(desk.url, 'POST', '/v1/admin/accounts', {
      token: nightAdmin.token,
      body: { email: agent.email, name: 'Ann Agent', role: 'admin' },
    });
    expect(added.status).toBe(201);
    const issued = await hubRequest<{ token: string }>(desk.url, 'POST', '/v1/admin/tokens', {
      token: nightAdmin.token,
      body: { email: agent.email },
    });
    expect(issued.status).toBe(201);
    const who = await hubRequest<WhoAmI>(desk.url, 'GET', '/v1/whoami', { token: issued.body.token });
    expect(who.body.team.name).toBe('Night Shift');
    expect((await snapshot())[0]).toEqual(before);
  });

  test("another team's lease claim does not touch this team's lease", async () => {
    expect(await requestLease(desk.url, agent.token, 'ws-desk-server')).toMatchObject({ held: true });
    const [before] = await snapshot();
    expect(await requestLease(desk.url, nightAgent.token, 'ws-night-server')).toMatchObject({
      held: true,
      holder: 'ws-night-server',
    });
    expect(await requestLease(desk.url, nightAgent.token, 'ws-desk-server', true)).toMatchObject({ held: false });
    expect((await snapshot())[0]).toEqual(before);
    expect(await requestLease(desk.url, agent.token, 'ws-desk-server')).toMatchObject({
      held: true,
      holder: 'ws-desk-server',
    });
  });
});

describe('what a push may carry', () => {
  test(`more than ${MAX_PUSH_CHANGES} changes is refused whole; exactly ${MAX_PUSH_CHANGES} is taken`, async () => {
    const ann = annDevice();
    const incident = uuidv7();
    const batch = Array.from({ length: MAX_PUSH_CHANGES + 1 }, (_, i) =>
      ann.append('incident', incident, 'note', { text: `Update ${i}` }),
    );
    const answer = await expectRefused(() => pushChanges(desk.url, agent.token, ann.id, batch), 400, 'invalid_request');
    expect(answer.body).toMatchObject({ error: { message: expect.stringContaining(`${MAX_PUSH_CHANGES}`) } });

    const taken = await pushOk(desk.url, agent.token, ann.id, batch.slice(0, MAX_PUSH_CHANGES));
    expect(taken.accepted).toHaveLength(MAX_PUSH_CHANGES);
  });

  const OVERSIZED: { name: string; path: string; bytes: number; streamed: boolean }[] = [
    { name: 'a push declaring more than 4 MiB', path: '/v1/push', bytes: 4 * 1024 * 1024 + 1, streamed: false },
    { name: 'a push streaming more than 4 MiB', path: '/v1/push', bytes: 5 * 1024 * 1024, streamed: true },
    { name: 'a lease request over 4 KiB', path: '/v1/lease', bytes: 5_000, streamed: false },
    { name: 'a lease request streaming over 4 KiB', path: '/v1/lease', bytes: 300_000, streamed: true },
  ];
  for (const variant of OVERSIZED) {
    test(`${variant.name} is refused with 413, changes nothing, and the device's next request is served`, async () => {
      const ann = annDevice();
      const body = JSON.stringify({
        device: ann.id,
        changes: ann.newIncident('Huge'),
        padding: 'x'.repeat(variant.bytes),
      });
      // One connection, reused as a workstation's HTTP client would: a refusal must not leave it wedged.
      const connection = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        await expectRefused(
          () => postThrough(connection, `${desk.url}${variant.path}`, agent.token, body, variant.streamed),
          413,
          'too_large',
        );
        const next = await postThrough(connection, `${desk.url}/v1/lease`, agent.token, '{"device":"ws-ann"}', false);
        expect(next.status).toBe(200);
      } finally {
        connection.destroy();
      }
    });
  }

  test('a request body that is not a push is refused with 400 and changes nothing', async () => {
    const ann = annDevice();
    const bodies: unknown[] = [
      '{"device": "ws-1", "changes": [',
      [ann.set('incident', uuidv7(), 'title', 'Bare array')],
      { changes: [ann.set('incident', uuidv7(), 'title', 'No device')] },
      { device: ann.id, changes: [] },
      { device: ann.id, changes: 'everything' },
      { device: ann.id, changes: [ann.set('incident', uuidv7(), 'title', 'Extra')], force: true },
    ];
    for (const body of bodies) {
      await expectRefused(
        () => hubRequest(desk.url, 'POST', '/v1/push', { token: agent.token, body }),
        400,
        'invalid_request',
      );
    }
  });

  test('malformed changes are rejected one by one; their valid neighbours are accepted', async () => {
    const ann = annDevice();
    const base = () => ann.set('incident', uuidv7(), 'title', 'Scanner offline');
    // `answeredAs`: the change's own id when it has a readable one, else its position in the push.
    const MALFORMED: { name: string; change: unknown; answeredAs: 'id' | 'position'; mentions: string }[] = [
      { name: 'no id', change: { ...base(), id: undefined }, answeredAs: 'position', mentions: 'id' },
      { name: 'an id that is not a UUID', change: { ...base(), id: 'INC-1' }, answeredAs: 'id', mentions: 'id' },
      {
        name: 'a date for a clock stamp',
        change: { ...base(), hlc: '2030-01-15T09:30Z' },
        answeredAs: 'id',
        mentions: 'hlc',
      },
      { name: 'an empty device', change: { ...base(), device: '' }, answeredAs: 'id', mentions: 'device' },
      { name: 'an unknown entity', change: { ...base(), entity: 'ticket' }, answeredAs: 'id', mentions: 'entity' },
      { name: 'an unknown operation', change: { ...base(), op: 'delete' }, answeredAs: 'id', mentions: 'op' },
      {
        name: 'SQL in the field name',
        change: { ...base(), field: "title'; DROP TABLE change; --" },
        answeredAs: 'id',
        mentions: 'field',
      },
      {
        name: 'an actor that is not an account',
        change: { ...base(), actor: 'root' },
        answeredAs: 'id',
        mentions: 'actor',
      },
      {
        name: 'an entity id over 64 characters',
        change: { ...base(), entityId: 'i'.repeat(65) },
        answeredAs: 'id',
        mentions: 'entityId',
      },
      {
        name: 'a value over 64 KB',
        change: { ...base(), value: 'x'.repeat(70_000) },
        answeredAs: 'id',
        mentions: 'value',
      },
      { name: 'a property the protocol lacks', change: { ...base(), seq: 1 }, answeredAs: 'id', mentions: 'seq' },
      { name: 'a string', change: 'set title', answeredAs: 'position', mentions: 'object' },
      { name: 'null', change: null, answeredAs: 'position', mentions: 'object' },
    ];
    const valid = ann.newIncident('Scanner on floor 2 offline');
    const bad = MALFORMED.map((variant) => variant.change);
    const changes = [valid[0], ...bad.slice(0, 6), valid[1], ...bad.slice(6), valid[2]];
    const cursor = (await pullAll(desk.url, agent.token)).cursor;

    const answer = await pushOk(desk.url, agent.token, ann.id, changes);

    expect(answer.rejected).toEqual(
      MALFORMED.map((variant) => ({
        id: variant.answeredAs === 'id' ? (variant.change as Change).id : `#${changes.indexOf(variant.change)}`,
        reason: 'malformed',
        message: expect.stringContaining(variant.mentions),
      })),
    );
    expect(answer.accepted).toEqual(valid.map((c) => c.id));
    const landed = (await pullAll(desk.url, agent.token, cursor)).changes;
    expect(landed.filter((c) => c.device === ann.id)).toEqual(valid);
  });

  test('text no column can store, or a value nested 20,000 deep, is rejected alone, never failing the push', async () => {
    const ann = annDevice();
    const base = () => ann.set('incident', uuidv7(), 'title', 'Scanner offline');
    // Too deep for JSON.stringify to write (as for the hub to check by recursion): spliced in as text.
    const DEEP = { list: '"deep-list"', object: '"deep-object"' };
    const UNSTORABLE: { name: string; change: unknown; answeredAs: 'id' | 'position'; mentions: string }[] = [
      {
        name: 'a NUL in the id',
        change: { ...base(), id: `${uuidv7()}\u0000` },
        answeredAs: 'position',
        mentions: 'id',
      },
      {
        name: 'a NUL in the entity id',
        change: { ...base(), entityId: 'inc\u0000ident' },
        answeredAs: 'id',
        mentions: 'entityId',
      },
      {
        name: 'half a surrogate pair in the entity id',
        change: { ...base(), entityId: 'inc\ud800' },
        answeredAs: 'id',
        mentions: 'entityId',
      },
      {
        name: 'an id in upper case',
        change: { ...base(), id: uuidv7().toUpperCase() },
        answeredAs: 'id',
        mentions: 'id',
      },
      {
        name: 'an actor in upper case',
        change: { ...base(), actor: agent.id.toUpperCase() },
        answeredAs: 'id',
        mentions: 'actor',
      },
      {
        name: 'a list nested 20,000 deep',
        change: { ...base(), value: 'deep-list' },
        answeredAs: 'id',
        mentions: 'value',
      },
      {
        name: 'an object nested 20,000 deep',
        change: { ...base(), value: 'deep-object' },
        answeredAs: 'id',
        mentions: 'value',
      },
      {
        name: 'a value one level too deep',
        change: { ...base(), value: JSON.parse(`${'['.repeat(33)}1${']'.repeat(33)}`) as JsonValue },
        answeredAs: 'id',
        mentions: 'value',
      },
    ];
    const incident = uuidv7();
    // Neighbours, some of them unusual but storable: a NUL inside a note's text is text, kept as sent.
    const valid = [
      ...ann.newIncident('Scanner on floor 2 offline', incident),
      ann.append('incident', incident, 'note', { text: 'Pasted from the log: \u0000 end' }),
      ann.set('incident', incident, 'tags', [[[['deep', 'but', 'fine']]]]),
    ];
    const bad = UNSTORABLE.map((variant) => variant.change);
    const changes = [valid[0], ...bad.slice(0, 4), valid[1], valid[2], ...bad.slice(4), valid[3], valid[4]];
    const body = JSON.stringify({ device: ann.id, changes })
      .replace(DEEP.list, `${'['.repeat(20_000)}"x"${']'.repeat(20_000)}`)
      .replace(DEEP.object, `${'{"more":'.repeat(20_000)}"x"${'}'.repeat(20_000)}`);
    const cursor = (await pullAll(desk.url, agent.token)).cursor;

    const answer = await hubRequest<PushResponse>(desk.url, 'POST', '/v1/push', { token: agent.token, body });

    expect(answer.status).toBe(200);
    expect(answer.body.rejected).toEqual(
      UNSTORABLE.map((variant) => ({
        id: variant.answeredAs === 'id' ? (variant.change as Change).id : `#${changes.indexOf(variant.change)}`,
        reason: 'malformed',
        message: expect.stringContaining(variant.mentions),
      })),
    );
    expect(answer.body.accepted).toEqual(valid.map((c) => c.id));
    const landed = (await pullAll(desk.url, agent.token, cursor)).changes;
    expect(landed.filter((c) => c.device === ann.id)).toEqual(valid);
  });

  test('a device id no column can store is refused with 400 wherever a request names one', async () => {
    const ann = annDevice();
    // As JSON, and as the query string carries it (a lone surrogate's bytes are not UTF-8 at all).
    const DEVICES = [
      { json: 'ws-\u0000', query: 'ws-%00' },
      { json: 'ws-\ud800', query: 'ws-%ED%A0%80' },
      { json: 'ws 1', query: 'ws%201' },
      { json: '', query: '' },
    ];
    for (const device of DEVICES) {
      const requests = [
        () => pushChanges(desk.url, agent.token, device.json, ann.newIncident('Scanner offline')),
        () => hubRequest(desk.url, 'GET', `/v1/pull?after=0&device=${device.query}`, { token: agent.token }),
        () => hubRequest(desk.url, 'POST', '/v1/lease', { token: agent.token, body: { device: device.json } }),
      ];
      for (const request of requests) await expectRefused(request, 400, 'invalid_request');
    }
    for (const after of ['1e20', '-1', '1.5', 'Infinity']) {
      await expectRefused(
        () => hubRequest(desk.url, 'GET', `/v1/pull?after=${after}`, { token: agent.token }),
        400,
        'invalid_request',
      );
    }
  });

  test('changes stamped more than five minutes ahead of the hub are rejected; up to five are accepted', async () => {
    const ann = annDevice();
    const AHEAD: { name: string; ms: number; accepted: boolean }[] = [
      { name: '4 minutes', ms: 4 * 60_000, accepted: true },
      { name: 'exactly 5 minutes', ms: 5 * 60_000, accepted: true },
      { name: '5 minutes and 1 ms', ms: 5 * 60_000 + 1, accepted: false },
      { name: '6 minutes', ms: 6 * 60_000, accepted: false },
      { name: 'a year', ms: 365 * 24 * 3_600_000, accepted: false },
    ];
    const stamped = AHEAD.map((variant) =>
      stampedChange({ hlc: encodeHlc({ wall: clock + variant.ms, counter: 0 }), device: ann.id, entity: 'contact' }),
    );
    const before = await snapshot();
    const refusedOnly = await pushOk(
      desk.url,
      agent.token,
      ann.id,
      stamped.filter((_, i) => !AHEAD[i]!.accepted),
    );
    expect(refusedOnly.accepted).toEqual([]);
    expect(await snapshot()).toEqual(before);

    const answer = await pushOk(desk.url, agent.token, ann.id, stamped);
    for (const [i, variant] of AHEAD.entries()) {
      const id = stamped[i]!.id;
      if (variant.accepted) expect(answer.accepted, variant.name).toContain(id);
      else
        expect(answer.rejected, variant.name).toContainEqual({
          id,
          reason: 'clock_ahead',
          message: expect.stringContaining('clock'),
        });
    }
  });

  const SUPERVISED: EntityKind[] = ['agent', 'group', 'category', 'service', 'setting'];
  test(`an agent cannot change ${SUPERVISED.join(', ')}; a supervisor and an admin can`, async () => {
    const changesBy = (actor: TestAgent) => {
      const device = new TestDevice(`ws-${actor.name.replace(/\W+/g, '-')}-${uuidv7()}`, now, actor.id);
      return SUPERVISED.flatMap((entity) => [
        device.set(entity, entity === 'agent' ? agent.id : uuidv7(), entity === 'setting' ? 'value' : 'name', 'Mine'),
        device.append(entity, uuidv7(), 'renamed', { by: actor.name }),
      ]);
    };
    const fromAgent = changesBy(agent);
    const before = await snapshot();
    const refused = await pushOk(desk.url, agent.token, fromAgent[0]!.device, fromAgent);
    expect(refused.accepted).toEqual([]);
    expect(refused.rejected).toEqual(
      fromAgent.map((c) => ({ id: c.id, reason: 'forbidden', message: expect.stringContaining(c.entity) })),
    );
    expect(await snapshot()).toEqual(before);

    for (const allowed of [supervisor, admin]) {
      const changes = changesBy(allowed);
      const answer = await pushOk(desk.url, allowed.token, changes[0]!.device, changes);
      expect(answer.accepted, allowed.name).toEqual(changes.map((c) => c.id));
    }
  });

  test("no one but the hub sets an incident's number, whatever their role", async () => {
    const incident = deskChanges.find((c) => c.entity === 'incident')!.entityId;
    for (const caller of [agent, supervisor, admin]) {
      const device = new TestDevice(`ws-${caller.name.replace(/\W+/g, '-')}`, now, caller.id);
      const forged = [device.set('incident', incident, 'number', 1), device.set('incident', uuidv7(), 'number', 99)];
      const before = await snapshot();
      const answer = await pushOk(desk.url, caller.token, device.id, forged);
      expect(answer.rejected, caller.name).toEqual(
        forged.map((c): Rejection => ({ id: c.id, reason: 'forbidden', message: expect.stringMatching(/number/) })),
      );
      expect(await snapshot()).toEqual(before);
    }
  });
});
