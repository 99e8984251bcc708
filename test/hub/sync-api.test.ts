import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Change } from '#shared/change.ts';
import { compareStamps, encodeHlc } from '#shared/hlc.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestAgent, TestHub } from '../helpers/hub.ts';
import {
  addTeam,
  fieldValueOf,
  hubRequest,
  pullAll,
  pullPage,
  pushOk,
  readBootstrap,
  stampedChange,
  TestDevice,
} from '../helpers/hub-requests.ts';
import { prng } from '../helpers/prng.ts';

/**
 * The sync API a workstation relies on (DESIGN §4): pushes are idempotent by change id, pulls page through
 * the team's log in order, the hub keeps fields by last-writer-wins, and incident numbers come from the hub.
 */
let hub: TestHub;
let teams = 0;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.close();
});

/** A team of its own for each test, so logs and incident numbers start empty. */
async function freshTeam(): Promise<TestAgent> {
  teams += 1;
  return (await addTeam(hub, `Sync Team ${teams}`)).addAgent('Ann Agent');
}

describe('push', () => {
  test('the same batch pushed again is answered all duplicate and adds nothing to the log', async () => {
    const ann = await freshTeam();
    const device = new TestDevice('ws-ann');
    const incident = uuidv7();
    const batch = [
      ...device.newIncident('Laptop will not boot', incident),
      device.append('incident', incident, 'note', { text: 'Tried safe mode' }),
    ];
    const first = await pushOk(hub.url, ann.token, device.id, batch);
    expect(first).toMatchObject({ accepted: batch.map((c) => c.id), duplicate: [], rejected: [] });
    const { cursor } = await pullAll(hub.url, ann.token);

    const again = await pushOk(hub.url, ann.token, device.id, batch);

    expect(again).toMatchObject({ accepted: [], duplicate: batch.map((c) => c.id), rejected: [] });
    expect((await pullAll(hub.url, ann.token, cursor)).changes).toEqual([]);
  });

  test('a change repeated inside one push is taken once', async () => {
    const ann = await freshTeam();
    const device = new TestDevice('ws-ann');
    const [title, status] = device.newIncident('VPN drops every hour');
    const answer = await pushOk(hub.url, ann.token, device.id, [title, status, title, title]);
    expect(answer).toMatchObject({ accepted: [title!.id, status!.id], duplicate: [title!.id, title!.id] });
    const log = (await pullAll(hub.url, ann.token)).changes;
    expect(log.filter((c) => c.id === title!.id)).toEqual([title]);
  });

  test('an id seen before keeps its first content, even if a later push carries a newer value under it', async () => {
    const ann = await freshTeam();
    const device = new TestDevice('ws-ann');
    const [title] = device.newIncident('Outlook crashes on start');
    await pushOk(hub.url, ann.token, device.id, [title]);
    const rewritten = { ...title!, hlc: device.nextStamp(), value: 'Something else entirely' };

    expect(await pushOk(hub.url, ann.token, device.id, [rewritten])).toMatchObject({ duplicate: [title!.id] });
    const { state } = await readBootstrap(hub.url, ann.token);
    expect(state.find((v) => v.entityId === title!.entityId && v.field === 'title')).toEqual(fieldValueOf(title!));
  });
});

