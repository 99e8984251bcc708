/**
 * A token bucket per caller: `burst` requests at once, refilled at `perSecond`. Enough to stop a runaway
 * client or a token in the wrong hands from starving the team, never in the way of normal sync.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #perSecond: number;
  readonly #burst: number;
  readonly #now: () => number;

  constructor(options: { perSecond: number; burst: number; now?: () => number }) {
    this.#perSecond = options.perSecond;
    this.#burst = options.burst;
    this.#now = options.now ?? Date.now;
  }

  /** Takes one request's token (or, with `spend` false, only looks); false when the caller must wait. */
  take(key: string, spend = true): boolean {
    const now = this.#now();
    if (this.#buckets.size >= 10_000 && !this.#buckets.has(key)) this.#forgetRested(now);
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    if (spend) bucket.tokens -= 1;
    return true;
  }

  /** Callers whose buckets have filled up again are as good as new: forgotten, so memory stays bounded. */
  #forgetRested(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond >= this.#burst) this.#buckets.delete(key);
    }
  }

  /** Seconds until the caller has a token again, for Retry-After. */
  retryAfter(key: string): number {
    const bucket = this.#buckets.get(key);
    if (!bucket) return 0;
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perSecond));
  }
}
