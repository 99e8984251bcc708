import type { SyncStatus } from '#shared/domain/sync-status.ts';
import { shouldRunDuties } from '#core/mailboxes/mailbox-duties.ts';
import type { Store } from '#core/store/store.ts';
import type { SyncEngine } from '#core/sync/sync-engine.ts';
import { sweepSlaNotifications } from '#core/notifications/sla-notifications.ts';
import { LOOK_AHEAD_MS } from './time-rule-candidates.ts';
import { catchUpMs, sweepTimeRules } from './time-rules.ts';
import type { SweepSummary } from './time-rules.ts';

/**
 * The longest a sweep waits for the next: a rule saved elsewhere, or an incident that started waiting, is seen
 * by then, and a sweep looks this far ahead for what falls due.
 */
const MAX_WAIT_MS = LOOK_AHEAD_MS;
const MIN_WAIT_MS = 1_000;
const NOTHING: SweepSummary = { fired: 0, considered: 0, nextDueAt: null };

export interface AutomationDutiesOptions {
  readonly store: Store;
  readonly sync: Pick<SyncEngine, 'connected' | 'confirmAutomation' | 'syncNow'>;
  /** Whether this workspace may run the team's duties at all. */
  readonly enabled: boolean;
  /** Sweep by itself on a timer (an open app, `desk serve`); off for one-shot commands. */
  readonly background: boolean;
}

/**
 * Runs the time rules on the workstation that runs the team's duties (DESIGN §4): a local workspace, or the
 * holder of the automation lease, like the mailbox pollers and the sender of automatic mail. With a hub, each
 * sweep first pulls what other workstations fired (a lease just taken over must not fire what the last holder
 * did) and confirms the lease with the hub; a firing it commits and is stopped before pushing is fired again,
 * with the same ids, by the next holder, so the two converge on one.
 */
export class AutomationDuties {
  readonly #options: AutomationDutiesOptions;
  readonly #unsubscribe: () => void;
  #active = false;
  #hub = false;
  #closed = false;
  #timer: NodeJS.Timeout | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  /** The instant of the last whole sweep since this workstation took up the duties (see SweepOptions.since). */
  #sweptThrough: number | null = null;

  constructor(options: AutomationDutiesOptions) {
    this.#options = options;
    this.#unsubscribe = options.background
      ? options.store.onApplied((result) => {
          if (result.everything || result.kinds.has('rule')) this.schedule(MIN_WAIT_MS);
        })
      : () => {};
  }

  get active(): boolean {
    return this.#active;
  }

  follow(status: SyncStatus): void {
    this.#hub = status.state !== 'local';
    const active = this.#options.enabled && !this.#closed && shouldRunDuties(status);
    if (active === this.#active) return;
    this.#active = active;
    // What fell due while another held the lease is theirs to have fired: catch-up starts afresh.
    this.#sweptThrough = null;
    if (active) this.schedule(0);
  }

  schedule(delayMs: number): void {
    if (!this.#options.background || this.#closed || !this.#active) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.sweepNow()
        .then((summary) => this.#wakeFor(summary))
        .catch(() => this.schedule(MAX_WAIT_MS));
    }, delayMs);
    this.#timer.unref();
  }

  /** One sweep now, after any running one, when this workstation runs the duties; answers what it fired. */
  sweepNow(): Promise<SweepSummary> {
    const pass = this.#queue.then(() => this.#pass());
    this.#queue = pass.catch(() => {});
    return pass;
  }

  async stop(): Promise<void> {
    this.#closed = true;
    this.#active = false;
    this.#unsubscribe();
    if (this.#timer) clearTimeout(this.#timer);
    await this.#queue;
  }

  async #pass(): Promise<SweepSummary> {
    if (!this.#active || this.#closed) return NOTHING;
    const { store, sync } = this.#options;
    if (this.#hub) {
      if (!sync.connected) return NOTHING;
      try {
        await sync.syncNow();
      } catch {
        return NOTHING; // Not in step with the team: what others fired is unknown, so nothing fires now.
      }
      if (!(await sync.confirmAutomation())) return NOTHING;
    }
    const now = store.now();
    const since = this.#sweptThrough;
    const summary = await sweepTimeRules(store, { now, since });
    // Clocks turning at risk or breached are told by the same holder, on the same beat.
    const notified = await sweepSlaNotifications(store, now, catchUpMs({ now, since }));
    this.#sweptThrough = Math.max(now, since ?? now);
    return { ...summary, notified };
  }

  #wakeFor(summary: SweepSummary): void {
    const until = summary.nextDueAt === null ? MAX_WAIT_MS : Date.parse(summary.nextDueAt) - this.#options.store.now();
    this.schedule(Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, until)));
  }
}
