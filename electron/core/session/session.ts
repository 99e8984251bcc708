import { DeskError } from '#shared/errors.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { findAgent } from '../reference/reference.repository.ts';
import type { Store } from '../store/store.ts';

const SESSION_KEY = 'session_agent_id';

/**
 * Who is working at this workstation. Kept in the local meta table: it is a property of the workstation, not
 * team data, so it never syncs.
 */
export class SessionState {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  async agent(): Promise<Agent | null> {
    const id = await this.#store.getMeta(SESSION_KEY);
    if (!id) return null;
    const agent = await findAgent(this.#store.db, id);
    return agent?.active ? agent : null;
  }

  async agentId(): Promise<string | null> {
    return (await this.agent())?.id ?? null;
  }

  /** The signed-in agent, or a `not_signed_in` error for commands that must say who did them. */
  async requireAgent(): Promise<Agent> {
    const agent = await this.agent();
    if (!agent) throw new DeskError('not_signed_in', 'Choose who you are before working on incidents.');
    return agent;
  }

  async requireAgentId(): Promise<string> {
    return (await this.requireAgent()).id;
  }

  /** The signed-in supervisor's id, for settings that shape the whole team's work; otherwise a typed error. */
  async requireSupervisorId(): Promise<string> {
    const agent = await this.agent();
    if (!agent) throw new DeskError('not_signed_in', 'Choose who you are before changing settings.');
    if (agent.role !== 'supervisor') {
      throw new DeskError('forbidden', 'Only a supervisor can change this setting. Ask a supervisor on your team.');
    }
    return agent.id;
  }

  async signIn(agentId: string): Promise<Agent> {
    const agent = await findAgent(this.#store.db, agentId);
    if (!agent) throw new DeskError('not_found', `No agent with id ${agentId}.`);
    if (!agent.active) throw new DeskError('forbidden', `${agent.name} is no longer active in this workspace.`);
    await this.#store.setMeta(SESSION_KEY, agent.id);
    return agent;
  }
}
