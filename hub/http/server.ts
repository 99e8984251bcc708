import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { DeskError } from '#shared/errors.ts';
import { isLoopbackHost } from '#shared/loopback.ts';
import { AdminError } from '../auth/accounts.ts';
import { TokenIndex } from '../auth/token-index.ts';
import { DatabaseListener } from '../db/listener.ts';
import { withTeamLock } from '../sync/team-log.ts';
import type { TeamLog } from '../sync/team-log.ts';
import { acceptEventSockets } from './events-socket.ts';
import { createGate } from './gate.ts';
import { Pokes } from './pokes.ts';
import { HubRefusal } from './refusal.ts';
import { hubRoutes, send } from './routes.ts';

export interface HubServerOptions {
  readonly pool: pg.Pool;
  readonly host: string;
  readonly port: number;
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer } | undefined;
  readonly now?: () => number;
  readonly maxBodyBytes?: number;
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
  /** Refused tokens allowed per client address, before that address's unknown tokens are refused unchecked. */
  readonly authFailureLimit?: { readonly perSecond: number; readonly burst: number };
  /** How pushes write the team's log: under the team lock, unless a test asks for a broken variant. */
  readonly teamLog?: TeamLog;
  /** How long requests under way may take to finish when the hub stops, before their connections are cut. */
  readonly stopGraceMs?: number;
  readonly log?: (line: string) => void;
}

export interface HubServer {
  readonly url: string;
  readonly port: number;
  readonly pokes: Pokes;
  /**
   * Reads the valid tokens again now, for a token issued in this process straight on the database (the
   * `desk_tokens` notification would bring it too, a moment later).
   */
  reloadTokens(): Promise<void>;
  /**
   * Stops in order: refuses new requests, lets those under way finish (within the grace period), closes the
   * devices' sockets and the database listener. The caller ends the pool afterwards.
   */
  close(): Promise<void>;
}

/** The plain-HTTP rule, checked by the hub and by `desk hub` before it starts anything. */
export function plainHttpRefusal(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return (
    `The hub serves plain HTTP only on loopback, so that device tokens never cross the network in clear. ` +
    `To listen on ${host}, give it a TLS certificate and key (--tls-cert FILE --tls-key FILE).`
  );
}

/**
 * The hub's HTTP API under /v1/ and its WebSocket for pokes. Every request but the health check carries a
 * device token; everything it reads or writes is confined to that token's team.
 */
export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const refusal = options.tls ? null : plainHttpRefusal(options.host);
  if (refusal) throw new DeskError('invalid_input', refusal);
  const { pool } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const pokes = new Pokes();
  const tokens = new TokenIndex(pool, log);
  const listener = new DatabaseListener(
    pool,
    { desk_poke: (teamId) => pokes.poke(teamId), desk_tokens: () => void tokens.reload() },
    {
      log,
      onResume: () => {
        pokes.pokeEveryone();
        void tokens.reload();
      },
    },
  );
  await listener.start();
  await tokens.reload();

  const gate = createGate({
    pool,
    tokens,
    now,
    rateLimit: options.rateLimit ?? { perSecond: 50, burst: 200 },
    authFailureLimit: options.authFailureLimit ?? { perSecond: 2, burst: 30 },
  });
  const routes = hubRoutes({
    pool,
    teamLog: options.teamLog ?? withTeamLock,
    now,
    maxBodyBytes: options.maxBodyBytes ?? 4 * 1024 * 1024,
    gate,
    tokensChanged: () => tokens.reload(),
  });

  // Requests under way, so that stopping can wait for them to commit or roll back before the pool ends.
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  const answerFailure = (response: ServerResponse, error: unknown) => {
    if (response.headersSent) return void response.destroy();
    if (error instanceof HubRefusal) {
      const headers: Record<string, string> =
        error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
      // A body refused halfway leaves the rest of it unread on the connection, which then answers nothing
      // more: the device's next request would hang until the keep-alive timeout. Close it instead.
      if (error.code === 'too_large' || error.code === 'unavailable') headers.connection = 'close';
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
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    // Every answer says what time the hub thinks it is, so workstations can correct their clocks' error.
    response.setHeader('x-hub-time', String(now()));
    const call = (async () => {
      if (stopping) throw new HubRefusal(503, 'unavailable', 'The hub is stopping; try again in a moment.', 5);
      let url: URL;
      try {
        url = new URL(request.url ?? '/', 'http://hub');
      } catch {
        throw new HubRefusal(400, 'invalid_request', 'The request names no address the hub understands.');
      }
      const route = routes[`${request.method} ${url.pathname}`];
      if (!route) throw new HubRefusal(404, 'not_found', `No ${request.method} ${url.pathname} on this hub.`);
      await route(request, response, url);
    })().catch((error: unknown) => answerFailure(response, error));
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  };

  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handle)
    : createHttpServer(handle);
  // A device that opens a connection and then dribbles its headers must not hold it for a minute.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  const events = acceptEventSockets(server, { gate, pokes });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      // Listening, a failure to accept one connection (out of file handles) is that connection's, not the hub's.
      server.on('error', (error) => log(`hub: ${error.message}`));
      resolve();
    });
  }).catch(async (error: unknown) => {
    events.close();
    await listener.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const scheme = options.tls ? 'https' : 'http';
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const grace = options.stopGraceMs ?? 10_000;
  return {
    url: `${scheme}://${host}:${port}`,
    port,
    pokes,
    reloadTokens: () => tokens.reload(),
    close: async () => {
      stopping = true;
      events.stopAccepting();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, grace)));
      await Promise.race([Promise.allSettled([...inFlight]), graceOver]);
      clearTimeout(timer);
      pokes.close();
      events.close();
      server.closeAllConnections();
      await closed;
      await listener.close();
      await tokens.settled();
    },
  };
}
