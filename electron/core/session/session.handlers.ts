import type { Handlers, Session } from '#shared/contract.ts';
import { DeskError } from '#shared/errors.ts';
import type { CoreContext } from '../context.ts';
import { findAgentByEmail } from '../reference/reference.repository.ts';
import { saveAgent } from '../reference/reference.service.ts';
import { seedDemoWorkspace } from '../seed/demo-seed.ts';
import type { Store } from '../store/store.ts';

type SessionHandlers = Pick<Handlers, 'session/get' | 'session/signIn' | 'session/register' | 'workspace/createDemo'>;

async function countRows(store: Store, table: 'incident' | 'agent'): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return row?.n ?? 0;
}

/**
 * Adds an agent with this email, or returns the one that has it. The first agent of a workspace is its
 * supervisor, so a new team can set itself up without anyone else.
 */
export async function ensureAgent(store: Store, name: string, email: string): Promise<string> {
  const known = await findAgentByEmail(store.db, email);
  if (known) return known.id;
  const { value } = await store.command(null, async (tx, rec) => {
    const first = (await tx.selectFrom('agent').select('id').limit(1).executeTakeFirst()) === undefined;
    return saveAgent(tx, rec, { name, email, role: first ? 'supervisor' : 'agent', groupIds: [], active: true });
  });
  return value;
}

export function sessionHandlers(context: CoreContext): SessionHandlers {
  const { store, session } = context;
  const describe = async (): Promise<Session> => ({
    agent: await session.agent(),
    workspace: { incidents: await countRows(store, 'incident'), agents: await countRows(store, 'agent') },
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
      if ((await countRows(store, 'incident')) > 0 || (await countRows(store, 'agent')) > 0) {
        throw new DeskError('conflict', 'The demo workspace can only be created in an empty workspace.');
      }
      const summary = await seedDemoWorkspace(store, { incidents: context.demoIncidents, seed: 42 });
      await session.signIn(summary.supervisorId);
      return describe();
    },
  };
}
