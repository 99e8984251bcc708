import { findAgentByEmail, hasAgents } from '../reference/reference.repository.ts';
import { saveAgent } from '../reference/reference.service.ts';
import type { Store } from '../store/store.ts';

/**
 * Adds an agent with this email, or returns the one that has it. The first agent of a workspace is its
 * supervisor, so a new team can set itself up without anyone else.
 */
export async function ensureAgent(store: Store, name: string, email: string): Promise<string> {
  const known = await findAgentByEmail(store.db, email);
  if (known) return known.id;
  const { value } = await store.command(null, async (tx, rec) => {
    const first = !(await hasAgents(tx));
    return saveAgent(tx, rec, { name, email, role: first ? 'supervisor' : 'agent', groupIds: [], active: true });
  });
  return value;
}
