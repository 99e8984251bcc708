import WebSocket from 'ws';
import { DeskError } from '#shared/errors.ts';
import { hubAddressProblem } from '#shared/loopback.ts';
import type { OverwriteNotice, SyncStatus } from '#shared/domain/sync-status.ts';
import { MAX_PUSH_CHANGES } from '#shared/sync.ts';
import type { ApplyResult } from '../store/apply.ts';
import type { Db, Store } from '../store/store.ts';
import { AutomationLease } from './automation-lease.ts';
import { HubClient } from './hub-client.ts';
import type { HubClientOptions, HubResult } from './hub-client.ts';
import { hubFailureError } from './hub-result.ts';
import type { HubFailure } from './hub-result.ts';
import { markPushed, pendingBatch, pendingCount, rejectedCount } from './outbox.ts';
import type { SecretStore } from '../secrets/secrets.ts';
import { HUB_URL_KEY } from './sync-settings.ts';
import { recordOverwriteNotices } from './sync-notice.repository.ts';

const HUB_URL = HUB_URL_KEY;
const HUB_TEAM = 'hub_team';
const CURSOR = 'sync_cursor';
const OFFSET = 'hub_clock_offset_ms';
const LAST_SYNC = 'sync_last_at';
const tokenKey = (url: string) => `hub-token:${url}`;

export interface SyncEngineOptions {
  readonly store: Store;
  readonly secrets: SecretStore;
  readonly onStatus: (status: SyncStatus) => void;
  readonly onOverwritten: (notices: readonly OverwriteNotice[]) => void;
  /** The fallback poll when pokes do not arrive. */
  readonly pollMs?: number;
  readonly pullLimit?: number;
  /** How to reach the hub; tests wrap the real client to lose, repeat and delay deliveries. */
  readonly connectTo?: (options: HubClientOptions) => HubConnection;
}

/** What the engine needs of a hub connection (the HubClient, or a test's wrapper around one). */
export type HubConnection = Pick<HubClient, 'whoami' | 'push' | 'pull' | 'bootstrap' | 'eventsRequest'>;

export interface RoundSummary {
  readonly pushed: number;
  readonly pulled: number;
  readonly rejected: number;
  readonly bootstrapped: boolean;
}

/** A round stopped by the hub's answer: what went wrong, in the words `hubFailureError` gives it. */
class RoundFailed extends Error {
  constructor(readonly failure: HubFailure) {
    super(hubFailureError(failure).message);
  }
}

function unwrap<T>(result: HubResult<T>, store: Store): T {
  if (result.kind !== 'ok') throw new RoundFailed(result);
  store.setClockOffset(result.offsetMs);
  return result.value;
}

/**
 * Keeps a workspace in step with its team hub (DESIGN §4): pushes the outbox, pulls pages after the cursor
 * (each page applied with its cursor in one transaction), reacts to pokes, polls as a fallback, and backs off
 * while the hub is unreachable. Everything it needs to resume lives in the workspace, so a restart (or a
 * crash) picks up where it stopped; nothing is pushed or applied twice in a way that matters.
 */
