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
  #timer: NodeJS.Timeout | null = null;

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

  async heartbeat(): Promise<boolean> {
    const answer = await this.#client.lease(this.#device);
    // An unreachable hub cannot confirm the lease: stop the duties rather than risk running them twice.
    this.#set(answer.kind === 'ok' && answer.value.held);
    return this.#held;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    if (this.#held) await this.#client.lease(this.#device, true).catch(() => {});
    this.#set(false);
  }

  #set(held: boolean): void {
    if (held === this.#held) return;
    this.#held = held;
    this.#onChange(held);
  }
}
