import type { Change } from '#shared/change.ts';
import { HubClient } from '#core/sync/hub-client.ts';
import type { HubClientOptions, HubResult } from '#core/sync/hub-client.ts';
import type { HubConnection } from '#core/sync/sync-engine.ts';
import type { PullResponse } from '#shared/sync.ts';
import type { Prng } from './prng.ts';

/** Thrown from inside a page being applied: the workstation "dies" mid-transaction. */
export class SimulatedCrash extends Error {
  constructor() {
    super('simulated crash while applying a pulled page');
  }
}

export interface Faults {
  /** The network is down: nothing reaches the hub. */
  offline: boolean;
  /** Chance that the hub handles a request but its answer is lost (the client retries later). */
  lose: number;
  /** Chance that a request is delivered twice, or an old page delivered again. */
  repeat: number;
  /** When set, the next pulled page throws part-way through being applied, once. */
  crashNextPull: boolean;
}

const LOST: HubResult<never> = { kind: 'offline', reason: 'the answer was lost on the way back' };
const DOWN: HubResult<never> = { kind: 'offline', reason: 'the network is down' };

/** A page whose changes throw when the write path reaches the middle of them. */
function crashingPage(page: PullResponse): PullResponse {
  const half = Math.floor(page.changes.length / 2);
  const changes = new Proxy([...page.changes], {
    get(target, key, receiver) {
      if (key === 'map' || key === 'filter' || key === Symbol.iterator) {
        let seen = 0;
        const guard = (change: Change) => {
          if (seen++ >= half) throw new SimulatedCrash();
          return change;
        };
        const guarded = target.map(guard);
        return Reflect.get(guarded, key, guarded).bind(guarded);
      }
      return Reflect.get(target, key, receiver);
    },
  });
  return { ...page, changes };
}

/**
 * A real HubClient with an unreliable network in front of it, driven by a seeded generator: requests that
 * never arrive, answers that are lost after the hub acted, deliveries repeated, and stale pages replayed.
 */
export function faultyConnection(faults: Faults, random: Prng) {
  return (options: HubClientOptions): HubConnection => {
    const real = new HubClient(options);
    let previousPage: { result: HubResult<PullResponse>; after: number } | null = null;
    return {
      eventsRequest: () => real.eventsRequest(),
      whoami: async () => (faults.offline ? DOWN : real.whoami()),
      bootstrap: async (onLine) => (faults.offline ? DOWN : real.bootstrap(onLine)),
      push: async (device, changes) => {
        if (faults.offline) return DOWN;
        const answer = await real.push(device, changes);
        if (random.next() < faults.repeat) await real.push(device, changes);
        return random.next() < faults.lose ? LOST : answer;
      },
      pull: async (after, device, limit) => {
        if (faults.offline) return DOWN;
        // A stale page delivered again: the cursor goes back and the same changes are applied twice.
        if (previousPage && random.next() < faults.repeat) {
          const replay = previousPage.result;
          previousPage = null;
          return replay;
        }
        const answer = await real.pull(after, device, limit);
        if (answer.kind === 'ok') previousPage = { result: answer, after };
        if (random.next() < faults.lose) return LOST;
        if (answer.kind === 'ok' && faults.crashNextPull && answer.value.changes.length > 1) {
          faults.crashNextPull = false;
          return { ...answer, value: crashingPage(answer.value) };
        }
        return answer;
      },
    };
  };
}
