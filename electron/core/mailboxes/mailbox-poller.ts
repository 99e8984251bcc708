import type { ImapFlow } from 'imapflow';
import type { MailboxSettings } from '#shared/domain/mailbox.ts';
import type { SecretStore } from '#core/secrets/secrets.ts';
import type { Store } from '#core/store/store.ts';
import { closeImapClient, createImapClient, describeImapError } from './imap-client.ts';
import { recordError, recordSuccess } from './mailbox.repository.ts';
import { lookUpPassword } from './mailbox-password.ts';
import { readNewMail } from './read-new-mail.ts';

/** Even while IDLE reports new mail, the folder is read this often, in case a notification was missed. */
const IDLE_SAFETY_PASS_MS = 10 * 60_000;

/** A failure that no retry soon will mend: a wrong or missing password, a folder that is not there. */
class SetupProblem extends Error {}

function isSetupProblem(error: unknown): boolean {
  return (
    error instanceof SetupProblem || Boolean((error as { authenticationFailed?: boolean } | null)?.authenticationFailed)
  );
}

/** Wakes a sleeping loop early: new mail, a "check now", a dropped connection, or a stop. */
class Wakeup {
  #wake: (() => void) | null = null;
  #pending = false;

  wake(): void {
    if (this.#wake) this.#wake();
    else this.#pending = true;
  }

  /** Forgets a wake that came while nobody slept (the close of a connection that just failed). */
  clear(): void {
    this.#pending = false;
  }

  sleep(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#wake?.(), ms);
      this.#wake = () => {
        this.#wake = null;
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

export interface MailboxPollerOptions {
  readonly store: Store;
  readonly secrets: SecretStore;
  readonly mailbox: MailboxSettings;
}

/**
 * Reads one mailbox for as long as it runs: connects, opens the folder, brings in what is new, then waits
 * in IDLE (or sleeps for the poll interval) and does it again. A failure is recorded in the mailbox's
 * health in words, and the poller retries with growing pauses: seconds for a network hiccup, minutes for a
 * refused password, so a mail server does not lock the account for too many failed sign-ins.
 */
export class MailboxPoller {
  readonly mailbox: MailboxSettings;
  readonly #store: Store;
  readonly #secrets: SecretStore;
  readonly #wakeup = new Wakeup();
  /** Requests that lost the connection, by UID, across reconnects (see MAX_ATTEMPTS). */
  readonly #attempts = new Map<number, number>();
  /** "Check now" callers waiting for the next pass (or failure) to finish. */
  #waiting: (() => void)[] = [];
  #client: ImapFlow | null = null;
  /** The connection waiting in IDLE, whose drop is worth waking for. */
  #idling: ImapFlow | null = null;
  #loop: Promise<void> | null = null;
  #stopped = false;
  #failures = 0;
  #password = '';

  constructor(options: MailboxPollerOptions) {
    this.mailbox = options.mailbox;
    this.#store = options.store;
    this.#secrets = options.secrets;
  }

  /** Whether the last attempt failed (what the health shows as "failing"). */
  get failing(): boolean {
    return this.#failures > 0;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Ends the connection (and any IDLE or download under way) and waits for the loop to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wakeup.wake();
    this.#client?.close();
    await this.#loop;
  }

  /** Reads the folder now (retrying at once if it was waiting out a failure); resolves when that pass ended. */
  checkNow(): Promise<void> {
    if (this.#stopped || !this.#loop) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#wakeup.wake();
    return done;
  }

  async #run(): Promise<void> {
    let client: ImapFlow | null = null;
    while (!this.#stopped) {
      const waiting = this.#waiting.splice(0);
      try {
        if (!client?.usable) {
          if (client) await closeImapClient(client);
          client = await this.#connect();
        }
        await this.#openFolder(client);
        await readNewMail(client, {
          store: this.#store,
          mailbox: this.mailbox,
          attempts: this.#attempts,
          stopped: () => this.#stopped,
        });
        this.#failures = 0;
        await recordSuccess(this.#store.db, this.mailbox.id, this.#now());
      } catch (error) {
        if (!this.#stopped) await this.#recordFailure(error);
        for (const resolve of waiting) resolve();
        if (client) await closeImapClient(client);
        client = null;
        // Only a "check now" (or a stop) cuts the pause short.
        this.#wakeup.clear();
        if (!this.#stopped && !this.#waiting.length) await this.#wakeup.sleep(this.#backoff(error));
        continue;
      }
      for (const resolve of waiting) resolve();
      if (this.#stopped) break;
      await this.#wait(client);
    }
    if (client) await closeImapClient(client);
    this.#client = null;
    for (const resolve of this.#waiting.splice(0)) resolve();
  }

  async #connect(): Promise<ImapFlow> {
    const { mailbox } = this;
    const lookup = await lookUpPassword(this.#secrets, mailbox.id, mailbox);
    if (lookup.kind !== 'found') throw new SetupProblem(lookup.reason);
    if (this.#stopped) throw new Error('stopped');
    this.#password = lookup.password;
    const client = createImapClient({ ...mailbox, password: lookup.password });
    this.#client = client;
    client.on('exists', () => this.#wakeup.wake());
    // A connection dropped while idling is replaced at once, so new mail is still heard of; a poller
    // reconnects at its next check anyway, and a failed pass waits out its pause.
    client.on('close', () => {
      if (this.#idling === client) this.#wakeup.wake();
    });
    await client.connect();
    return client;
  }

  /**
   * Opens the folder afresh for every pass: a folder deleted and made again under an open session (a
   * restore, a migration) is only seen by opening it again, with its new UIDVALIDITY. Read-only (EXAMINE):
   * the desk never changes the mailbox, so other mail programs see it as they left it.
   */
  async #openFolder(client: ImapFlow): Promise<void> {
    try {
      await client.mailboxOpen(this.mailbox.folder, { readOnly: true });
    } catch (error) {
      if (!(error as { mailboxMissing?: boolean }).mailboxMissing) throw error;
      throw new SetupProblem(`There is no folder “${this.mailbox.folder}” on the server. Check the folder name.`);
    }
  }

  /** Until new mail, a "check now", the poll interval, or (for a dropped connection) a moment to reconnect. */
  async #wait(client: ImapFlow): Promise<void> {
    // A connection that dropped while the pass was finishing said so before anyone waited on it: it is not
    // waited on (in IDLE that would be until the safety pass, minutes without mail), but replaced below.
    if (client.usable) {
      const idle = this.mailbox.mode === 'idle' && client.capabilities.has('IDLE');
      if (idle) {
        this.#idling = client;
        void client.idle().catch(() => {});
      }
      await this.#wakeup.sleep(idle ? IDLE_SAFETY_PASS_MS : this.mailbox.pollSeconds * 1_000);
      this.#idling = null;
    }
    // Servers close quiet sessions; that is no failure, but a server that keeps doing it at once is not
    // reconnected to in a tight loop.
    if (!client.usable && !this.#stopped) await this.#wakeup.sleep(1_000);
  }

  /** Stores the failure in words, then counts it: "failing" is never shown without the words that say why. */
  async #recordFailure(error: unknown): Promise<void> {
    const message =
      error instanceof SetupProblem
        ? error.message
        : describeImapError(error, { host: this.mailbox.host, port: this.mailbox.port, password: this.#password });
    try {
      await recordError(this.#store.db, this.mailbox.id, message, this.#now());
    } catch {
      // The workspace is closing; nothing more to tell.
    }
    this.#failures++;
  }

  #backoff(error: unknown): number {
    const [base, cap] = isSetupProblem(error) ? [60_000, 30 * 60_000] : [2_000, 5 * 60_000];
    const delay = Math.min(cap, base * 2 ** Math.min(this.#failures - 1, 10));
    return delay * (0.75 + Math.random() * 0.5);
  }

  #now(): string {
    return new Date(this.#store.now()).toISOString();
  }
}
