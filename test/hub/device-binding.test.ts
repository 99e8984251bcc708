import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Change } from '#shared/change.ts';
import type { PushResponse } from '#shared/sync.ts';
import { createTeam, issueTokenFor } from '../../hub/auth/accounts.ts';
import { HUB_MIGRATIONS } from '../../hub/db/migrations.ts';
import { startHub } from '../../hub/index.ts';
import { createTestDatabase, startTestHub } from '../helpers/hub.ts';
import type { TestAgent, TestHub } from '../helpers/hub.ts';
import { hubRequest, pullAll, pushOk, teamFingerprint, TestDevice } from '../helpers/hub-requests.ts';

/**
 * DESIGN §8: actor and device come from the token, never from the payload. Device ids are in every pulled
 * change and agent ids in every timeline, so a hostile member knows them all; what they must not be able to
 * do is push a change as a device of someone else's, or in another agent's name. An honest workstation must
 * never be locked out: not after a restore (a new device id, the same token), not with its history from
 * before it joined, not with changes the system made (imports, automation: no actor).
 */
let hub: TestHub;
let ann: TestAgent;
let bob: TestAgent;
let sam: TestAgent;

beforeAll(async () => {
  hub = await startTestHub();
  ann = await hub.addAgent('Ann Agent');
  bob = await hub.addAgent('Bob Agent');
  sam = await hub.addAgent('Sam Supervisor', 'supervisor');
});

afterAll(async () => {
  await hub?.close();
});

const deviceOf = (agent: TestAgent, name = agent.name.split(' ')[0]!.toLowerCase()) =>
  new TestDevice(`ws-${name}-${uuidv7()}`, Date.now, agent.id);

/** Pushes and says which changes the hub took, refused as forbidden, or took already. */
async function outcome(agent: TestAgent, device: string, changes: readonly Change[]) {
  const answer = await pushOk(hub.url, agent.token, device, changes);
  return {
    accepted: answer.accepted,
    forbidden: answer.rejected.filter((r) => r.reason === 'forbidden').map((r) => r.id),
    others: answer.rejected.filter((r) => r.reason !== 'forbidden'),
    duplicate: answer.duplicate,
  };
}

describe('a device is its owner’s', () => {
  test("a change naming another agent's device is refused alone; that device's owner still pushes as it", async () => {
    const annPc = deviceOf(ann);
    const incident = uuidv7();
    expect((await outcome(ann, annPc.id, annPc.newIncident('VPN down', incident))).accepted).toHaveLength(3);

    const bobPc = deviceOf(bob);
    // Bob writes as Ann's workstation (and in his own name, or in hers): the change would show as hers.
    const asAnnsPc = new TestDevice(annPc.id, Date.now, bob.id);
    const spoofed = [
      asAnnsPc.set('incident', incident, 'status', 'closed'),
      { ...asAnnsPc.set('incident', incident, 'title', 'Fixed'), actor: ann.id },
    ];
    const honest = bobPc.append('incident', incident, 'note', { text: 'Looking into it' });
    const before = await teamFingerprint(hub.hub.database.pool, hub.teamId);
    const answer = await outcome(bob, bobPc.id, [spoofed[0]!, honest, spoofed[1]!]);
    expect(answer).toMatchObject({ accepted: [honest.id], forbidden: spoofed.map((c) => c.id), others: [] });
    const after = await teamFingerprint(hub.hub.database.pool, hub.teamId);
    expect(after.field_state).toEqual(before.field_state);

    const log = (await pullAll(hub.url, ann.token)).changes;
    expect(log.filter((c) => c.device === annPc.id && c.actor !== ann.id)).toEqual([]);
    expect(
      (await outcome(ann, annPc.id, [annPc.set('incident', incident, 'status', 'in_progress')])).accepted,
    ).toHaveLength(1);
  });

  test('a restored workspace (a new device id, the same token) pushes at once, and still delivers its previous incarnation’s work', async () => {
    const before = deviceOf(ann);
    const incident = uuidv7();
    const pushed = before.newIncident('Laptop will not boot', incident);
    // Made on the old incarnation after its last push, and restored with the backup.
    const pending = before.append('incident', incident, 'note', { text: 'Tried safe mode' });
    await pushOk(hub.url, ann.token, before.id, pushed);

    const restored = deviceOf(ann, 'ann-restored');
    const fresh = restored.set('incident', incident, 'priority', 'p2');
    const answer = await outcome(ann, restored.id, [...pushed, pending, fresh]);
    expect(answer).toEqual({
      accepted: [pending.id, fresh.id],
      forbidden: [],
      others: [],
      duplicate: pushed.map((c) => c.id),
    });
  });

  test("a pull naming another agent's device is answered, and moves nobody's cursor", async () => {
    const annPc = deviceOf(ann);
    await pushOk(hub.url, ann.token, annPc.id, annPc.newIncident('Mail stuck in outbox'));
    await hubRequest(hub.url, 'GET', `/v1/pull?after=1&device=${annPc.id}`, { token: ann.token });
    const cursor = () =>
      hub.hub.database.pool
        .query<{ cursor: number }>('SELECT cursor FROM device_cursor WHERE team_id = $1 AND device = $2', [
          hub.teamId,
          annPc.id,
        ])
        .then(({ rows }) => rows[0]?.cursor);
    expect(await cursor()).toBe(1);

    // Ahead of everything: compaction would think Ann's workstation has read it all.
    const pulled = await hubRequest(hub.url, 'GET', `/v1/pull?after=999999&device=${annPc.id}`, { token: bob.token });
    expect(pulled.status).toBe(200);
    expect(await cursor()).toBe(1);
  });
});

