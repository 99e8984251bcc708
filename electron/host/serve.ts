import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertHook, Core } from '#core/index.ts';
import { HttpRefusal, readBody, sameToken } from './http.ts';

/**
 * The headless host's HTTP side (DESIGN §2): monitoring systems post their alert notifications here. Every
 * call carries the webhook token; bodies are JSON and bounded; the answer says what the desk did or, when it
 * refuses, why, and a refused call writes nothing. Plain HTTP on loopback by default: listening beyond this
 * computer must be asked for, and TLS belongs to a proxy in front (it is not done here).
 */
export interface ServeHostOptions {
  /** Where notifications go: the core's entry for them. */
  readonly receiveAlerts: Core['receiveAlerts'];
  /** What callers send as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** 127.0.0.1 unless told otherwise. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Required for an address other than loopback, so nobody exposes the desk by a typo. */
  readonly allowRemote?: boolean;
  readonly maxBodyBytes?: number;
  readonly logger?: { error(message: string, error: unknown): void };
}

export interface ServeHost {
  readonly host: string;
  readonly port: number;
  /** `http://127.0.0.1:8470`, without a trailing slash. */
  readonly origin: string;
  close(): Promise<void>;
}

/** Alertmanager sends every alert of a group in one call; a few MB holds thousands of them. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Shortest token accepted from a --token-file: anything shorter could be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** The endpoints, by path: the path says which sender's format to expect. */
export const HOOKS: ReadonlyMap<string, AlertHook> = new Map([
  ['/hooks/alertmanager', 'alertmanager'],
  ['/hooks/grafana', 'grafana'],
]);

export function isLoopbackAddress(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  response.writeHead(status, { ...BASE_HEADERS, ...headers });
  response.end(JSON.stringify(body));
}

const ENDPOINTS_HINT = 'Alerts go to POST /hooks/alertmanager or POST /hooks/grafana.';
const TOKEN_HINT = 'Send the token desk serve printed at its first start as "Authorization: Bearer <token>".';

function checkToken(header: string | undefined, token: string): void {
  const challenge = { 'www-authenticate': 'Bearer realm="incident-desk"' };
  if (!header) throw new HttpRefusal(401, 'forbidden', `The webhook token is missing. ${TOKEN_HINT}`, challenge);
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!given) {
    throw new HttpRefusal(401, 'forbidden', `Only a bearer token is accepted here. ${TOKEN_HINT}`, challenge);
  }
  if (!sameToken(given, token)) throw new HttpRefusal(401, 'forbidden', 'The webhook token is wrong.', challenge);
}

function checkJson(contentType: string | undefined): void {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpRefusal(
      415,
      'invalid_input',
      `Send the notification as JSON (Content-Type: application/json), not ${type || 'without a type'}.`,
    );
  }
}

function refusalFor(error: unknown): HttpRefusal | null {
  return error instanceof HttpRefusal ? error : null;
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export async function startServeHost(options: ServeHostOptions): Promise<ServeHost> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackAddress(host) && !options.allowRemote) {
    throw new Error(`${host} is not a loopback address; listening there must be allowed explicitly.`);
  }
  if (options.token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`The webhook token must be at least ${MIN_TOKEN_LENGTH} characters.`);
  }
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const receive = async (request: IncomingMessage, response: ServerResponse) => {
    const { pathname } = new URL(request.url ?? '/', 'http://desk.invalid');
    const hook = HOOKS.get(pathname);
    if (!hook) throw new HttpRefusal(404, 'not_found', `There is nothing at ${pathname}. ${ENDPOINTS_HINT}`);
    checkToken(request.headers.authorization, options.token);
    if (request.method !== 'POST') {
      throw new HttpRefusal(405, 'invalid_input', `Use POST for ${pathname}.`, { allow: 'POST' });
    }
    checkJson(request.headers['content-type']);
    const raw = await readBody(
      request,
      maxBody,
      () =>
        new HttpRefusal(413, 'invalid_input', `The body is larger than ${maxBody} bytes; nothing was stored.`, {
          connection: 'close',
        }),
    );
    const outcome = await options.receiveAlerts(hook, raw);
    if (outcome.kind === 'refused') {
      // Not JSON is a broken request; JSON that is not alerts is a request the desk understood and refuses.
      throw new HttpRefusal(outcome.problem === 'not_json' ? 400 : 422, 'invalid_input', outcome.message);
    }
    sendJson(response, 202, { ok: true, value: outcome.receipt });
  };

  // Calls under way when the host stops are finished (committed or rolled back) before the store closes.
  const inFlight = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    const call = receive(request, response).catch((error: unknown) => {
      const refusal = refusalFor(error);
      if (!refusal) options.logger?.error(`Receiving ${request.method} ${request.url} failed`, error);
      const answer =
        refusal ?? new HttpRefusal(500, 'internal', 'The desk failed to store the notification; nothing was stored.');
      if (response.headersSent) return void response.destroy();
      const body = { ok: false, error: { code: answer.code, message: answer.message } };
      sendJson(response, answer.status, body, answer.headers);
    });
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  });
  // A sender that opens a connection and dribbles bytes must not hold it for the default five minutes.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    origin: `http://${urlHost(host)}:${port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all([...inFlight]);
      server.closeAllConnections();
      await closed;
    },
  };
}
