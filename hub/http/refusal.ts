import type { HubErrorCode } from '#shared/sync.ts';

/** A request the hub refuses: the HTTP status, the protocol's error code, and words for the person behind it. */
export class HubRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: HubErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