describe('a change is credited to the agent whose token sends it', () => {
  test("another agent's name is refused; one's own name, and no name (the system's), are taken and traced", async () => {
    const bobPc = deviceOf(bob);
    const incident = uuidv7();
    const asAnn = { ...bobPc.append('incident', incident, 'note', { text: 'I approve' }), actor: ann.id };
    const asSam = { ...bobPc.set('incident', incident, 'priority', 'p1'), actor: sam.id };
    const own = bobPc.set('incident', incident, 'title', 'Printer offline');
    const system = { ...bobPc.append('incident', incident, 'email', { subject: 'Printer offline' }), actor: null };
    const answer = await outcome(bob, bobPc.id, [asAnn, own, asSam, system]);
    expect(answer).toMatchObject({ accepted: [own.id, system.id], forbidden: [asAnn.id, asSam.id] });
    expect(answer.others).toEqual([]);

    // The system has no name, but the log still says whose token sent its changes.
    const { rows } = await hub.hub.database.pool.query<{ pushed_by: string }>(
      'SELECT pushed_by FROM change WHERE id = $1',
      [system.id],
    );
    expect(rows[0]?.pushed_by).toBe(bob.id);
  });

  test('an agent without an account (made on a workstation, or in its history) is its first writer’s alone', async () => {
    // Ann's workspace history from before she joined: her local agent, and the incidents she worked as it.
    const annPc = deviceOf(ann);
    const localAnn = uuidv7();
    const history = [{ ...annPc.set('incident', uuidv7(), 'title', 'Old printer incident'), actor: localAnn }];
    // Sam, a supervisor, adds an agent who has no account (a field technician) and records their visit.
    const samPc = deviceOf(sam);
    const technician = uuidv7();
    const technicianVisit = [
      samPc.set('agent', technician, 'name', 'Terry Technician'),
      { ...samPc.append('incident', uuidv7(), 'note', { text: 'Replaced the fuser' }), actor: technician },
    ];
    expect((await outcome(ann, annPc.id, history)).accepted).toHaveLength(1);
    expect((await outcome(sam, samPc.id, technicianVisit)).accepted).toHaveLength(2);

    const bobPc = deviceOf(bob);
    const asLocalAnn = { ...bobPc.set('incident', uuidv7(), 'title', 'Hijacked'), actor: localAnn };
    const asTechnician = { ...bobPc.set('incident', uuidv7(), 'title', 'Hijacked too'), actor: technician };
    expect(await outcome(bob, bobPc.id, [asLocalAnn, asTechnician])).toMatchObject({
      accepted: [],
      forbidden: [asLocalAnn.id, asTechnician.id],
    });
    // Their owners go on writing as them.
    const more = { ...annPc.set('incident', uuidv7(), 'title', 'Another old incident'), actor: localAnn };
    expect((await outcome(ann, annPc.id, [more])).accepted).toEqual([more.id]);
  });

  test('an agent with a second token (a new laptop) writes as themselves from both, and as their devices', async () => {
    const secondToken = await issueTokenFor(hub.hub.database.pool, hub.teamId, ann.email, 'new laptop');
    const desktop = deviceOf(ann);
    await pushOk(hub.url, ann.token, desktop.id, desktop.newIncident('Monitor flickers'));
    const laptop = deviceOf(ann, 'ann-laptop');
    const fromLaptop = [
      ...laptop.newIncident('Dock not charging'),
      desktop.set('incident', uuidv7(), 'title', 'Synced late'),
    ];
    const answer = await pushOk(hub.url, secondToken, laptop.id, fromLaptop);
    expect(answer.accepted).toEqual(fromLaptop.map((c) => c.id));
  });
});