describe('pull', () => {
  let ann: TestAgent;
  let pushed: Change[];
  let log: Change[];

  beforeAll(async () => {
    ann = await freshTeam();
    const devices = [new TestDevice('ws-1'), new TestDevice('ws-2')];
    pushed = [];
    for (let batch = 0; batch < 4; batch += 1) {
      const device = devices[batch % 2]!;
      const changes = Array.from({ length: 5 + batch }, (_, i) =>
        device.append('incident', `shared-${batch}`, 'note', { text: `Batch ${batch} note ${i}` }),
      );
      await pushOk(hub.url, ann.token, device.id, changes);
      pushed.push(...changes);
    }
    const whole = await pullPage(hub.url, ann.token, 0, { limit: 5_000 });
    expect(whole.more).toBe(false);
    log = [...whole.changes];
  });

  test('the log holds every pushed change once, in the order the hub took them', () => {
    const ids = new Set(pushed.map((c) => c.id));
    expect(log.filter((c) => ids.has(c.id))).toEqual(pushed);
  });

  for (const limit of [1, 3, 10, 1_000]) {
    test(`pages of ${limit} follow each other after the cursor, in order, until more is false`, async () => {
      const pages = [];
      let cursor = 0;
      for (let page = await pullPage(hub.url, ann.token, 0, { limit }); ;) {
        pages.push(page);
        expect(page.changes.length).toBeLessThanOrEqual(limit);
        expect(page.cursor).toBeGreaterThanOrEqual(cursor);
        cursor = page.cursor;
        if (!page.more) break;
        expect(page.changes).toHaveLength(limit);
        page = await pullPage(hub.url, ann.token, cursor, { limit });
      }
      expect(pages.flatMap((page) => page.changes)).toEqual(log);
      expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(log.length / limit));

      // Resuming from any page's cursor gives exactly the rest of the log.
      const middle = pages[Math.floor(pages.length / 2)]!;
      const seen = pages.slice(0, Math.floor(pages.length / 2) + 1).flatMap((page) => page.changes);
      expect((await pullAll(hub.url, ann.token, middle.cursor)).changes).toEqual(log.slice(seen.length));
    });
  }

  test('a pull with nothing new returns the cursor it was given', async () => {
    const { cursor } = await pullAll(hub.url, ann.token);
    expect(await pullPage(hub.url, ann.token, cursor)).toEqual({
      changes: [],
      cursor,
      more: false,
      hubTime: expect.any(Number),
    });
  });

  test('a pull with a bad cursor or limit is refused with 400', async () => {
    const QUERIES = ['', 'after=-1', 'after=1.5', 'after=abc', 'after=0&limit=0', 'after=0&limit=5001', 'after=0&x=1'];
    for (const query of QUERIES) {
      const answer = await hubRequest(hub.url, 'GET', `/v1/pull?${query}`, { token: ann.token });
      expect({ query, status: answer.status, body: answer.body }).toEqual({
        query,
        status: 400,
        body: { error: { code: 'invalid_request', message: expect.any(String) } },
      });
    }
  });
});

