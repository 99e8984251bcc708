import type { Store } from '../store/store.ts';
import { loadDueProgress, saveDueProgress } from './due.repository.ts';
import { recomputeChunk } from './recompute-chunk.ts';
import { loadSlaConfig } from './sla-config.ts';
import type { SlaConfig } from './sla-config.ts';

/**
 * Incidents per transaction: each chunk (one query, a few hundred evaluations, the rows that moved) holds the
 * database for a few tens of milliseconds, then lets others in.
 */
export const RECOMPUTE_CHUNK = 500;

/**
 * Brings every incident's due times, and the SLA verdicts its KPI facts hold, up to date with the team's
 * calendars and policies after they change (here or on another workstation), after a bootstrap, and at start-up
 * for what an interrupted run or an older version left behind.
 *
 * A calendar or policy edit can move the due time of every incident, and a hundred thousand of them take
 * seconds; in one transaction the desk would stand still meanwhile. So the edit itself commits at once, and
 * this walks the incident table in short transactions afterwards, writing only the rows whose due times moved,
 * with how far it got (for which settings) in the same transaction. Meanwhile a row not yet reached keeps the due
 * times of the settings before: the queue shows those, an incident touched meanwhile is worked out with the new
 * settings by the write path, and the incident detail always evaluates its clocks afresh. Listeners hear of
 * each chunk, so the queue catches up as it goes. Settings changing again mid-way start the walk over; a crash
 * resumes it where the last chunk committed.
 */
export class DueRecompute {
  readonly #store: Store;
  readonly #chunk: number;
  readonly #onError: (error: unknown) => void;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  /**
   * The settings, kept from chunk to chunk while this follows their changes (start): a change drops them and
   * starts the walk over, so a chunk that still used them is worked out again anyway.
   */
  #following = false;
  #config: SlaConfig | null = null;

  constructor(store: Store, options: { chunk?: number; onError?: (error: unknown) => void } = {}) {
    this.#store = store;
    this.#chunk = options.chunk ?? RECOMPUTE_CHUNK;
    this.#onError = options.onError ?? (() => {});
  }

  /** Follows the settings from now on, and catches up with what is behind already. */
  start(): () => void {
    const unsubscribe = this.#store.onApplied((result) => {
      if (result.everything || result.kinds.has('calendar') || result.kinds.has('slaPolicy')) {
        this.#config = null;
        this.schedule();
      }
    });
    this.#following = true;
    this.schedule();
    return () => {
      this.#following = false;
      this.#config = null;
      unsubscribe();
    };
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

  /** Resolves once every incident's due times follow the current settings. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Stops between two chunks (what is done stays done) and waits for the one under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.settled();
  }

  async #run(): Promise<void> {
    let done = false;
    while (!done && !this.#stopped) {
      done = await this.#store.reproject(async (tx) => {
        const config = (this.#following ? this.#config : null) ?? (await loadSlaConfig(tx));
        if (this.#following) this.#config = config;
        const progress = await loadDueProgress(tx);
        const after = progress?.fingerprint === config.fingerprint ? progress.throughRowid : 0;
        if (after === 'done') return { incidentIds: [], value: true };
        const chunk = await recomputeChunk(tx, config, after, this.#chunk);
        const through = chunk.size < this.#chunk ? 'done' : chunk.throughRowid!;
        await saveDueProgress(tx, { fingerprint: config.fingerprint, throughRowid: through });
        return { incidentIds: chunk.incidentIds, value: through === 'done' };
      });
      if (!done) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