test("after the upgrade, a hub's existing log keeps its devices and agents with the accounts that pushed them", async () => {
  const databaseUrl = await createTestDatabase();
  // A hub database as the first version of the schema left it, with a log in it.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const teamId = randomUUID();
  const [annId, bobId, localAgent] = [uuidv7(), uuidv7(), uuidv7()];
  const annPc = `ws-ann-${uuidv7()}`;
  try {
    await pool.query(HUB_MIGRATIONS[0]!.sql);
    await pool.query(
      'CREATE TABLE hub_migration (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    await pool.query('INSERT INTO hub_migration (version) VALUES (1)');
    await pool.query("INSERT INTO team (id, name, created_at) VALUES ($1, 'Service Desk', now() - interval '1 day')", [
      teamId,
    ]);
    for (const [id, name] of [
      [annId, 'ann'],
      [bobId, 'bob'],
    ] as const) {
      await pool.query("INSERT INTO account (id, team_id, email, name, role) VALUES ($1, $2, $3, $4, 'agent')", [
        id,
        teamId,
        `${name}@desk.example`,
        name,
      ]);
    }
    const old = new TestDevice(annPc, Date.now, localAgent);
    const logged = old.newIncident('Logged before the upgrade');
    for (const [i, change] of logged.entries()) {
      await pool.query('UPDATE team SET last_seq = $2 WHERE id = $1', [teamId, i + 1]);
      await pool.query(
        `INSERT INTO change (team_id, seq, id, hlc, device, actor, entity, entity_id, op, field, value, pushed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          teamId,
          i + 1,
          change.id,
          change.hlc,
          change.device,
          change.actor,
          change.entity,
          change.entityId,
          change.op,
          change.field,
          JSON.stringify(change.value),
          annId,
        ],
      );
    }
  } finally {
    await pool.end();
  }

  const upgraded = await startHub({ dataDir: '/nonexistent-embedded-not-used', databaseUrl });
  try {
    const bobToken = await issueTokenFor(upgraded.database.pool, teamId, 'bob@desk.example', 'pc');
    const annToken = await issueTokenFor(upgraded.database.pool, teamId, 'ann@desk.example', 'pc');
    const bobAsAnnsPc = new TestDevice(annPc, Date.now, bobId).set('incident', uuidv7(), 'title', 'Spoofed');
    const bobAsLocalAgent = new TestDevice(`ws-bob-${uuidv7()}`, Date.now, localAgent).set(
      'incident',
      uuidv7(),
      'title',
      'Spoofed',
    );
    const refused = await hubRequest<PushResponse>(upgraded.url, 'POST', '/v1/push', {
      token: bobToken,
      body: { device: 'ws-bob', changes: [bobAsAnnsPc, bobAsLocalAgent] },
    });
    expect(refused.body.rejected.map((r) => [r.id, r.reason])).toEqual([
      [bobAsAnnsPc.id, 'forbidden'],
      [bobAsLocalAgent.id, 'forbidden'],
    ]);
    const annAgain = new TestDevice(annPc, Date.now, localAgent).set('incident', uuidv7(), 'title', 'Still mine');
    expect((await pushOk(upgraded.url, annToken, annPc, [annAgain])).accepted).toEqual([annAgain.id]);
    // Accounts are their own, whatever the log says.
    const bobAsAnn = new TestDevice('ws-bob', Date.now, annId).set('incident', uuidv7(), 'title', 'Spoofed');
    expect((await pushOk(upgraded.url, bobToken, 'ws-bob', [bobAsAnn])).rejected).toHaveLength(1);
    // A team that existed before its hub upgraded keeps working as one.
    expect((await createTeam(upgraded.database.pool, 'Night Shift')).name).toBe('Night Shift');
  } finally {
    await upgraded.close();
  }
});

describe('an agent’s notifications are theirs', () => {
  test('anyone may tell an agent something; only the agent marks it read and sets what they are told of', async () => {
    const annPc = deviceOf(ann);
    const bobPc = deviceOf(bob);
    // Ann's workstation tells Bob (she assigned him an incident): a notification for him, written by the system.
    const forBob = uuidv7();
    const telling = new TestDevice(annPc.id, Date.now, null);
    const told = [
      telling.set('notification', forBob, 'agentId', bob.id),
      telling.set('notification', forBob, 'text', 'INC-12 is yours'),
    ];
    expect((await outcome(ann, annPc.id, told)).accepted).toHaveLength(2);

    // Ann may not read it for him, nor choose what he is told of; in her name or in nobody's.
    const annReads = new TestDevice(annPc.id, Date.now, ann.id).set('notification', forBob, 'readAt', 'now');
    const systemReads = new TestDevice(annPc.id, Date.now, null).set('notification', forBob, 'readAt', 'now');
    const annSilencesBob = new TestDevice(annPc.id, Date.now, ann.id).set(
      'notificationSettings',
      bob.id,
      'preferences',
      { desktop: false },
    );
    const refused = await outcome(ann, annPc.id, [annReads, systemReads, annSilencesBob]);
    expect(refused.forbidden).toEqual([annReads.id, systemReads.id, annSilencesBob.id]);

    // Bob does both; and a notification made and read in one push by its own agent is taken too.
    const bobReads = new TestDevice(bobPc.id, Date.now, bob.id).set('notification', forBob, 'readAt', 'now');
    const bobChooses = new TestDevice(bobPc.id, Date.now, bob.id).set('notificationSettings', bob.id, 'preferences', {
      desktop: true,
    });
    const own = uuidv7();
    const madeAndRead = [
      bobPc.set('notification', own, 'agentId', bob.id),
      new TestDevice(bobPc.id, Date.now, bob.id).set('notification', own, 'readAt', 'now'),
    ];
    const taken = await outcome(bob, bobPc.id, [bobReads, bobChooses, ...madeAndRead]);
    expect(taken.forbidden).toEqual([]);
    expect(taken.accepted).toHaveLength(4);
  });
});
