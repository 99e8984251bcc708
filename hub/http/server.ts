import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import { leaseRequestSchema, pullQuerySchema, pushRequestSchema } from '#shared/sync.ts';
import type { HubErrorCode, WhoAmI } from '#shared/sync.ts';
import { addAccount, AdminError, HUB_ROLES, issueTokenFor, listAccounts } from '../auth/accounts.ts';
import { authenticate } from '../auth/tokens.ts';
import type { Principal } from '../auth/tokens.ts';
import { bootstrap } from '../sync/bootstrap.ts';
import { claimLease, releaseLease } from '../sync/lease.ts';
import { pull } from '../sync/pull.ts';
import { push } from '../sync/push.ts';
import { withTeamLock } from '../sync/team-log.ts';
import type { TeamLog } from '../sync/team-log.ts';
import { Pokes } from './pokes.ts';
import { RateLimiter } from './rate-limit.ts';

export interface HubServerOptions {
  readonly pool: pg.Pool;
  readonly host: string;
  readonly port: number;
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer } | undefined;
  readonly now?: () => number;
  readonly maxBodyBytes?: number;
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
  /** Refused tokens allowed per client address, before the address must wait. */
  readonly authFailureLimit?: { readonly perSecond: number; readonly burst: number };
  /** How pushes write the team's log: under the team lock, unless a test asks for a broken variant. */
  readonly teamLog?: TeamLog;
}

export interface HubServer {
  readonly url: string;
  readonly port: number;
  readonly pokes: Pokes;
  close(): Promise<void>;
}

class HubRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: HubErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  const tooLarge = () =>
    new HubRefusal(413, 'too_large', `The request is larger than the hub accepts (${limit} bytes).`);
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HubRefusal(400, 'invalid_request', 'The request body is not JSON.');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new HubRefusal(400, 'invalid_request', `${where}${issue?.message ?? 'invalid request'}`);
  }
  return result.data;
}

const addAccountSchema = z.strictObject({
  email: z.string().min(3).max(254),
  name: z.string().min(1).max(120),
  role: z.enum(HUB_ROLES),
});
const issueTokenSchema = z.strictObject({
  email: z.string().min(3).max(254),
  label: z.string().max(120).default('device'),
});

/**
 * The hub's HTTP API under /v1/ and its WebSocket for pokes. Every request but the health check carries a
 * device token; everything it reads or writes is confined to that token's team.
 */
