import type { HubClient } from './hub-client.ts';

/** Renewed at a third of the hub's 30-second lease, so two missed heartbeats still keep it. */
export const LEASE_HEARTBEAT_MS = 10_000;

/**
 * Takes and keeps the team's automation lease (DESIGN §4): the one workstation (or headless host) that runs
 * the always-on duties, such as polling mailboxes and SLA timers, while it holds it. Another takes over
 * when a holder stops renewing; a holder shutting down gives it up at once.
 */
export class AutomationLease {
  readonly #client: HubClient;
  readonly #device: string;
  readonly #onChange: (held: boolean) => void;
  #held = false;
  #stopped = false;
  #timer: NodeJS.Timeout | null = null;
  /** Heartbeats asked and not yet answered: one landing after the release would take the lease back. */
  readonly #asking = new Set<Promise<boolean>>();

  constructor(client: HubClient, device: string, onChange: (held: boolean) => void) {
    this.#client = client;
    this.#device = device;
    this.#onChange = onChange;
  }

  get held(): boolean {
    return this.#held;
  }

  start(): void {
    void this.heartbeat();
    this.#timer = setInterval(() => void this.heartbeat(), LEASE_HEARTBEAT_MS);
    this.#timer.unref();
  }

  heartbeat(): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(false);
    const asking = this.#ask();
    this.#asking.add(asking);
    void asking.finally(() => this.#asking.delete(asking));
    return asking;
  }

  /**
   * Gives the lease up once every heartbeat already on its way has been answered: released before one of
   * them reached the hub, the lease would be taken again, and nobody else could run the duties until it lapsed.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await Promise.allSettled([...this.#asking]);
    if (this.#held) await this.#client.lease(this.#device, true).catch(() => {});
    this.#set(false);
  }

  async #ask(): Promise<boolean> {
    const answer = await this.#client.lease(this.#device);
    // An unreachable hub cannot confirm the lease: stop the duties rather than risk running them twice.
    this.#set(answer.kind === 'ok' && answer.value.held);
    return this.#held;
  }

  #set(held: boolean): void {
    if (held === this.#held) return;
    this.#held = held;
    this.#onChange(held);
  }
}
