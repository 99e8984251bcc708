import type { Store } from '../store/store.ts';
import { staleDueIncidents } from './due.repository.ts';
import { refreshIncidentDue } from './due-projection.ts';
import { loadSlaConfig } from './sla-config.ts';

/** Incidents per transaction: each chunk holds the database for a few tens of milliseconds, then lets others in. */
export const RECOMPUTE_CHUNK = 400;

/**
 * Brings every incident's due times up to date with the team's calendars and policies after they change (here
 * or on another workstation), and at start-up for rows an older version or an interrupted run left behind.
 *
 * A calendar or policy edit can move the due time of every incident, and a hundred thousand of them take
 * seconds; in one transaction the desk would stand still meanwhile. So the edit itself commits at once, and
 * this walks the incident table in short transactions afterwards. Meanwhile a row keeps the due times of the
 * settings it was last worked out with (its `sla_config` says which) until its chunk comes: the queue shows
 * them, an incident touched meanwhile is worked out with the new settings by the write path, and the incident
 * detail always evaluates the clocks afresh. Listeners hear of each chunk, so the queue catches up as it goes.
 * A crash loses nothing: the rows not yet done still carry the old fingerprint and are found again at start.
 */
export class DueRecompute {
  readonly #store: Store;
  readonly #chunk: number;
  readonly #onError: (error: unknown) => void;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  constructor(store: Store, options: { chunk?: number; onError?: (error: unknown) => void } = {}) {
    this.#store = store;
    this.#chunk = options.chunk ?? RECOMPUTE_CHUNK;
    this.#onError = options.onError ?? (() => {});
  }

  /** Follows the settings from now on, and catches up with what is stale already. */
  start(): () => void {
    const unsubscribe = this.#store.onApplied((result) => {
      if (result.everything || result.kinds.has('calendar') || result.kinds.has('slaPolicy')) this.schedule();
    });
    this.schedule();
    return unsubscribe;
  }

  schedule(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#run()
      .catch((error: unknown) => this.#onError(error))
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.schedule();
        }
      });
  }

  /** Resolves once no incident's due times are older than the settings. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Stops between two chunks (what is done stays done) and waits for the one under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.settled();
  }

  async #run(): Promise<void> {
    let after = 0;
    while (!this.#stopped) {
      const done = await this.#store.reproject(async (tx) => {
        const config = await loadSlaConfig(tx);
        const stale = await staleDueIncidents(tx, config.fingerprint, after, this.#chunk);
        if (!stale.length) return [];
        after = stale.at(-1)!.rowid;
        const ids = stale.map((row) => row.id);
        await refreshIncidentDue(tx, ids, config);
        return ids;
      });
      if (!done.length) {
        // The settings may have changed again behind the cursor: one more pass from the start says so.
        if (after === 0) return;
        after = 0;
        continue;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
