import { HANDLER_NAMES } from '#shared/contract.ts';
import type { HandlerName, Handlers } from '#shared/contract.ts';

/** One feature's slice of the contract: the entries it answers, each taking the checked command. */
export type HandlerSlice = Partial<Handlers>;

/**
 * Joins the feature slices into the one handler map, refusing at start-up what a spread would hide: a name
 * two slices both answer (the later would silently win) and a contract entry nobody answers.
 */
export function combineHandlers(slices: Readonly<Record<string, HandlerSlice>>): Handlers {
  const combined: Partial<Record<HandlerName, unknown>> = {};
  const owner = new Map<string, string>();
  for (const [feature, slice] of Object.entries(slices)) {
    for (const [name, handler] of Object.entries(slice)) {
      const earlier = owner.get(name);
      if (earlier !== undefined) {
        throw new Error(`Two handlers answer ${name}: the ${earlier} and the ${feature} slices. Keep one.`);
      }
      owner.set(name, feature);
      combined[name as HandlerName] = handler;
    }
  }
  const missing = HANDLER_NAMES.filter((name) => !owner.has(name));
  if (missing.length) throw new Error(`No handler answers ${missing.join(', ')}.`);
  const unknown = [...owner.keys()].filter((name) => !(HANDLER_NAMES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`Handlers answer names the contract does not have: ${unknown.join(', ')}.`);
  return combined as Handlers;
}
