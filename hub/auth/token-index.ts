import type pg from 'pg';
import { hashToken } from './tokens.ts';

/**
 * The hashes of every valid device token on this hub, in memory, so that a token can be told "possibly
 * valid" from "certainly not" without asking the database. An address that keeps sending wrong tokens is
 * answered from here alone, while a valid token from the same address (an office behind one NAT) still goes
 * on to the real check. Reloaded whole on the `desk_tokens` notification, which the database sends whenever
 * any process issues or revokes a token: a hub holds a few thousand tokens at most.
 */
export class TokenIndex {
  readonly #pool: pg.Pool;
  readonly #log: (line: string) => void;
  #hashes = new Set<string>();
  #loading: Promise<void> | null = null;
  #again = false;

  constructor(pool: pg.Pool, log: (line: string) => void = () => {}) {
    this.#pool = pool;
    this.#log = log;
  }

  /** Whether `token` may be valid: false means no valid token has its hash, as of the last reload. */
  mayBeValid(token: string): boolean {
    return this.#hashes.has(hashToken(token).toString('base64'));
  }

  /** Reads every valid token's hash again; calls made while one runs are folded into one more after it. */
  reload(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    this.#loading = (async () => {
      do {
        this.#again = false;
        const { rows } = await this.#pool.query<{ token_hash: Buffer }>(
          'SELECT token_hash FROM device_token WHERE revoked_at IS NULL',
        );
        this.#hashes = new Set(rows.map((row) => row.token_hash.toString('base64')));
      } while (this.#again);
    })()
      .catch((error: unknown) => this.#log(`the token index was not reloaded: ${(error as Error).message}`))
      .finally(() => {
        this.#loading = null;
      });
    return this.#loading;
  }

  /** Waits for a reload under way, so the pool can be ended after it. */
  async settled(): Promise<void> {
    await this.#loading;
  }
}
