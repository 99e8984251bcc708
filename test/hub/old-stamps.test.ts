import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Change } from '#shared/change.ts';
import { encodeHlc } from '#shared/hlc.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestAgent, TestHub } from '../helpers/hub.ts';
import { pushOk, readBootstrap, teamFingerprint, TestDevice } from '../helpers/hub-requests.ts';

/**
 * A field that keeps its first value (acknowledgedAt, shared/merge.ts) goes to the earliest stamp for good:
 * pushed with the zero stamp, it could never be corrected. The hub refuses stamps from before any workstation
 * could have made them, and, on what other agents work on, stamps from before the team existed or weeks behind
 * its clock, while a workstation back from days offline still delivers (hub/sync/stamp-floor.ts).
 */
const DAY = 86_400_000;
const clock = Date.UTC(2030, 0, 15, 9, 30);

let hub: TestHub;
let ann: TestAgent;
let bob: TestAgent;

beforeAll(async () => {
  hub = await startTestHub({ now: () => clock });
  ann = await hub.addAgent('Ann Agent');
  bob = await hub.addAgent('Bob Agent');
});

afterAll(async () => {
  await hub?.close();
});

/** A device whose clock reads `ms` (a workstation that was offline, or one forging its stamps). */
function deviceAt(agent: TestAgent, ms: number): TestDevice {
  return new TestDevice(`ws-${agent.name.split(' ')[0]!.toLowerCase()}-${uuidv7()}`, () => ms, agent.id);
}

const acknowledgement = (device: TestDevice, incident: string) =>
  device.set('incident', incident, 'acknowledgedAt', new Date(device.now()).toISOString());

async function acknowledgedAt(incident: string): Promise<unknown> {
  const { state } = await readBootstrap(hub.url, ann.token);
  return state.find((v) => v.entityId === incident && v.field === 'acknowledgedAt')?.value;
}

describe('on an incident another agent works on', () => {
  test('an acknowledgement stamped at zero, before 2000, or weeks behind the hub is refused, and changes nothing', async () => {
    const incident = uuidv7();
    const annPc = deviceAt(ann, clock - 60_000);
    await pushOk(hub.url, ann.token, annPc.id, annPc.newIncident('Payroll export fails', incident));

    const forged: { name: string; change: Change }[] = [
      {
        name: 'the zero stamp',
        change: { ...acknowledgement(deviceAt(bob, 0), incident), hlc: encodeHlc({ wall: 0, counter: 0 }) },
      },
      { name: 'a clock reset to 1970', change: acknowledgement(deviceAt(bob, 86_400_000), incident) },
      { name: '1999', change: acknowledgement(deviceAt(bob, Date.UTC(1999, 11, 31)), incident) },
      { name: '29 days behind', change: acknowledgement(deviceAt(bob, clock - 29 * DAY), incident) },
      {
        name: 'a title 29 days behind',
        change: deviceAt(bob, clock - 29 * DAY).set('incident', incident, 'title', 'Old'),
      },
    ];
    const before = await teamFingerprint(hub.hub.database.pool, hub.teamId);
    const answer = await pushOk(
      hub.url,
      bob.token,
      'ws-bob',
      forged.map((f) => f.change),
    );
    expect(answer.accepted).toEqual([]);
    expect(answer.rejected).toEqual(
      forged.map(({ change }) => ({
        id: change.id,
        reason: 'clock_behind',
        message: expect.stringMatching(/stamped .*(clock|days)/),
      })),
    );
    expect(await teamFingerprint(hub.hub.database.pool, hub.teamId)).toEqual(before);
    expect(await acknowledgedAt(incident)).toBeUndefined();
  });

  test('a workstation back from days offline delivers, and its earlier acknowledgement wins as it should', async () => {
    const incident = uuidv7();
    const annPc = deviceAt(ann, clock - 10 * DAY);
    await pushOk(hub.url, ann.token, annPc.id, annPc.newIncident('Scanner offline', incident));
    const annNow = deviceAt(ann, clock);
    await pushOk(hub.url, ann.token, annNow.id, [acknowledgement(annNow, incident)]);

    // Bob acknowledged it nine days ago, on a laptop that has been offline since.
    const bobLaptop = deviceAt(bob, clock - 9 * DAY);
    const offline = [
      acknowledgement(bobLaptop, incident),
      bobLaptop.append('incident', incident, 'note', { text: 'On site' }),
    ];
    const answer = await pushOk(hub.url, bob.token, bobLaptop.id, offline);
    expect(answer).toMatchObject({ accepted: offline.map((c) => c.id), rejected: [] });
    expect(await acknowledgedAt(incident)).toBe(new Date(clock - 9 * DAY).toISOString());
  });
});

describe('what only its author has worked on', () => {
  test("a workspace's own history, months old and sent in several pushes, is taken; a stamp before 2000 is not", async () => {
    const incident = uuidv7();
    const history = deviceAt(ann, clock - 90 * DAY);
    const created = history.newIncident('Printer on floor 3 jams', incident);
    await pushOk(hub.url, ann.token, history.id, created);
    const later = deviceAt(ann, clock - 89 * DAY);
    const rest = [
      acknowledgement(later, incident),
      later.append('incident', incident, 'note', { text: 'Fixed the tray' }),
    ];
    expect((await pushOk(hub.url, ann.token, later.id, rest)).accepted).toEqual(rest.map((c) => c.id));

    const reset = deviceAt(ann, 0).newIncident('Made with a flat clock battery');
    const answer = await pushOk(hub.url, ann.token, 'ws-ann', reset);
    expect(answer.rejected.map((r) => r.reason)).toEqual(reset.map(() => 'clock_behind'));
  });
});

test('on a young team, a change stamped before the team existed is refused on what others work on', async () => {
  // The hub's clock is the real one here: the team is born now.
  const young = await startTestHub();
  try {
    const [cara, dan] = [await young.addAgent('Cara Agent'), await young.addAgent('Dan Agent')];
    const incident = uuidv7();
    const caraPc = new TestDevice('ws-cara', Date.now, cara.id);
    await pushOk(young.url, cara.token, caraPc.id, caraPc.newIncident('Wi-Fi drops', incident));
    const anHourBefore = new TestDevice('ws-dan', () => Date.now() - 3_600_000, dan.id);
    const early = [acknowledgement(anHourBefore, incident)];
    const answer = await pushOk(young.url, dan.token, anHourBefore.id, early);
    expect(answer.rejected).toEqual([
      { id: early[0]!.id, reason: 'clock_behind', message: expect.stringContaining('before the team existed') },
    ]);
    // A few minutes of clock error are forgiven, as for stamps ahead of the hub.
    const aMinuteBefore = new TestDevice('ws-dan', () => Date.now() - 60_000, dan.id);
    expect((await pushOk(young.url, dan.token, 'ws-dan', [acknowledgement(aMinuteBefore, incident)])).rejected).toEqual(
      [],
    );
  } finally {
    await young.close();
  }
});
