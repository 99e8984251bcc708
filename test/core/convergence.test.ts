import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '#shared/change.ts';
import { compareStamps } from '#shared/hlc.ts';
import { firstWriterWins } from '#shared/merge.ts';
import type { Core } from '#core/index.ts';
import { Store } from '#core/store/store.ts';
import { readChangeLog, missingFrom } from '../helpers/change-log.ts';
import { agentInput, call } from '../helpers/invoke.ts';
import { prng } from '../helpers/prng.ts';
import type { Prng } from '../helpers/prng.ts';
import { projectionSnapshot } from '../helpers/projections.ts';
import type { ProjectionSnapshot } from '../helpers/projections.ts';
import { FIXED_NOW, openTempCore, tempDir, testClock } from '../helpers/temp-workspace.ts';
import type { TempCore, TempDir, TestClock } from '../helpers/temp-workspace.ts';

/** Searches whose answers must agree too: words from titles, descriptions, notes, and incident numbers. */
const SEARCHES = ['printer', 'vpn', 'toner', 'INC-3', 'INC-1', 'meeting room', 'laptop boot', 'partner'];

/** Set CONVERGENCE_SEED to replay one failing schedule. */
const ONLY_SEED = process.env.CONVERGENCE_SEED ? Number(process.env.CONVERGENCE_SEED) : null;
const SCHEDULES = ONLY_SEED === null ? Array.from({ length: 60 }, (_, i) => 1_000 + i) : [ONLY_SEED];

interface Workstation {
  readonly temp: TempCore;
  readonly core: Core;
  readonly clock: TestClock;
  /** Lets a little time pass, sometimes none (commands in the same millisecond). */
  tick(): void;
}

async function workstation(clock: TestClock, rand: Prng): Promise<Workstation> {
  const temp = await openTempCore({ clock });
  return {
    temp,
    core: temp.core,
    clock,
    tick: () => clock.advance(rand.next() < 0.25 ? 0 : rand.int(1, 90_000)),
  };
}

/** Gives `to` every change of `from` it has not seen, as a sync pull would. */
async function deliver(from: Core, to: Core): Promise<void> {
  const fresh = missingFrom(await readChangeLog(from.store.db), await readChangeLog(to.store.db));
  await to.store.applyBatch(fresh, 'remote');
}

/**
 * A morning on a two-person desk: workstation A sets up the team and works incidents; B syncs, then both work
 * offline on the same incidents and settings (the same fields, on purpose) before their changes meet.
 */
