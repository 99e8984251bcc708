import type { HandlerInput, HandlerName, HandlerOutput } from '#shared/contract.ts';
import type { DeskErrorData } from '#shared/errors.ts';
import type { Agent } from '#shared/domain/reference.ts';
import type { Core } from '#core/index.ts';

/** Calls a handler through the boundary, as a host would, and answers its value; a refusal fails the test. */
export async function call<N extends HandlerName>(
  core: Core,
  name: N,
  input: HandlerInput<N>,
): Promise<HandlerOutput<N>> {
  const outcome = await core.invoke(name, input);
  if (!outcome.ok) {
    throw new Error(`${name} was refused: ${outcome.error.code}: ${outcome.error.message}`);
  }
  return outcome.value as HandlerOutput<N>;
}

/** Calls a handler that must refuse, and answers the error data it refused with. */
export async function refusal(core: Core, name: unknown, input: unknown): Promise<DeskErrorData> {
  const outcome = await core.invoke(name, input);
  if (outcome.ok) {
    throw new Error(`${String(name)} was expected to refuse ${JSON.stringify(input)}, but it answered a value.`);
  }
  return outcome.error;
}

/** An agent as `agent/save` takes it: the same fields, with its group list as a fresh array. */
export function agentInput(
  agent: Agent,
  changes: Partial<HandlerInput<'agent/save'>> = {},
): HandlerInput<'agent/save'> {
  return {
    id: agent.id,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    groupIds: [...agent.groupIds],
    active: agent.active,
    ...changes,
  };
}
