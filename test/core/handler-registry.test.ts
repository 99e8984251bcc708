import { describe, expect, it } from 'vitest';
import { HANDLER_NAMES } from '#shared/contract.ts';
import type { Handlers } from '#shared/contract.ts';
import { combineHandlers } from '#core/handler-registry.ts';

/** A slice answering the given names with a handler that is never called. */
function slice(names: readonly string[]): Partial<Handlers> {
  return Object.fromEntries(names.map((name) => [name, async () => undefined])) as Partial<Handlers>;
}

describe('joining the feature slices into one handler map', () => {
  it('refuses at start-up a name two slices both answer, naming both', () => {
    const [first, ...rest] = HANDLER_NAMES;
    expect(() => combineHandlers({ session: slice([first!]), reference: slice([first!, ...rest]) })).toThrow(
      new RegExp(`Two handlers answer ${first}: the session and the reference slices`),
    );
  });

  it('refuses a contract entry nobody answers', () => {
    const missing = HANDLER_NAMES.at(-1)!;
    expect(() => combineHandlers({ all: slice(HANDLER_NAMES.slice(0, -1)) })).toThrow(`No handler answers ${missing}.`);
  });

  it('refuses a name the contract does not have', () => {
    expect(() => combineHandlers({ all: slice([...HANDLER_NAMES, 'incident/explode']) })).toThrow(/incident\/explode/);
  });

  it('joins slices that answer every entry once', () => {
    const half = Math.floor(HANDLER_NAMES.length / 2);
    const handlers = combineHandlers({
      a: slice(HANDLER_NAMES.slice(0, half)),
      b: slice(HANDLER_NAMES.slice(half)),
    });
    expect(Object.keys(handlers).sort()).toEqual([...HANDLER_NAMES].sort());
  });
});
