import { afterAll, beforeAll, expect, test } from 'vitest';
import { LEASE_TTL_MS } from '../../hub/sync/lease.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestAgent, TestHub } from '../helpers/hub.ts';
import { issueTokenFor } from '../../hub/auth/accounts.ts';
import { addTeam, hubRequest, requestLease } from '../helpers/hub-requests.ts';

/**
 * The automation lease (DESIGN §4): whichever peer holds it runs mailbox polling, SLA timers and outbound mail,
 * so at most one device may hold it at a time, and a holder that disappears must not keep it. The hub's clock
 * is the test's, so the lease lapses exactly when the test says.
 */
let clock = Date.UTC(2030, 2, 1, 8, 0);
let hub: TestHub;
let teams = 0;

beforeAll(async () => {
  hub = await startTestHub({ now: () => clock });
});

afterAll(async () => {
  await hub?.close();
});

/** Each test gets a team of its own, so no lease is left over from another test. */
async function team(): Promise<{ frontDesk: TestAgent; nightOps: TestAgent; teamId: string }> {
  teams += 1;
  const created = await addTeam(hub, `Lease Team ${teams}`);
  return {
    frontDesk: await created.addAgent('Fran Front'),
    nightOps: await created.addAgent('Nick Night'),
    teamId: created.teamId,
  };
}

const claim = (agent: TestAgent, device: string) => requestLease(hub.url, agent.token, device);
const release = (agent: TestAgent, device: string) => requestLease(hub.url, agent.token, device, true);

test('the first device to ask gets the lease; a second does not while it is held, and learns who has it', async () => {
  const { frontDesk, nightOps } = await team();
  expect(await claim(frontDesk, 'ws-front')).toEqual({
    held: true,
    holder: 'ws-front',
    expiresAt: clock + LEASE_TTL_MS,
    hubTime: clock,
  });
  clock += 1_000;
  expect(await claim(nightOps, 'ws-night')).toEqual({
    held: false,
    holder: 'ws-front',
    expiresAt: clock - 1_000 + LEASE_TTL_MS,
    hubTime: clock,
  });
});

test('the holder renews it, and the renewal keeps others out past the first expiry', async () => {
  const { frontDesk, nightOps } = await team();
  const first = await claim(frontDesk, 'ws-front');
  clock += LEASE_TTL_MS / 3;
  const renewed = await claim(frontDesk, 'ws-front');
  expect(renewed).toMatchObject({ held: true, holder: 'ws-front', expiresAt: clock + LEASE_TTL_MS });

  clock = first.expiresAt! + 1;
  expect(await claim(nightOps, 'ws-night')).toMatchObject({ held: false, holder: 'ws-front' });
});

test('a release frees it at once for another device; a device that does not hold it cannot release it', async () => {
  const { frontDesk, nightOps } = await team();
  await claim(frontDesk, 'ws-front');

  expect(await release(nightOps, 'ws-night')).toMatchObject({ held: false, holder: 'ws-front' });
  expect(await claim(nightOps, 'ws-night')).toMatchObject({ held: false, holder: 'ws-front' });

  expect(await release(frontDesk, 'ws-front')).toEqual({ held: false, holder: null, expiresAt: null, hubTime: clock });
  expect(await claim(nightOps, 'ws-night')).toMatchObject({ held: true, holder: 'ws-night' });
});

test('when the holder stops renewing, the lease lapses after the TTL and another device takes it over', async () => {
  const { frontDesk, nightOps } = await team();
  const taken = await claim(frontDesk, 'ws-front');

  clock = taken.expiresAt! - 1;
  expect(await claim(nightOps, 'ws-night')).toMatchObject({ held: false, holder: 'ws-front' });

  clock = taken.expiresAt!;
  expect(await claim(nightOps, 'ws-night')).toEqual({
    held: true,
    holder: 'ws-night',
    expiresAt: clock + LEASE_TTL_MS,
    hubTime: clock,
  });
  // The old holder, back from its pause, finds the lease gone and must stop its duties.
  expect(await claim(frontDesk, 'ws-front')).toMatchObject({ held: false, holder: 'ws-night' });
});

test('devices asking at the same moment: exactly one gets it, and every other is told the same holder', async () => {
  const { frontDesk, nightOps } = await team();
  const devices = Array.from({ length: 12 }, (_, i) => `ws-${i}`);
  const answers = await Promise.all(devices.map((device, i) => claim(i % 2 ? frontDesk : nightOps, device)));
  const winners = answers.filter((answer) => answer.held);
  expect(winners).toHaveLength(1);
  expect(new Set(answers.map((answer) => answer.holder))).toEqual(new Set([winners[0]!.holder]));
});

test("naming the holder's device with another token neither renews nor releases the lease", async () => {
  const { frontDesk, teamId } = await team();
  const taken = await claim(frontDesk, 'ws-front');
  // The same agent's second token (their laptop): the device is theirs, but the lease is the desktop's.
  const laptop = { ...frontDesk, token: await issueTokenFor(hub.hub.database.pool, teamId, frontDesk.email, 'laptop') };
  clock += 1_000;
  expect(await claim(laptop, 'ws-front')).toEqual({
    held: false,
    holder: 'ws-front',
    expiresAt: taken.expiresAt,
    hubTime: clock,
  });
  expect(await release(laptop, 'ws-front')).toMatchObject({
    held: false,
    holder: 'ws-front',
    expiresAt: taken.expiresAt,
  });
  // The holder, with its own token, renews it as before.
  expect(await claim(frontDesk, 'ws-front')).toMatchObject({ held: true, expiresAt: clock + LEASE_TTL_MS });
});

test("another agent cannot name the holder's device at all, and taking the lease over waits for it to lapse", async () => {
  const { frontDesk, nightOps } = await team();
  await claim(frontDesk, 'ws-front');
  for (const body of [{ device: 'ws-front' }, { device: 'ws-front', release: true }]) {
    const answer = await hubRequest(hub.url, 'POST', '/v1/lease', { token: nightOps.token, body });
    expect(answer).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
  }
  clock += 1_000;
  const renewed = await claim(frontDesk, 'ws-front');
  expect(renewed).toMatchObject({ held: true, holder: 'ws-front' });

  clock = renewed.expiresAt! - 1;
  expect(await claim(nightOps, 'ws-night')).toMatchObject({ held: false, holder: 'ws-front' });
  clock += 1;
  expect(await claim(nightOps, 'ws-night')).toMatchObject({ held: true, holder: 'ws-night' });
});
