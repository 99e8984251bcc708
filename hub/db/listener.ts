import type pg from 'pg';

/** What a channel's subscriber hears: each notification's payload. */
export type ChannelHandler = (payload: string) => void;

/**
 * One connection LISTENing on the hub's channels for as long as the hub runs. A dropped connection (the
 * database restarting, an administrator ending it) must not end the hub: it is replaced, and `onResume`
 * runs once listening again, as notifications sent meanwhile were missed.
 */
export class DatabaseListener {
  readonly #pool: pg.Pool;
  readonly #channels: Readonly<Record<string, ChannelHandler>>;
  readonly #onResume: () => void;
  readonly #log: (line: string) => void;
  #client: pg.PoolClient | null = null;
  #retry: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(
    pool: pg.Pool,
    channels: Readonly<Record<string, ChannelHandler>>,
    options: { onResume?: () => void; log?: (line: string) => void } = {},
  ) {
    this.#pool = pool;
    this.#channels = channels;
    this.#onResume = options.onResume ?? (() => {});
    this.#log = options.log ?? (() => {});
  }

  /** Starts listening; fails if the database cannot be reached now (later drops are retried). */
  async start(): Promise<void> {
    const client = await this.#pool.connect();
    client.on('error', (error) => this.#lost(client, error));
    client.on('notification', (message) => {
      if (message.payload !== undefined) this.#channels[message.channel]?.(message.payload);
    });
    try {
      for (const channel of Object.keys(this.#channels)) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.release(true);
      throw error;
    }
    if (this.#closed) return void client.release(true);
    this.#client = client;
  }

  #lost(client: pg.PoolClient, error: Error): void {
    if (this.#client !== client) return;
    this.#client = null;
    client.release(true);
    if (this.#closed) return;
    this.#log(`notifications from the database lost (${error.message}); listening again`);
    this.#again();
  }

  #again(): void {
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (this.#closed) return;
      this.start().then(
        () => this.#onResume(),
        () => this.#again(),
      );
    }, 1_000);
    this.#retry.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    if (!client) return;
    await client.query('UNLISTEN *').catch(() => {});
    client.release();
  }
}