describe('field state on the hub', () => {
  const base = Date.now() - 60_000;
  const stamp = (offsetMs: number, counter: number) => encodeHlc({ wall: base + offsetMs, counter });
  /** Writers of one field: clock ties broken by device, byte order (upper case sorts before lower). */
  const WRITERS = [
    { hlc: stamp(0, 5), device: 'ws-z' },
    { hlc: stamp(9, 999_999), device: 'ws-~' },
    { hlc: stamp(10, 0), device: 'ws-a' },
    { hlc: stamp(10, 1), device: 'ws-B' },
    { hlc: stamp(10, 1), device: 'ws-b' },
    { hlc: stamp(10, 1), device: 'ws-a' },
  ];
  const seed = 20_300_115;
  const ARRIVALS: { name: string; pushes: (changes: Change[]) => Change[][] }[] = [
    { name: 'in one push, oldest first', pushes: (c) => [sortByStamp(c)] },
    { name: 'in one push, newest first', pushes: (c) => [sortByStamp(c).reverse()] },
    { name: `in one push, shuffled (seed ${seed})`, pushes: (c) => [prng(seed).shuffle(c)] },
    { name: 'one push each, oldest first', pushes: (c) => sortByStamp(c).map((x) => [x]) },
    {
      name: 'one push each, newest first',
      pushes: (c) =>
        sortByStamp(c)
          .reverse()
          .map((x) => [x]),
    },
    {
      name: `one push each, shuffled (seed ${seed})`,
      pushes: (c) =>
        prng(seed + 1)
          .shuffle(c)
          .map((x) => [x]),
    },
    { name: 'winner first, then the rest twice', pushes: (c) => [sortByStamp(c).slice(-2), c, c] },
  ];

  // Every field by the last writer, except the first occurrences the merge rules keep (shared/merge.ts).
  const FIELDS: { field: string; winner: 'last' | 'first' }[] = [
    { field: 'title', winner: 'last' },
    { field: 'status', winner: 'last' },
    { field: 'acknowledgedAt', winner: 'first' },
  ];

  for (const arrival of ARRIVALS) {
    test(`the winner by (clock, device) is kept whatever the arrival order: ${arrival.name}`, async () => {
      const ann = await freshTeam();
      const incident = uuidv7();
      const changes = FIELDS.flatMap(({ field }) =>
        WRITERS.map((writer, i) =>
          stampedChange({ ...writer, entityId: incident, field, value: `${field} by ${writer.device} #${i}` }),
        ),
      );
      for (const batch of arrival.pushes(changes)) await pushOk(hub.url, ann.token, 'ws-relay', batch);

      const state = (await readBootstrap(hub.url, ann.token)).state.filter(
        (v) => v.entityId === incident && v.field !== 'number',
      );
      const expected = FIELDS.map(({ field, winner }) => {
        const writes = sortByStamp(changes.filter((c) => c.field === field));
        return fieldValueOf(winner === 'last' ? writes.at(-1)! : writes[0]!);
      });
      expect(sortByField(state)).toEqual(sortByField(expected));
      expect(expected.map((v) => v.device)).toEqual(['ws-b', 'ws-b', 'ws-z']);
    });
  }
});

function sortByField<T extends { field: string }>(values: readonly T[]): T[] {
  return [...values].sort((a, b) => (a.field < b.field ? -1 : 1));
}

function sortByStamp(changes: readonly Change[]): Change[] {
  return [...changes].sort(compareStamps);
}

describe('incident numbers', () => {
  test('given at first push, in the order of first stamps, never twice, and pulled as the hub’s changes', async () => {
    const ann = await freshTeam();
    const base = Date.now() - 60_000;
    const at = (ms: number, entityId: string, fields: Partial<Change> = {}) =>
      stampedChange({ hlc: encodeHlc({ wall: base + ms, counter: 0 }), device: 'ws-1', entityId, ...fields });
    const [a, b, c, d, e] = Array.from({ length: 5 }, () => uuidv7());
    // Pushed a, b, c, but first stamped a (its second change), c, b.
    const first = [
      at(500, a!),
      at(300, b!),
      at(100, c!),
      at(0, a!, { field: 'status' }),
      at(50, uuidv7(), { entity: 'contact' }),
    ];
    const pushes = [
      first,
      // d was stamped before everything else, but reaches the hub later: it is numbered when it arrives.
      [at(-1_000, d!), at(600, a!, { field: 'priority' }), at(700, c!, { field: 'priority' })],
      first,
      [at(800, e!, { op: 'append', field: 'note', value: { text: 'Reported by phone' } })],
    ];
    for (const batch of pushes) await pushOk(hub.url, ann.token, 'ws-1', batch);

    const log = (await pullAll(hub.url, ann.token)).changes;
    const numbers = log.filter((change) => change.field === 'number');
    expect(Object.fromEntries(numbers.map((n) => [n.entityId, n.value]))).toEqual({
      [a!]: 1,
      [c!]: 2,
      [b!]: 3,
      [d!]: 4,
      [e!]: 5,
    });
    expect(numbers).toHaveLength(5);
    for (const number of numbers) {
      expect(number).toMatchObject({ device: 'hub', actor: null, entity: 'incident', op: 'set' });
      // A workstation pulls the number after the incident's first change, never for an incident it lacks.
      const firstOwn = log.find((change) => change.entityId === number.entityId);
      expect(log.indexOf(number)).toBeGreaterThan(log.indexOf(firstOwn!));
    }
  });
});
