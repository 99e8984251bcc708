import { seedDemoWorkspace } from '#core/seed/demo-seed.ts';
import type { SeedSummary } from '#core/seed/demo-seed.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { listAgents } from '#core/reference/reference.repository.ts';
import { openTempCore } from './temp-workspace.ts';
import type { TempCore, TestClock } from './temp-workspace.ts';

export interface DemoCore extends TempCore {
  readonly seed: SeedSummary;
  readonly supervisor: Agent;
  /** An agent without the supervisor role who has incidents assigned. */
  readonly agent: Agent;
}

/**
 * A core on a temp folder holding the demo workspace, seeded at the test clock's "now", so its content is the
 * same on every run. Nobody is signed in.
 */
export async function openDemoCore(
  options: { incidents?: number; seed?: number; clock?: TestClock; queueIndex?: boolean } = {},
): Promise<DemoCore> {
  const temp = await openTempCore({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.queueIndex === undefined ? {} : { queueIndex: options.queueIndex }),
  });
  try {
    const seed = await seedDemoWorkspace(temp.core.store, {
      incidents: options.incidents ?? 300,
      seed: options.seed ?? 42,
      nowMs: temp.clock.now(),
    });
    const agents = await listAgents(temp.core.store.db);
    const supervisor = agents.find((a) => a.id === seed.supervisorId);
    const assigned = await temp.core.store.db
      .selectFrom('incident')
      .select(['assignee_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assignee_id', 'is not', null)
      .groupBy('assignee_id')
      .orderBy('n', 'desc')
      .execute();
    const agent = assigned
      .map((row) => agents.find((a) => a.id === row.assignee_id))
      .find((a): a is Agent => a !== undefined && a.role === 'agent');
    if (!supervisor || !agent) throw new Error('The demo workspace has no supervisor or no working agent.');
    return { ...temp, seed, supervisor, agent };
  } catch (error) {
    await temp.dispose();
    throw error;
  }
}
