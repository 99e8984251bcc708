import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutomationLease } from '#core/sync/automation-lease.ts';
import { HubClient } from '#core/sync/hub-client.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { startTeamWorkstations } from '../helpers/team-workstations.ts';

/** One workstation at a time runs the team's always-on duties; the lease moves when its holder lets go. */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.close());

describe('the automation lease, from the workstations', () => {
  it('is held by one workstation at a time and passes on when the holder shuts down', async () => {
    const agents = [await hub.addAgent('Alex Morgan'), await hub.addAgent('Priya Raman')];
    const heard: string[] = [];
    const [first, second] = agents.map(
      (agent, i) =>
        new AutomationLease(new HubClient({ baseUrl: hub.url, token: agent.token }), `device-${i}`, (held) =>
          heard.push(`${i}:${held}`),
        ),
    ) as [AutomationLease, AutomationLease];

    expect(await first.heartbeat()).toBe(true);
    expect(await second.heartbeat()).toBe(false);
    expect(await first.heartbeat()).toBe(true); // renewed, still the one
    expect(await second.heartbeat()).toBe(false);

    await first.stop();
    expect(first.held).toBe(false);
    expect(await second.heartbeat()).toBe(true);
    expect(heard).toEqual(['0:true', '0:false', '1:true']);
    await second.stop();
  });

  it('is given up for good by a holder shutting down while a heartbeat is still on its way', async () => {
    const agents = [await hub.addAgent('Sofia Costa'), await hub.addAgent('Tomás Ruiz')];
    // A slow network: heartbeats wait at a gate on their way to the hub; releases go straight through.
    let gate = Promise.resolve();
    let released = () => {};
    const release = new Promise<void>((resolve) => (released = resolve));
    class SlowHeartbeats extends HubClient {
      override async lease(device: string, giveUp = false) {
        if (!giveUp) await gate;
        const answer = await super.lease(device, giveUp);
        if (giveUp) released();
        return answer;
      }
    }
    const slow = new AutomationLease(
      new SlowHeartbeats({ baseUrl: hub.url, token: agents[0]!.token }),
      'device-slow',
      () => {},
    );
    const other = new AutomationLease(
      new HubClient({ baseUrl: hub.url, token: agents[1]!.token }),
      'device-other',
      () => {},
    );
    expect(await slow.heartbeat()).toBe(true);

    let open = () => {};
    gate = new Promise((resolve) => (open = resolve));
    const onItsWay = slow.heartbeat();
    const stopping = slow.stop();
    // The heartbeat reaches the hub after the release would have, had the release not waited for it.
    await Promise.race([release, new Promise((resolve) => setTimeout(resolve, 300))]);
    open();
    await Promise.all([onItsWay, stopping]);
    // The other workstation takes over at once, not when a lease renewed by the late heartbeat lapses.
    expect(await other.heartbeat()).toBe(true);
    await other.stop();
  });

  it('is given up when the hub cannot be reached, so duties never run twice', async () => {
    const agent = await hub.addAgent('Kenji Watanabe');
    const lease = new AutomationLease(
      new HubClient({ baseUrl: 'http://127.0.0.1:9', token: agent.token }),
      'device-x',
      () => {},
    );
    expect(await lease.heartbeat()).toBe(false);
  });

  it('is shown held on the workstation that takes it over, whatever else its status says meanwhile', async () => {
    const team = await startTeamWorkstations();
    try {
      const alex = await team.join('Alex Morgan');
      expect(await alex.sync.confirmAutomation()).toBe(true);
      const priya = await team.join('Priya Raman');
      expect(await priya.sync.confirmAutomation()).toBe(false);
      await alex.close();
      // Priya takes the lease while her sync rounds say how they are doing: neither news may undo the other.
      const rounds = Array.from({ length: 6 }, () => priya.sync.syncNow());
      expect(await priya.sync.confirmAutomation()).toBe(true);
      await Promise.all(rounds);
      await priya.sync.syncNow();
      expect(priya.sync.status.automation).toBe(true);
    } finally {
      await team.close();
    }
  });
});
