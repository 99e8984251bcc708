import type { Change } from '#shared/change.ts';
import type { HubAccount } from '#shared/domain/sync-status.ts';
import type { z } from 'zod';
import { pullResponseSchema, pushResponseSchema } from '#shared/sync.ts';
import type { BootstrapLine, HubErrorBody, LeaseResponse, PullResponse, PushResponse, WhoAmI } from '#shared/sync.ts';

/**
 * The workstation's side of the hub's /v1/ API. Answers are results, not exceptions (STYLE habit 10): an
 * unreachable hub is `offline`, a refusal carries the hub's code and message, and only a bug throws.
 */
export type HubResult<T> =
  | { readonly kind: 'ok'; readonly value: T; readonly offsetMs: number }
  | { readonly kind: 'offline'; readonly reason: string }
  | { readonly kind: 'refused'; readonly status: number; readonly code: string; readonly message: string };

export interface HubClientOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs?: number;
  /** This computer's clock, for measuring the offset to the hub's. */
  readonly now?: () => number;
}

export class HubClient {
  readonly #base: string;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #now: () => number;

  constructor(options: HubClientOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#token = options.token;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  get baseUrl(): string {
    return this.#base;
  }

  /** The WebSocket address for pokes, with the headers to open it. */
  eventsRequest(): { url: string; headers: Record<string, string> } {
    return {
      url: `${this.#base.replace(/^http/, 'ws')}/v1/events`,
      headers: { authorization: `Bearer ${this.#token}` },
    };
  }

  whoami(): Promise<HubResult<WhoAmI>> {
    return this.#json<WhoAmI>('GET', '/v1/whoami');
  }

  push(device: string, changes: readonly Change[]): Promise<HubResult<PushResponse>> {
    return this.#json('POST', '/v1/push', { device, changes }, pushResponseSchema);
  }

  pull(after: number, device: string, limit?: number): Promise<HubResult<PullResponse>> {
    const query = new URLSearchParams({ after: String(after), device });
    if (limit) query.set('limit', String(limit));
    return this.#json('GET', `/v1/pull?${query}`, undefined, pullResponseSchema);
  }

  adminAccounts(): Promise<HubResult<{ accounts: HubAccount[] }>> {
    return this.#json('GET', '/v1/admin/accounts');
  }

  adminAddAccount(account: {
    email: string;
    name: string;
    role: HubAccount['role'];
  }): Promise<HubResult<{ account: HubAccount }>> {
    return this.#json('POST', '/v1/admin/accounts', account);
  }

  adminIssueToken(email: string, label: string): Promise<HubResult<{ token: string }>> {
    return this.#json('POST', '/v1/admin/tokens', { email, label });
  }

  lease(device: string, release = false): Promise<HubResult<LeaseResponse>> {
    return this.#json<LeaseResponse>('POST', '/v1/lease', release ? { device, release } : { device });
  }

  /**
   * Streams the team's state a line at a time, waiting for `onLine` before reading on. State and event
   * lines stay text (`{ kind, text }`): the store hands them to SQLite's JSON functions as they are.
   */
  async bootstrap(
    onLine: (line: RawBootstrapLine) => Promise<void>,
  ): Promise<HubResult<{ cursor: number; changes: number }>> {
    const response = await this.#fetch('GET', '/v1/bootstrap', undefined, 10 * 60_000, {
      'accept-encoding': isLoopback(this.#base) ? 'identity' : 'gzip',
    });
    if (response.kind !== 'ok') return response;
    const body = response.value.body;
    if (!body) return { kind: 'offline', reason: 'The hub sent no data.' };
    let end: { cursor: number; changes: number } | null = null;
    try {
      for await (const text of ndjsonLines(body)) {
        const kind = /^\{"kind":"(\w+)"/.exec(text)?.[1];
        if (kind === 'state' || kind === 'events') {
          await onLine({ kind, text });
          continue;
        }
        const line = JSON.parse(text) as BootstrapLine;
        if (line.kind === 'end') end = { cursor: line.cursor, changes: line.changes };
        if (line.kind === 'header' || line.kind === 'end') await onLine(line);
      }
    } catch (error) {
      return { kind: 'offline', reason: `The connection to the hub broke during the download (${describe(error)}).` };
    }
    // Without its last line the download is incomplete: nothing after it may be trusted as a cursor.
    if (!end) return { kind: 'offline', reason: 'The download from the hub stopped before the end.' };
    return { kind: 'ok', value: end, offsetMs: response.offsetMs };
  }

  /** An answer from the hub, checked against the shared schema where one is given (a page of changes is). */
  async #json<T>(method: string, path: string, body?: unknown, schema?: z.ZodType<T>): Promise<HubResult<T>> {
    const response = await this.#fetch(method, path, body, this.#timeoutMs);
    if (response.kind !== 'ok') return response;
    let value: unknown;
    try {
      value = await response.value.json();
    } catch (error) {
      return { kind: 'offline', reason: `The hub's answer was cut off (${describe(error)}).` };
    }
    if (!schema) return { kind: 'ok', value: value as T, offsetMs: response.offsetMs };
    const checked = schema.safeParse(value);
    if (checked.success) return { kind: 'ok', value: checked.data, offsetMs: response.offsetMs };
    const issue = checked.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return {
      kind: 'refused',
      status: 502,
      code: 'invalid_answer',
      message: `its answer to ${method} ${path.split('?')[0]} is not what this version understands (${where}${issue?.message ?? 'invalid'}); nothing of it was applied.`,
    };
  }

  async #fetch(
    method: string,
    path: string,
    body: unknown,
    timeoutMs: number,
    extraHeaders: Record<string, string> = {},
  ): Promise<HubResult<Response>> {
    const sent = this.#now();
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, {
        method,
        headers: {
          ...extraHeaders,
          authorization: `Bearer ${this.#token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { kind: 'offline', reason: `The hub at ${this.#base} cannot be reached (${describe(error)}).` };
    }
    if (!response.ok) {
      const refusal = (await response.json().catch(() => null)) as HubErrorBody | null;
      return {
        kind: 'refused',
        status: response.status,
        code: refusal?.error?.code ?? 'internal',
        message: refusal?.error?.message ?? `The hub answered ${response.status}.`,
      };
    }
    const received = this.#now();
    const hubDate = Number(response.headers.get('x-hub-time'));
    // The hub's clock at the midpoint of the exchange, minus ours: good to a few milliseconds on a LAN.
    const offsetMs = Number.isFinite(hubDate) && hubDate > 0 ? hubDate - (sent + received) / 2 : 0;
    return { kind: 'ok', value: response, offsetMs };
  }
}

export type RawBootstrapLine =
  Extract<BootstrapLine, { kind: 'header' | 'end' }> | { readonly kind: 'state' | 'events'; readonly text: string };

/** Splits a byte stream at newlines without re-scanning what was already searched (lines are megabytes). */
async function* ndjsonLines(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let parts: Buffer[] = [];
  for await (const chunk of body) {
    let buffer = Buffer.from(chunk);
    let newline = buffer.indexOf(10);
    while (newline >= 0) {
      parts.push(buffer.subarray(0, newline));
      const line = Buffer.concat(parts).toString('utf8');
      parts = [];
      if (line) yield line;
      buffer = buffer.subarray(newline + 1);
      newline = buffer.indexOf(10);
    }
    if (buffer.length) parts.push(buffer);
  }
  if (parts.length) yield Buffer.concat(parts).toString('utf8');
}

function isLoopback(base: string): boolean {
  const host = new URL(base).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