async function buildMorning(a: Workstation, b: Workstation): Promise<void> {
  const A = a.core;
  const B = b.core;
  const step = async <T>(ws: Workstation, run: () => Promise<T>): Promise<T> => {
    ws.tick();
    return run();
  };

  await step(a, () => call(A, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' }));
  const desk = await step(a, () => call(A, 'group/save', { name: 'Service Desk', description: 'First line' }));
  const network = await step(a, () => call(A, 'group/save', { name: 'Network', description: 'LAN and VPN' }));
  const jonas = await step(a, () =>
    call(A, 'agent/save', {
      name: 'Jonas',
      email: 'jonas@desk.example',
      role: 'agent',
      groupIds: [desk.id],
      active: true,
    }),
  );
  const priya = await step(a, () =>
    call(A, 'agent/save', {
      name: 'Priya Raman',
      email: 'priya@desk.example',
      role: 'supervisor',
      groupIds: [network.id, desk.id],
      active: true,
    }),
  );
  const hardware = await step(a, () =>
    call(A, 'category/save', { name: 'Hardware', subcategories: ['Printer', 'Laptop'] }),
  );
  const networkCategory = await step(a, () =>
    call(A, 'category/save', { name: 'Network', subcategories: ['VPN', 'Wi-Fi'] }),
  );
  const vpn = await step(a, () => call(A, 'service/save', { name: 'VPN', description: 'Remote access' }));
  const email = await step(a, () => call(A, 'service/save', { name: 'Email', description: 'Mailboxes' }));
  const ann = await step(a, () =>
    call(A, 'contact/save', {
      name: 'Ann Lee',
      email: 'ann@corp.example',
      phone: '+1 555 0101',
      organisation: 'Finance',
    }),
  );
  const bo = await step(a, () =>
    call(A, 'contact/save', { name: 'Bo Chen', email: null, phone: '+1 555 0102', organisation: null }),
  );
  await step(a, () =>
    call(A, 'priority/saveMatrix', {
      cells: [
        [1, 1, 2],
        [2, 3, 4],
        [3, 4, 5],
      ],
    }),
  );

  const create = (ws: Workstation, input: Parameters<typeof call<'incident/create'>>[2]) =>
    step(ws, () => call(ws.core, 'incident/create', input)).then((detail) => detail.incident.id);
  const printer = await create(a, {
    title: 'Printer on floor 2 jams',
    description: 'Every job jams on tray 2; toner light blinks.',
    channel: 'phone',
    reporterId: ann.id,
    categoryId: hardware.id,
    subcategory: 'Printer',
    impact: 3,
    urgency: 2,
    tags: ['printer'],
  });
  const vpnDrops = await create(a, {
    title: 'VPN drops every few minutes',
    channel: 'email',
    reporterId: bo.id,
    categoryId: networkCategory.id,
    subcategory: 'VPN',
    serviceId: vpn.id,
    impact: 2,
    urgency: 1,
    groupId: network.id,
  });
  const laptop = await create(a, {
    title: 'Laptop will not boot',
    channel: 'walk_in',
    categoryId: hardware.id,
    subcategory: 'Laptop',
    impact: 3,
    urgency: 3,
    assigneeId: jonas.id,
  });
  const wifi = await create(a, { title: 'Wi-Fi slow in meeting room', channel: 'web', impact: 2, urgency: 2 });
  const bounce = await create(a, {
    title: 'Email bounces from partner',
    channel: 'email',
    serviceId: email.id,
    impact: 1,
    urgency: 2,
    priorityOverride: { priority: 1, reason: 'Largest customer' },
  });
  const monitor = await create(a, { title: 'Monitor flickers', channel: 'agent', impact: 3, urgency: 3 });

  const transition = (ws: Workstation, input: Parameters<typeof call<'incident/transition'>>[2]) =>
    step(ws, () => call(ws.core, 'incident/transition', input));
  await step(a, () => call(A, 'incident/assign', { id: printer, assigneeId: jonas.id }));
  await transition(a, { id: printer, action: 'start' });
  await step(a, () => call(A, 'incident/addNote', { id: printer, body: 'Ordered a new toner cartridge.' }));
  await transition(a, { id: printer, action: 'wait' });
  await step(a, () => call(A, 'incident/assign', { id: vpnDrops, assigneeId: priya.id, groupId: network.id }));
  await transition(a, { id: vpnDrops, action: 'start' });
  await transition(a, { id: laptop, action: 'start' });
  await transition(a, {
    id: laptop,
    action: 'resolve',
    notes: 'Reseated the RAM.',
    resolutionCode: 'solved_permanently',
    cause: 'A loose memory module.',
  });
  await transition(a, { id: laptop, action: 'close' });
  await transition(a, { id: monitor, action: 'cancel', notes: 'Duplicate of a known fault.' });
  await step(a, () =>
    call(A, 'view/save', {
      name: 'Urgent',
      filter: { priorities: [1, 2] },
      sort: { column: 'priority', direction: 'asc' },
    }),
  );

  // B joins: it pulls everything A has done so far, and Priya signs in there.
  await deliver(A, B);
  await step(b, () => call(B, 'session/signIn', { agentId: priya.id }));

  // Both work offline on the same things. B's clock runs a little ahead of A's.
  b.clock.set(a.clock.now() + 2_000);
  await step(a, () =>
    call(A, 'incident/update', { id: printer, fields: { title: 'Printer on floor 2 jams (tray 2)' } }),
  );
  await step(b, () =>
    call(B, 'incident/update', { id: printer, fields: { title: 'Floor 2 printer jams', impact: 2 } }),
  );
  await step(b, () => call(B, 'incident/addNote', { id: printer, body: 'Toner arrived, installing.' }));
  await transition(a, { id: printer, action: 'resume' });
  await transition(b, { id: printer, action: 'resume' });
  await transition(b, {
    id: printer,
    action: 'resolve',
    notes: 'New toner fitted.',
    resolutionCode: 'solved_permanently',
    cause: 'An empty toner cartridge.',
  });
  await step(a, () => call(A, 'incident/addNote', { id: vpnDrops, body: 'Gateway logs show timeouts.' }));
  await transition(a, { id: vpnDrops, action: 'wait' });
  await transition(b, {
    id: vpnDrops,
    action: 'resolve',
    notes: 'Raised MTU.',
    resolutionCode: 'solved_remotely',
    cause: 'An MTU too large for the tunnel.',
  });
  await step(b, () =>
    call(B, 'group/save', { id: network.id, name: 'Network Operations', description: 'LAN and VPN' }),
  );
  await step(a, () => call(A, 'group/save', { id: network.id, name: 'NetOps', description: 'Networks' }));
  await step(a, () => call(A, 'agent/save', agentInput(jonas, { name: 'Jonas Weber' })));
  await step(b, () => call(B, 'contact/save', { ...bo, email: 'bo@corp.example' }));
  await step(b, () =>
    call(B, 'priority/saveMatrix', {
      cells: [
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
      ],
    }),
  );
  await step(a, () =>
    call(A, 'incident/update', { id: wifi, fields: { categoryId: networkCategory.id, subcategory: 'Wi-Fi' } }),
  );
  await step(b, () => call(B, 'incident/update', { id: wifi, fields: { urgency: 1, tags: ['meeting-room'] } }));
  await step(b, () => call(B, 'incident/assign', { id: wifi, assigneeId: priya.id }));
  await transition(a, { id: laptop, action: 'reopen', notes: 'Fails again after the weekend.' });
  await step(a, () => call(A, 'incident/update', { id: bounce, fields: { priorityOverride: null, urgency: 3 } }));
  await create(b, { title: 'Badge reader at entrance', channel: 'walk_in', impact: 2, urgency: 2 });
  await create(a, { title: 'Laptop boot loop after update', channel: 'phone', impact: 3, urgency: 2 });
  await step(b, () =>
    call(B, 'view/save', {
      name: 'Network work',
      filter: { groupIds: [network.id] },
      sort: { column: 'updated', direction: 'desc' },
    }),
  );
}

/** Sends the changes in shuffled order, in batches of random sizes, with duplicates and whole batches resent. */
function schedule(changes: readonly Change[], rand: Prng): Change[][] {
  const order = rand.shuffle(changes);
  for (let i = 0, extra = Math.ceil(changes.length * 0.15); i < extra; i++) {
    order.splice(rand.int(0, order.length), 0, rand.pick(changes));
  }
  const batches: Change[][] = [];
  for (let start = 0; start < order.length;) {
    const size = rand.int(1, Math.max(1, Math.floor(order.length / 4)));
    batches.push(order.slice(start, start + size));
    start += size;
  }
  const resent = rand.int(1, 3);
  for (let i = 0; i < resent; i++) batches.splice(rand.int(0, batches.length), 0, rand.pick(batches));
  return batches;
}

describe('write path convergence', () => {
  let a: Workstation;
  let b: Workstation;
  let folder: TempDir;
  let changes: Change[];
  let reference: ProjectionSnapshot;

  const freshStore = async (name: string) =>
    Store.open({ file: path.join(folder.path, `${name}.sqlite`), now: testClock(FIXED_NOW).now });

  beforeAll(async () => {
    const rand = prng(7);
    a = await workstation(testClock(FIXED_NOW), rand);
    b = await workstation(testClock(FIXED_NOW), rand);
    folder = await tempDir();
    await buildMorning(a, b);
    const fromA = await readChangeLog(a.core.store.db);
    changes = [...fromA, ...missingFrom(await readChangeLog(b.core.store.db), fromA)];
    const store = await freshStore('reference');
    try {
      await store.applyBatch(changes, 'remote');
      reference = await projectionSnapshot(store.db, SEARCHES);
    } finally {
      await store.close();
    }
  });

  afterAll(async () => {
    await a?.temp.dispose();
    await b?.temp.dispose();
    await folder?.remove();
  });

  it('starts from a realistic day: many changes, from two devices, touching every kind of entity', () => {
    expect(changes.length).toBeGreaterThan(200);
    // Besides the defaults every workspace writes for itself (core/automation/default-automation.ts).
    expect(new Set(changes.filter((c) => c.device !== 'defaults').map((c) => c.device)).size).toBe(2);
    expect(new Set(changes.map((c) => c.entity))).toEqual(
      new Set([
        ...['incident', 'agent', 'group', 'contact', 'category', 'service', 'setting', 'view', 'rule', 'template'],
        // An agent assigned an incident by someone else is told of it.
        'notification',
      ]),
    );
    expect(changes.some((c) => c.op === 'append' && c.field === 'note')).toBe(true);
    expect(reference.tables.incident).toHaveLength(8);
    for (const text of ['printer', 'toner', 'vpn']) expect(reference.searches[text]!.length, text).toBeGreaterThan(0);
  });

  it('brings both workstations to the same state once their changes meet', async () => {
    await deliver(a.core, b.core);
    await deliver(b.core, a.core);
    expect(await projectionSnapshot(a.core.store.db, SEARCHES)).toEqual(reference);
    expect(await projectionSnapshot(b.core.store.db, SEARCHES)).toEqual(reference);
  });

  it('resolves each field the two agents both edited by clock, then device, as the merge rule says', async () => {
    const incidents = reference.tables.incident as { title: string; group_name: string | null; status: string }[];
    for (const [entity, entityId, field] of [
      ...new Map(
        changes.filter((c) => c.op === 'set').map((c) => [`${c.entity}/${c.entityId}/${c.field}`, c]),
      ).values(),
    ].map((c) => [c.entity, c.entityId, c.field] as const)) {
      const writers = changes.filter(
        (c) => c.op === 'set' && c.entity === entity && c.entityId === entityId && c.field === field,
      );
      // Most fields keep the last writer; a first occurrence (acknowledgement) keeps the first.
      const first = firstWriterWins(entity, field);
      const winner = writers.reduce((best, c) => (compareStamps(c, best) > 0 !== first ? c : best));
      const state = (
        reference.tables.field_state as { entity: string; entity_id: string; field: string; value: string }[]
      ).find((row) => row.entity === entity && row.entity_id === entityId && row.field === field);
      expect(JSON.parse(state!.value), `${entity}/${field}`).toEqual(winner.value);
    }
    // The group both renamed shows the later name on the incidents that belong to it.
    const groups = reference.tables.agent_group as { id: string; name: string }[];
    const renamed = groups.find((g) => g.name === 'NetOps' || g.name === 'Network Operations')!;
    expect(incidents.filter((i) => i.group_name === renamed.name).length).toBeGreaterThan(0);
    expect(incidents.some((i) => i.group_name === (renamed.name === 'NetOps' ? 'Network Operations' : 'NetOps'))).toBe(
      false,
    );
  });

  for (const seed of SCHEDULES) {
    it(`converges whatever the order, duplicates and batching (seed ${seed})`, async () => {
      const rand = prng(seed);
      const store = await freshStore(`schedule-${seed}`);
      try {
        for (const batch of schedule(changes, rand)) await store.applyBatch(batch, 'remote');
        const snapshot = await projectionSnapshot(store.db, SEARCHES);
        expect(snapshot, `replay with CONVERGENCE_SEED=${seed}`).toEqual(reference);
        const logged = await store.db
          .selectFrom('change')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst();
        expect(logged?.n, `every change stored once (CONVERGENCE_SEED=${seed})`).toBe(changes.length);
      } finally {
        await store.close();
      }
    });
  }
});

describe('last writer wins', () => {
  const INCIDENT = '0190f000-0000-7000-8000-000000000042';
  let folder: TempDir;
  let one: Store;
  let two: Store;
  let opened = 0;

  beforeAll(async () => {
    folder = await tempDir();
    one = await Store.open({ file: path.join(folder.path, 'one.sqlite'), now: testClock().now });
    two = await Store.open({ file: path.join(folder.path, 'two.sqlite'), now: testClock().now });
    // Both know the incident.
    const created = one.stampAt(FIXED_NOW - 60_000, null);
    created.set('incident', INCIDENT, 'title', 'Printer jams');
    created.set('incident', INCIDENT, 'number', 1);
    await one.applyBatch(created.changes, 'local');
    await two.applyBatch(created.changes, 'remote');
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await folder?.remove();
  });

  const titleIn = async (store: Store) =>
    (await store.db.selectFrom('incident').select('title').where('id', '=', INCIDENT).executeTakeFirstOrThrow()).title;

  /** Applies the edits in every order to a fresh store, and answers the title each order ends with. */
  const everyOrder = async (edits: readonly Change[]): Promise<string[]> => {
    const base = await readChangeLog(one.db);
    const titles: string[] = [];
    const orders = [edits, [...edits].reverse()];
    for (const order of orders) {
      const store = await Store.open({ file: path.join(folder.path, `order-${++opened}.sqlite`) });
      try {
        await store.applyBatch(
          base.filter((c) => !edits.some((e) => e.id === c.id)),
          'remote',
        );
        for (const change of order) await store.applyBatch([change], 'remote');
        titles.push(await titleIn(store));
        // And all at once, in one batch.
        await store.applyBatch([...order].reverse(), 'remote');
        titles.push(await titleIn(store));
      } finally {
        await store.close();
      }
    }
    return titles;
  };

  it('keeps the later clock, whichever device and whichever order', async () => {
    const early = one.stampAt(FIXED_NOW, null);
    early.set('incident', INCIDENT, 'title', 'Edited first');
    const late = two.stampAt(FIXED_NOW + 1, null);
    late.set('incident', INCIDENT, 'title', 'Edited later');
    const edits = [...early.changes, ...late.changes];
    expect(await everyOrder(edits)).toEqual(Array(4).fill('Edited later'));
  });

  it('breaks a tie on the clock by device id, the same way everywhere', async () => {
    const a = one.stampAt(FIXED_NOW + 10_000, null);
    a.set('incident', INCIDENT, 'title', `From ${one.deviceId}`);
    const b = two.stampAt(FIXED_NOW + 10_000, null);
    b.set('incident', INCIDENT, 'title', `From ${two.deviceId}`);
    expect(a.hlc).toBe(b.hlc);
    const winner = one.deviceId > two.deviceId ? one.deviceId : two.deviceId;
    expect(await everyOrder([...a.changes, ...b.changes])).toEqual(Array(4).fill(`From ${winner}`));

    // The two workstations exchange their edits in opposite orders and agree.
    await one.applyBatch(a.changes, 'local');
    await two.applyBatch(b.changes, 'local');
    await one.applyBatch(b.changes, 'remote');
    await two.applyBatch(a.changes, 'remote');
    expect(await titleIn(one)).toBe(`From ${winner}`);
    expect(await titleIn(two)).toBe(`From ${winner}`);
  });

  it('lets an edit made after seeing a change win over it, even from a slower clock', async () => {
    // Two's wall clock is an hour behind, but it has seen one's latest change, so its next edit orders after.
    const behind = await Store.open({
      file: path.join(folder.path, 'behind.sqlite'),
      now: testClock(FIXED_NOW - 3_600_000).now,
    });
    try {
      await behind.applyBatch(await readChangeLog(one.db), 'remote');
      await behind.command(null, async (_tx, rec) => rec.set('incident', INCIDENT, 'title', 'Seen and edited'));
      const reply = (await readChangeLog(behind.db)).at(-1)!;
      await one.applyBatch([reply], 'remote');
      expect(await titleIn(one)).toBe('Seen and edited');
    } finally {
      await behind.close();
    }
  });
});

describe('concurrent commands on one workstation', () => {
  it('stamp each command apart, so the last one to commit wins here and everywhere', async () => {
    const temp = await openTempCore();
    const folder = await tempDir();
    try {
      const { core } = temp;
      await call(core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
      // The clock does not move: every command lands in the same millisecond.
      const created = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          call(core, 'incident/create', { title: `Parallel ${i}`, channel: 'phone', impact: 3, urgency: 3 }),
        ),
      );
      expect(created.map((d) => d.incident.number).sort((x, y) => x! - y!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const id = created[0]!.incident.id;
      const edits = await Promise.all(
        Array.from({ length: 12 }, (_, i) => call(core, 'incident/update', { id, fields: { title: `Edit ${i}` } })),
      );
      const log = await readChangeLog(core.store.db);
      const titleSets = log.filter((c) => c.entityId === id && c.field === 'title');
      expect(new Set(titleSets.map((c) => c.hlc)).size, 'one stamp per command').toBe(titleSets.length);
      const latest = titleSets.reduce((best, c) => (compareStamps(c, best) > 0 ? c : best));
      const final = await call(core, 'incident/get', { id });
      expect(final.incident.title).toBe(latest.value);
      expect(edits.at(-1)!.incident.title).toBe(latest.value);
      // Replayed backwards on another workstation, the same title wins.
      const replay = await Store.open({ file: path.join(folder.path, 'replay.sqlite') });
      try {
        await replay.applyBatch([...log].reverse(), 'remote');
        const row = await replay.db
          .selectFrom('incident')
          .select('title')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(row.title).toBe(latest.value);
      } finally {
        await replay.close();
      }
    } finally {
      await temp.dispose();
      await folder.remove();
    }
  });
});
