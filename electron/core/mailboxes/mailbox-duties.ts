import type { SyncStatus } from '#shared/domain/sync-status.ts';
import type { SecretStore } from '#core/secrets/secrets.ts';
import type { Store } from '#core/store/store.ts';
import { listMailboxes } from './mailbox.repository.ts';
import { MailboxPoller } from './mailbox-poller.ts';

/**
 * Whether this workstation should run the team's always-on duties (DESIGN §4): a local workspace does its
 * own; a workspace in a team does them only while it holds the automation lease, so two workstations never
 * read the same mailbox at once.
 */
export function shouldRunDuties(status: SyncStatus): boolean {
  return status.state === 'local' || status.automation;
}

export interface MailboxDutiesOptions {
  readonly store: Store;
  readonly secrets: SecretStore;
  /** Off for one-shot commands (an import from the command line reads no mailbox). */
  readonly enabled: boolean;
}

interface Running {
  readonly poller: MailboxPoller;
  /** The settings it was started with: any change restarts it. */
  readonly settings: string;
}

/**
 * Runs a poller per enabled mailbox while this workstation should do the team's duties, and none
 * otherwise. It follows the sync status (the automation lease coming and going) and the mailbox settings
 * (saved here, or arriving from another workstation). Changes are applied one at a time, each poller
 * stopped before its replacement starts, so a mailbox is never read twice at once.
 */
export class MailboxDuties {
  readonly #store: Store;
  readonly #secrets: SecretStore;
  readonly #enabled: boolean;
  readonly #running = new Map<string, Running>();
  readonly #unsubscribe: () => void;
  #active = false;
  #closed = false;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: MailboxDutiesOptions) {
    this.#store = options.store;
    this.#secrets = options.secrets;
    this.#enabled = options.enabled;
    this.#unsubscribe = options.store.onApplied((result) => {
      if (result.everything || result.kinds.has('mailbox')) void this.refresh();
    });
  }

  /** Whether this workstation reads the team's mailboxes now. */
  get active(): boolean {
    return this.#active;
  }

  /** Follows the sync status: starts the pollers when this workstation takes the duties on, stops them when not. */
  follow(status: SyncStatus): void {
    const active = this.#enabled && !this.#closed && shouldRunDuties(status);
    if (active === this.#active) return;
    this.#active = active;
    void this.refresh();
  }

  /**
   * Brings the pollers in line with the settings; `restart` names a mailbox whose password changed (which no
   * setting shows). Never rejects: a poller that cannot start says so in its mailbox's health.
   */
  refresh(restart?: string): Promise<void> {
    const next = this.#queue.then(() => this.#reconcile(restart)).catch(() => {});
    this.#queue = next;
    return next;
  }

  /** Whether the last attempt at this mailbox failed, when it is read here. */
  failing(mailboxId: string): boolean | null {
    return this.#running.get(mailboxId)?.poller.failing ?? null;
  }

  /** Reads a mailbox now and answers when done; false when this workstation does not read it. */
  async checkNow(mailboxId: string): Promise<boolean> {
    await this.refresh();
    const running = this.#running.get(mailboxId);
    if (!running) return false;
    await running.poller.checkNow();
    return true;
  }

  async stop(): Promise<void> {
    this.#closed = true;
    this.#active = false;
    this.#unsubscribe();
    await this.refresh();
  }

  async #reconcile(restart?: string): Promise<void> {
    const wanted = this.#active ? (await listMailboxes(this.#store.db)).filter((m) => m.enabled) : [];
    const settingsOf = new Map(wanted.map((m) => [m.id, JSON.stringify(m)]));
    for (const [id, running] of [...this.#running]) {
      if (settingsOf.get(id) === running.settings && id !== restart) continue;
      this.#running.delete(id);
      await running.poller.stop();
    }
    for (const mailbox of wanted) {
      if (this.#running.has(mailbox.id)) continue;
      const poller = new MailboxPoller({ store: this.#store, secrets: this.#secrets, mailbox });
      this.#running.set(mailbox.id, { poller, settings: settingsOf.get(mailbox.id)! });
      poller.start();
    }
  }
}
