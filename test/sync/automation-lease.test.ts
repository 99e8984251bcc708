import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutomationLease } from '#core/sync/automation-lease.ts';
import { HubClient } from '#core/sync/hub-client.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';

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

  it('is given up when the hub cannot be reached, so duties never run twice', async () => {
    const agent = await hub.addAgent('Kenji Watanabe');
    const lease = new AutomationLease(
      new HubClient({ baseUrl: 'http://127.0.0.1:9', token: agent.token }),
      'device-x',
      () => {},
    );
    expect(await lease.heartbeat()).toBe(false);
  });
});
