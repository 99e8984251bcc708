import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { authenticate } from '../auth/tokens.ts';
import type { Principal } from '../auth/tokens.ts';
import type { TokenIndex } from '../auth/token-index.ts';
import { RateLimiter } from './rate-limit.ts';
import { HubRefusal } from './refusal.ts';

export interface GateOptions {
  readonly pool: pg.Pool;
  readonly tokens: TokenIndex;
  readonly now: () => number;
  /** Requests per device token. */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /** Refused tokens per client address, before that address's unknown tokens are refused unchecked. */
  readonly authFailureLimit: { readonly perSecond: number; readonly burst: number };
}

/**
 * Who a request comes from: the account and team behind its bearer token, or a refusal.
 *
 * Guessing tokens must stay expensive without locking out the agents who share the guesser's address (an
 * office behind one NAT). Each refused token spends from its address's budget; once that is spent, tokens
 * that no valid token's hash matches (TokenIndex, in memory) are refused with 429 before any database query,
 * while a token that may be valid is still checked, and served. A valid token is never answered 429 for
 * someone else's failures; it has its own request budget, and only its own requests spend it.
 */
export function createGate(options: GateOptions): (request: IncomingMessage) => Promise<Principal> {
  const { pool, tokens, now } = options;
  const failures = new RateLimiter({ ...options.authFailureLimit, now });
  const requests = new RateLimiter({ ...options.rateLimit, now });
  return async (request) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new HubRefusal(401, 'unauthorized', 'Send the device token as "Authorization: Bearer …".');
    const address = request.socket.remoteAddress ?? 'unknown';
    if (!failures.take(address, false) && !tokens.mayBeValid(token)) {
      const wait = failures.retryAfter(address);
      throw new HubRefusal(429, 'rate_limited', 'Too many refused tokens from this address; wait and retry.', wait);
    }
    const principal = await authenticate(pool, token);
    if (!principal) {
      failures.take(address);
      throw new HubRefusal(401, 'unauthorized', 'This device token is not valid on this hub (wrong, or revoked).');
    }
    if (!requests.take(principal.tokenId)) {
      const wait = requests.retryAfter(principal.tokenId);
      throw new HubRefusal(429, 'rate_limited', 'Too many requests from this device; slow down and retry.', wait);
    }
    return principal;
  };
}
