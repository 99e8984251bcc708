import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ErrorCode } from '#shared/errors.ts';

/** What the hosts' HTTP servers (browser mode, headless) share: refusals, token checks, bounded bodies. */

/** A request refused with an HTTP status, the desk's error code and words for the person who sent it. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Compares a token in constant time, so the time an answer takes says nothing about the token. */
export function sameToken(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A request's body, refused with `tooLarge()` as soon as it is declared or read beyond `limit` bytes: a large
 * body is never held in memory whole.
 */
export async function readBody(request: IncomingMessage, limit: number, tooLarge: () => HttpRefusal): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
