import type { Handlers, Session } from '#shared/contract.ts';
import { DeskError } from '#shared/errors.ts';
import type { CoreContext } from '../context.ts';
import { countWorkspace, findAgentByEmail } from '../reference/reference.repository.ts';
import { seedDemoWorkspace } from '../seed/demo-seed.ts';
import { ensureAgent } from './enrol-agent.ts';

type SessionHandlers = Pick<Handlers, 'session/get' | 'session/signIn' | 'session/register' | 'workspace/createDemo'>;

export function sessionHandlers({
  store,
  session,
  demoIncidents,
}: Pick<CoreContext, 'store' | 'session' | 'demoIncidents'>): SessionHandlers {
  const describe = async (): Promise<Session> => ({
    agent: await session.agent(),
    workspace: await countWorkspace(store.db),
  });

  return {
    'session/get': describe,
    'session/signIn': async ({ agentId }) => {
      await session.signIn(agentId);
      return describe();
    },
    'session/register': async ({ name, email }) => {
      if (await findAgentByEmail(store.db, email)) {
        throw new DeskError('conflict', `An agent with ${email} already exists; choose them from the list instead.`);
      }
      await session.signIn(await ensureAgent(store, name, email));
      return describe();
    },
    'workspace/createDemo': async () => {
      const { incidents, agents } = await countWorkspace(store.db);
      if (incidents > 0 || agents > 0) {
        throw new DeskError('conflict', 'The demo workspace can only be created in an empty workspace.');
      }
      const summary = await seedDemoWorkspace(store, { incidents: demoIncidents, seed: 42 });
      await session.signIn(summary.supervisorId);
      return describe();
    },
  };
}
