import type { SyncStatus } from '#shared/domain/sync-status.ts';
import { AUTOMATION_SENDER } from '#shared/domain/outbox.ts';
import type { OutgoingMail } from '#shared/domain/outbox.ts';
import { shouldRunDuties } from '#core/mailboxes/mailbox-duties.ts';
import type { SecretStore } from '#core/secrets/secrets.ts';
import type { Store } from '#core/store/store.ts';
import type { SyncEngine } from '#core/sync/sync-engine.ts';
import { findDueMail, nextDueAt } from './outgoing-mail.repository.ts';
import { sendMailboxRun } from './send-run.ts';
import type { RunTally } from './send-run.ts';

/** A claim by a device that has not finished sending for this long is taken over by the lease holder. */
export const STALE_CLAIM_MS = 10 * 60_000;
/** Mail taken per round of a pass: one transaction claims them all. */
const BATCH = 100;
/**
 * Automatic mail goes out only this soon after the hub confirmed the lease: the hub gives it to another device
 * 30 s after the last renewal, and by then the claim has reached the hub for that device to see.
 */
const LEASE_MARGIN_MS = 15_000;

export interface OutboxSenderOptions {
  readonly store: Store;
  readonly secrets: SecretStore;
  readonly sync: Pick<SyncEngine, 'connected' | 'confirmAutomation' | 'syncNow'>;
  /** Send by itself as mail is queued and falls due (an open app, `desk serve`); off for one-shot commands. */
  readonly background: boolean;
  /** Whether this workspace may run the team's duties at all (automatic mail among them). */
  readonly duties: boolean;
}

export interface SendSummary {
  readonly sent: number;
  /** Failed for good (a refused recipient, a message too large): an agent must act. */
  readonly failed: number;
  /** Back in the queue for a later attempt. */
  readonly retrying: number;
}

/**
 * Sends the outbox (DESIGN §6): this device's own agents' mail at once, and automatic mail while it runs the
 * team's duties (a local workspace, or the holder of the automation lease). A mail is claimed (state
 * `sending`, claimed by this device) before a word goes to the server, and recorded as sent right after the
 * server's answer, each in its own transaction; a device that stops between the two sends it again when it
 * starts (at least once, with the same Message-ID). With a hub, automatic mail is claimed and the claim
 * pushed to the hub before it is sent, so the next lease holder sees it was taken.
 */
export class OutboxSender {
  readonly #options: OutboxSenderOptions;
  readonly #unsubscribe: () => void;
  #automation = false;
  #hub = false;
  #closed = false;
  #timer: NodeJS.Timeout | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #again = false;
  #running = false;
  #followed = false;

  constructor(options: OutboxSenderOptions) {
    this.#options = options;
    this.#unsubscribe = options.background
      ? options.store.onApplied((result) => {
          if (result.everything || result.kinds.has('outgoing') || result.kinds.has('mailbox')) this.schedule(0);
        })
      : () => {};
  }

  /** Follows the sync status: automatic mail is sent here only while this device runs the team's duties. */
  follow(status: SyncStatus): void {
    const automation = this.#options.duties && !this.#closed && shouldRunDuties(status);
    this.#hub = status.state !== 'local';
    // The first status starts the sender: mail queued before a restart (or claimed when it stopped) goes now.
    const first = !this.#followed;
    this.#followed = true;
    if (automation === this.#automation && !first) return;
    this.#automation = automation;
    this.schedule(0);
  }

  /** Runs a pass soon (coalescing requests while one runs). */
  schedule(delayMs: number): void {
    if (!this.#options.background || this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#running) {
        this.#again = true;
        return;
      }
      void this.sendNow().catch(() => {});
    }, delayMs);
    this.#timer.unref();
  }

  /** One pass now, after any running one; answers what it did. */
  sendNow(): Promise<SendSummary> {
    const pass = this.#queue.then(() => this.#pass());
    this.#queue = pass.catch(() => {});
    return pass;
  }

  async stop(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe();
    if (this.#timer) clearTimeout(this.#timer);
    await this.#queue;
  }

  async #pass(): Promise<SendSummary> {
    this.#running = true;
    const tally: RunTally = { sent: 0, failed: 0, retrying: 0 };
    try {
      const seen = new Set<string>();
      while (!this.#closed) {
        const now = this.#options.store.now();
        const due = (
          await findDueMail(this.#options.store.db, {
            device: this.#options.store.deviceId,
            automation: this.#automation,
            now: new Date(now).toISOString(),
            staleBefore: new Date(now - STALE_CLAIM_MS).toISOString(),
            limit: BATCH + seen.size,
          })
        ).filter((mail) => !seen.has(mail.id));
        if (!due.length) break;
        for (const mail of due) seen.add(mail.id);
        const own = due.filter((mail) => mail.sender !== AUTOMATION_SENDER);
        if (own.length) await this.#sendAll(own, tally);
        const automatic = due.filter((mail) => mail.sender === AUTOMATION_SENDER);
        if (automatic.length) await this.#sendAutomatic(automatic, tally);
      }
    } finally {
      this.#running = false;
    }
    await this.#wakeAtNextDue();
    if (this.#again) {
      this.#again = false;
      this.schedule(0);
    }
    return tally;
  }

  async #sendAll(mails: readonly OutgoingMail[], tally: RunTally, confirmed?: () => Promise<boolean>): Promise<void> {
    const byMailbox = new Map<string, OutgoingMail[]>();
    for (const mail of mails) byMailbox.set(mail.mailboxId, [...(byMailbox.get(mail.mailboxId) ?? []), mail]);
    for (const [mailboxId, run] of byMailbox) {
      await sendMailboxRun(
        { store: this.#options.store, secrets: this.#options.secrets },
        mailboxId,
        run,
        tally,
        confirmed,
      );
    }
  }

  /**
   * Automatic mail with a hub: the lease is confirmed by the hub, the mail claimed, and the claim pushed
   * before anything is sent; what another device claimed meanwhile (it won the claim) is left to it.
   */
  async #sendAutomatic(mails: readonly OutgoingMail[], tally: RunTally): Promise<void> {
    const { sync, store } = this.#options;
    if (!this.#hub || !sync.connected) return this.#sendAll(mails, tally);
    // A round first: an incident a rule just wrote to gets its number from the hub at its first push, and the
    // mail is built (subject token, number in the text) with it.
    await sync.syncNow().catch(() => {});
    if (!(await sync.confirmAutomation())) return;
    const confirmedAt = store.now();
    await this.#sendAll(mails, tally, async () => {
      try {
        await sync.syncNow();
      } catch {
        return false; // Not pushed: nobody else can know it is taken, so it is not sent now.
      }
      return store.now() - confirmedAt < LEASE_MARGIN_MS;
    });
  }

  async #wakeAtNextDue(): Promise<void> {
    if (!this.#options.background || this.#closed) return;
    const next = await nextDueAt(this.#options.store.db, this.#options.store.deviceId, this.#automation).catch(
      () => null,
    );
    if (next === null) return;
    const delay = Math.max(0, Date.parse(next) - this.#options.store.now());
    // Timers beyond 2^31 ms fire at once; an hour is the longest wait the backoff makes anyway.
    this.schedule(Math.min(delay + 50, 3_600_000));
  }
}