export class SyncEngine {
  readonly #options: SyncEngineOptions;
  readonly #store: Store;
  #client: HubConnection | null = null;
  #status: SyncStatus = {
    state: 'local',
    hubUrl: null,
    team: null,
    pending: 0,
    rejected: 0,
    lastSyncAt: null,
    error: null,
    automation: false,
  };
  #round: Promise<RoundSummary> | null = null;
  #again = false;
  #failures = 0;
  #timer: NodeJS.Timeout | null = null;
  #due = 0;
  #socket: WebSocket | null = null;
  /** Whether rounds run on their own (pokes, polls, retries); off for one-shot commands and after stop. */
  #background = false;
  #unsubscribe: () => void = () => {};
  #lease: AutomationLease | null = null;

  constructor(options: SyncEngineOptions) {
    this.#options = options;
    this.#store = options.store;
  }

  /** Connections measure the hub's clock against this computer's own, uncorrected one. */
  #connectTo(target: { baseUrl: string; token: string }): HubConnection {
    const options: HubClientOptions = { ...target, now: () => this.#store.now() - this.#store.clockOffsetMs };
    return this.#options.connectTo ? this.#options.connectTo(options) : new HubClient(options);
  }

  get status(): SyncStatus {
    return this.#status;
  }

  get connected(): boolean {
    return this.#client !== null;
  }

  /**
   * Asks the hub now whether this device holds the automation lease (renewing it when it does): a duty that
   * must not run on two devices (sending automatic mail) confirms before it acts, rather than trusting the
   * last heartbeat. False without a lease (a one-shot command, or not connected).
   */
  async confirmAutomation(): Promise<boolean> {
    return this.#lease ? this.#lease.heartbeat() : false;
  }

  /**
   * Resumes syncing if the workspace is connected to a hub. In the background (the apps) it listens for
   * pokes and polls; a one-shot command starts it with `background: false` and calls `syncNow` itself.
   */
  async start(options: { background?: boolean } = {}): Promise<void> {
    const background = options.background ?? true;
    this.#background = background;
    const url = await this.#store.getMeta(HUB_URL);
    const token = url ? await this.#options.secrets.get(tokenKey(url)) : null;
    if (!url) return this.#publish({ state: 'local' });
    // Connected before plain http was refused beyond this computer: the token is not sent there again.
    const insecure = hubAddressProblem(url);
    if (insecure) {
      const error = `The hub address ${url} ${insecure}. Disconnect, then connect again with its https:// address.`;
      return this.#publish({ state: 'error', hubUrl: url, error });
    }
    if (!token) {
      return this.#publish({ state: 'error', hubUrl: url, error: 'The hub token is missing here; connect again.' });
    }
    this.#store.setClockOffset(Number((await this.#store.getMeta(OFFSET)) ?? 0));
    this.#client = this.#connectTo({ baseUrl: url, token });
    this.#unsubscribe = this.#store.onApplied((result) => this.#afterLocalChange(result));
    await this.#publish({ state: 'connecting', hubUrl: url, team: await this.#store.getMeta(HUB_TEAM) });
    if (!background) return;
    this.#openSocket();
    const lease = new AutomationLease(new HubClient({ baseUrl: url, token }), this.#store.deviceId, (held) => {
      // A lease given up while stopping is not news: the store may already be closing.
      if (this.#lease === lease) void this.#publish({ automation: held }).catch(() => {});
    });
    this.#lease = lease;
    this.#lease.start();
    this.schedule(0);
  }

  /** Checks the hub and the token, then remembers them; the first round downloads the team's data. */
  async connect(hubUrl: string, token: string): Promise<{ accountId: string; email: string }> {
    const insecure = hubAddressProblem(hubUrl);
    if (insecure) throw new DeskError('invalid_input', `hubUrl: ${insecure}`);
    const current = await this.#store.getMeta(HUB_URL);
    if (current && current !== hubUrl) {
      throw new DeskError(
        'conflict',
        `This workspace syncs with ${current}; disconnect it before connecting elsewhere.`,
      );
    }
    const client = this.#connectTo({ baseUrl: hubUrl, token });
    const who = await client.whoami();
    if (who.kind !== 'ok') throw hubFailureError(who);
    await this.#options.secrets.set(tokenKey(hubUrl), token);
    await this.#store.db.transaction().execute(async (tx: Db) => {
      await this.#store.setMeta(HUB_URL, hubUrl, tx);
      await this.#store.setMeta(HUB_TEAM, who.value.team.name, tx);
      await this.#store.setMeta(OFFSET, String(Math.round(who.offsetMs)), tx);
    });
    const background = this.#background;
    await this.stop();
    await this.start({ background });
    return { accountId: who.value.account.id, email: who.value.account.email };
  }

  /** A plain client for the hub's admin API, with this workspace's token (the hub checks the role). */
  async adminClient(): Promise<HubClient> {
    const url = await this.#store.getMeta(HUB_URL);
    const token = url ? await this.#options.secrets.get(tokenKey(url)) : null;
    if (!url || !token) throw new DeskError('invalid_input', 'Connect this workspace to a team hub first.');
    const insecure = hubAddressProblem(url);
    if (insecure) throw new DeskError('invalid_input', `The hub address ${url} ${insecure}.`);
    return new HubClient({ baseUrl: url, token });
  }

  /** Stops syncing and forgets the hub; the workspace keeps its data and works on locally. */
  async disconnect(): Promise<void> {
    const url = await this.#store.getMeta(HUB_URL);
    await this.stop();
    if (url) await this.#options.secrets.set(tokenKey(url), null);
    for (const key of [HUB_URL, HUB_TEAM, CURSOR, OFFSET, LAST_SYNC]) await this.#store.setMeta(key, null);
    await this.#publish({ state: 'local', hubUrl: null, team: null, error: null });
  }

  async stop(): Promise<void> {
    this.#background = false;
    this.#unsubscribe();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#socket?.terminate();
    this.#socket = null;
    const lease = this.#lease;
    this.#lease = null;
    await lease?.stop();
    this.#status = { ...this.#status, automation: false };
    await this.#round?.catch(() => {});
    this.#client = null;
  }

  /** Runs a round now (or right after the one under way) and answers when it is done. */
  async syncNow(): Promise<RoundSummary> {
    if (!this.#client) throw new DeskError('invalid_input', 'This workspace is not connected to a team hub.');
    if (this.#round) {
      this.#again = true;
      await this.#round.catch(() => {});
    }
    return this.#run();
  }

  /**
   * Runs a round after `delayMs`, unless one is already due sooner: a slow poll (or a back-off) set at the
   * end of a round must never push back a round a fresh local change or a poke has asked for.
   */
  schedule(delayMs: number): void {
    if (!this.#background || !this.#client) return;
    const due = Date.now() + delayMs;
    if (this.#timer && this.#due <= due) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#due = due;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#round) this.#again = true;
      else void this.#run().catch(() => {});
    }, delayMs);
  }

  #afterLocalChange(result: ApplyResult): void {
    if (result.fresh.some((change) => change.device === this.#store.deviceId)) this.schedule(20);
  }

  async #run(): Promise<RoundSummary> {
    const round = this.#round ?? this.#roundOnce();
    this.#round = round;
    try {
      return await round;
    } finally {
      this.#round = null;
      if (this.#again && !!this.#background) {
        this.#again = false;
        this.schedule(0);
      }
    }
  }

  async #roundOnce(): Promise<RoundSummary> {
    const client = this.#client!;
    try {
      const bootstrapped = (await this.#store.getMeta(CURSOR)) === null ? await this.#bootstrap(client) : false;
      const { pushed, rejected } = await this.#pushAll(client);
      const pulled = await this.#pullAll(client);
      this.#failures = 0;
      await this.#store.setMeta(OFFSET, String(this.#store.clockOffsetMs));
      await this.#store.setMeta(LAST_SYNC, new Date().toISOString());
      await this.#publish({ state: 'online', error: null });
      this.schedule(this.#options.pollMs ?? 15_000);
      return { pushed, pulled, rejected, bootstrapped };
    } catch (error) {
      if (!(error instanceof RoundFailed)) throw error;
      const { failure } = error;
      this.#failures++;
      if (failure.kind === 'refused' && failure.status === 401) {
        await this.#publish({ state: 'error', error: error.message });
      } else {
        await this.#publish({ state: failure.kind === 'offline' ? 'offline' : 'error', error: error.message });
        // Back off while the hub is away: 1 s, 2 s, 4 s … up to a minute, with jitter so a team does not stampede.
        const delay = Math.min(60_000, 1_000 * 2 ** Math.min(this.#failures - 1, 6));
        this.schedule(delay * (0.75 + Math.random() * 0.5));
      }
      throw error;
    }
  }

  async #bootstrap(client: HubConnection): Promise<boolean> {
    await this.#publish({ state: 'connecting' });
    let cursor: number | null = null;
    const result = await this.#store.bulkLoad(() =>
      client.bootstrap(async (line) => {
        if (line.kind === 'state' || line.kind === 'events') await this.#store.applyBootstrapRows(line.kind, line.text);
        if (line.kind === 'end') cursor = line.cursor;
      }),
    );
    unwrap(result, this.#store);
    // The projections and the cursor commit together: a crash before this point bootstraps again.
    await this.#store.rebuildProjections((tx) => this.#store.setMeta(CURSOR, String(cursor ?? 0), tx));
    return true;
  }

  async #pushAll(client: HubConnection): Promise<{ pushed: number; rejected: number }> {
    let pushed = 0;
    let rejected = 0;
    for (;;) {
      const batch = await pendingBatch(this.#store, MAX_PUSH_CHANGES);
      if (!batch.changes.length) return { pushed, rejected };
      const answer = unwrap(await client.push(this.#store.deviceId, batch.changes), this.#store);
      await markPushed(this.#store, batch.lastSeq, answer.rejected, new Date(answer.hubTime).toISOString());
      pushed += answer.accepted.length + answer.duplicate.length;
      rejected += answer.rejected.length;
    }
  }

  async #pullAll(client: HubConnection): Promise<number> {
    let pulled = 0;
    for (;;) {
      const after = Number((await this.#store.getMeta(CURSOR)) ?? 0);
      const page = unwrap(await client.pull(after, this.#store.deviceId, this.#options.pullLimit), this.#store);
      if (page.changes.length) {
        const applied = await this.#store.applyBatch(page.changes, 'remote', {
          alongside: (tx) => this.#store.setMeta(CURSOR, String(page.cursor), tx),
        });
        pulled += page.changes.length;
        await this.#noteOverwrites(applied);
      } else if (page.cursor !== after) {
        await this.#store.setMeta(CURSOR, String(page.cursor));
      }
      if (!page.more) return pulled;
    }
  }

  async #noteOverwrites(applied: ApplyResult): Promise<void> {
    if (!applied.overwritten.length) return;
    const at = new Date(this.#store.now()).toISOString();
    const notices: OverwriteNotice[] = applied.overwritten.map((o) => ({
      entity: o.entity,
      entityId: o.entityId,
      field: o.field,
      mine: o.mine,
      theirs: o.theirs,
      byAgentId: o.by,
      at,
    }));
    await recordOverwriteNotices(this.#store.db, notices);
    this.#options.onOverwritten(notices);
  }

  #openSocket(): void {
    if (!this.#background || !this.#client) return;
    const { url, headers } = this.#client.eventsRequest();
    const socket = new WebSocket(url, { headers });
    this.#socket = socket;
    socket.on('message', () => this.schedule(0));
    socket.on('error', () => {}); // 'close' follows; the poll covers the gap.
    socket.on('close', () => {
      if (this.#socket !== socket || !this.#background) return;
      this.#socket = null;
      // The hub went away (or restarted): find out now, so the status says so, rather than at the next poll.
      this.schedule(0);
      setTimeout(() => this.#openSocket(), Math.min(30_000, 1_000 * 2 ** Math.min(this.#failures, 5)));
    });
  }

  /**
   * Takes the change in at once and the counts once they are read, each into the status as it is then:
   * publishes overlap (a round's progress while the lease changes hands), and none may undo another's news.
   */
  async #publish(change: Partial<SyncStatus>): Promise<void> {
    this.#status = { ...this.#status, ...change };
    const connected = this.#status.state !== 'local';
    const pending = connected ? await pendingCount(this.#store) : 0;
    const rejected = await rejectedCount(this.#store);
    const lastSyncAt = await this.#store.getMeta(LAST_SYNC);
    this.#status = { ...this.#status, pending, rejected, lastSyncAt };
    this.#options.onStatus(this.#status);
  }
}