export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  if (!options.tls && !LOOPBACK.has(options.host)) {
    throw new Error(
      `The hub serves plain HTTP only on loopback. To listen on ${options.host}, give it a TLS certificate and key.`,
    );
  }
  const { pool } = options;
  const now = options.now ?? Date.now;
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const failures = new RateLimiter({ ...(options.authFailureLimit ?? { perSecond: 2, burst: 30 }), now });
  const limiter = new RateLimiter({ ...(options.rateLimit ?? { perSecond: 50, burst: 200 }), now });
  const teamLog = options.teamLog ?? withTeamLock;
  const pokes = new Pokes();
  await pokes.listen(pool);

  const principalOf = async (request: IncomingMessage): Promise<Principal> => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new HubRefusal(401, 'unauthorized', 'Send the device token as "Authorization: Bearer …".');
    // Guessing tokens costs a database query each: failures are limited per address before any is made.
    const address = request.socket.remoteAddress ?? 'unknown';
    if (!failures.take(address, false)) {
      throw new HubRefusal(429, 'rate_limited', 'Too many refused tokens from this address; wait and retry.', 10);
    }
    const principal = await authenticate(pool, token);
    if (!principal) {
      failures.take(address);
      throw new HubRefusal(401, 'unauthorized', 'This device token is not valid on this hub (wrong, or revoked).');
    }
    if (!limiter.take(principal.tokenId)) {
      const wait = limiter.retryAfter(principal.tokenId);
      throw new HubRefusal(429, 'rate_limited', 'Too many requests from this device; slow down and retry.', wait);
    }
    return principal;
  };

  const requireAdmin = (principal: Principal) => {
    if (principal.role !== 'admin')
      throw new HubRefusal(403, 'forbidden', 'Only a team admin can manage agents and tokens.');
  };

  const routes: Record<string, (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>> = {
    'GET /v1/health': async (_request, response) => send(response, 200, { ok: true, hubTime: now() }),
    'GET /v1/whoami': async (request, response) => {
      const p = await principalOf(request);
      const body: WhoAmI = {
        team: { id: p.teamId, name: p.teamName },
        account: { id: p.accountId, email: p.email, name: p.name, role: p.role },
        hubTime: now(),
      };
      send(response, 200, body);
    },
    'POST /v1/push': async (request, response) => {
      const principal = await principalOf(request);
      const body = parse(pushRequestSchema, await readJson(request, maxBody));
      send(response, 200, await push(pool, teamLog, principal, body.device, body.changes, now()));
    },
    'GET /v1/pull': async (request, response, url) => {
      const principal = await principalOf(request);
      const query = parse(pullQuerySchema, Object.fromEntries(url.searchParams));
      send(response, 200, await pull(pool, principal.teamId, query.after, query.limit, query.device, now()));
    },
    'GET /v1/bootstrap': async (request, response) => {
      const principal = await principalOf(request);
      // Mostly repeated ids and field names: compressed, a team's state is a fraction of the size on the
      // wire. Devices on the hub's own machine ask for it plain, which spares both sides the CPU.
      const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      response.writeHead(200, {
        'content-type': 'application/x-ndjson',
        'cache-control': 'no-store',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      const compressor = gzip ? createGzip({ level: 1 }) : null;
      compressor?.pipe(response);
      const sink: Writable = compressor ?? response;
      await bootstrap(
        pool,
        { id: principal.teamId, name: principal.teamName },
        (line) =>
          new Promise<void>((resolve, reject) => {
            // A device that gives up halfway never drains: waiting for it would hold a database connection
            // and an open snapshot forever, and a handful of such devices would leave the hub unable to answer.
            const gone = () => reject(new Error('The device closed the bootstrap stream.'));
            if (response.destroyed || response.writableEnded) return gone();
            if (sink.write(`${line}\n`)) return resolve();
            const drained = () => {
              response.off('close', closed);
              resolve();
            };
            const closed = () => {
              sink.off('drain', drained);
              gone();
            };
            sink.once('drain', drained);
            response.once('close', closed);
          }),
        now(),
      ).catch((error: unknown) => {
        compressor?.destroy();
        throw error;
      });
      sink.end();
    },
    'POST /v1/lease': async (request, response) => {
      const principal = await principalOf(request);
      const body = parse(leaseRequestSchema, await readJson(request, 4096));
      const answer = body.release
        ? await releaseLease(pool, principal.teamId, body.device, now())
        : await claimLease(pool, principal.teamId, principal.accountId, body.device, now());
      send(response, 200, answer);
    },
    'GET /v1/admin/accounts': async (request, response) => {
      const principal = await principalOf(request);
      requireAdmin(principal);
      send(response, 200, { accounts: await listAccounts(pool, principal.teamId) });
    },
    'POST /v1/admin/accounts': async (request, response) => {
      const principal = await principalOf(request);
      requireAdmin(principal);
      const body = parse(addAccountSchema, await readJson(request, 16_384));
      send(response, 201, { account: await addAccount(pool, principal.teamId, body, now()) });
    },
    'POST /v1/admin/tokens': async (request, response) => {
      const principal = await principalOf(request);
      requireAdmin(principal);
      const body = parse(issueTokenSchema, await readJson(request, 16_384));
      send(response, 201, { token: await issueTokenFor(pool, principal.teamId, body.email, body.label) });
    },
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    // Every answer says what time the hub thinks it is, so workstations can correct their clocks' error.
    response.setHeader('x-hub-time', String(now()));
    const url = new URL(request.url ?? '/', 'http://hub');
    const route = routes[`${request.method} ${url.pathname}`];
    const run = route
      ? route(request, response, url)
      : Promise.reject(new HubRefusal(404, 'not_found', `No ${request.method} ${url.pathname} on this hub.`));
    run.catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof HubRefusal) {
        const headers: Record<string, string> =
          error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
        // A body refused halfway leaves the rest of it unread on the connection, which then answers nothing
        // more: the device's next request would hang until the keep-alive timeout. Close it instead.
        if (error.code === 'too_large') headers.connection = 'close';
        return send(response, error.status, { error: { code: error.code, message: error.message } }, headers);
      }
      if (error instanceof AdminError) {
        const status = error.code === 'not_found' ? 404 : error.code === 'conflict' ? 409 : 400;
        return send(response, status, {
          error: { code: error.code === 'conflict' ? 'invalid_request' : error.code, message: error.message },
        });
      }
      console.error('hub: request failed', error);
      send(response, 500, { error: { code: 'internal', message: 'The hub failed to answer; it has been logged.' } });
    });
  };

  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handle)
    : createHttpServer(handle);
  server.requestTimeout = 120_000;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://hub');
    if (url.pathname !== '/v1/events') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    principalOf(request).then(
      (principal) =>
        sockets.handleUpgrade(request, socket, head, (client) => {
          pokes.add(principal.teamId, client);
          client.on('message', () => {}); // pokes only go one way
        }),
      (error: unknown) => {
        const status = error instanceof HubRefusal ? error.status : 500;
        socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\n\r\n`);
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const scheme = options.tls ? 'https' : 'http';
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${scheme}://${host}:${port}`,
    port,
    pokes,
    close: async () => {
      await pokes.close();
      sockets.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
