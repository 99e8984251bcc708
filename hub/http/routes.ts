import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import type { z } from 'zod';
import { addHubAgentInput, issueHubTokenInput } from '#shared/domain/sync-status.ts';
import { leaseRequestSchema, pullQuerySchema, pushRequestSchema } from '#shared/sync.ts';
import type { WhoAmI } from '#shared/sync.ts';
import { addAccount, issueTokenFor, listAccounts } from '../auth/accounts.ts';
import type { Principal } from '../auth/tokens.ts';
import { bootstrap } from '../sync/bootstrap.ts';
import { claimLease, releaseLease } from '../sync/lease.ts';
import { bindDevice } from '../sync/ownership.ts';
import { pull } from '../sync/pull.ts';
import { push } from '../sync/push.ts';
import type { TeamLog } from '../sync/team-log.ts';
import { HubRefusal } from './refusal.ts';

export type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

export interface RouteContext {
  readonly pool: pg.Pool;
  readonly teamLog: TeamLog;
  readonly now: () => number;
  readonly maxBodyBytes: number;
  readonly gate: (request: IncomingMessage) => Promise<Principal>;
  /** Reads the valid tokens again, so a token this hub just issued is known before its owner uses it. */
  readonly tokensChanged: () => Promise<void>;
}

export function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
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

/** The /v1/ API: every route but the health check starts by asking the gate who is calling. */
export function hubRoutes(context: RouteContext): Record<string, Route> {
  const { pool, now, gate } = context;
  const requireAdmin = async (request: IncomingMessage) => {
    const principal = await gate(request);
    if (principal.role !== 'admin')
      throw new HubRefusal(403, 'forbidden', 'Only a team admin can manage agents and tokens.');
    return principal;
  };

  return {
    'GET /v1/health': async (_request, response) => send(response, 200, { ok: true, hubTime: now() }),
    'GET /v1/whoami': async (request, response) => {
      const p = await gate(request);
      const body: WhoAmI = {
        team: { id: p.teamId, name: p.teamName },
        account: { id: p.accountId, email: p.email, name: p.name, role: p.role },
        hubTime: now(),
      };
      send(response, 200, body);
    },
    'POST /v1/push': async (request, response) => {
      const principal = await gate(request);
      const body = parse(pushRequestSchema, await readJson(request, context.maxBodyBytes));
      send(response, 200, await push(pool, context.teamLog, principal, body.device, body.changes, now()));
    },
    'GET /v1/pull': async (request, response, url) => {
      const principal = await gate(request);
      const query = parse(pullQuerySchema, Object.fromEntries(url.searchParams));
      send(response, 200, await pull(pool, principal, query.after, query.limit, query.device, now()));
    },
    'GET /v1/bootstrap': async (request, response) =>
      streamBootstrap(pool, await gate(request), request, response, now),
    'POST /v1/lease': async (request, response) => {
      const principal = await gate(request);
      const body = parse(leaseRequestSchema, await readJson(request, 4096));
      if (!(await bindDevice(pool, principal.teamId, body.device, principal.accountId))) {
        throw new HubRefusal(403, 'forbidden', `Device ${body.device} is another agent's workstation.`);
      }
      const claimant = { ...principal, device: body.device };
      send(response, 200, await (body.release ? releaseLease : claimLease)(pool, claimant, now()));
    },
    'GET /v1/admin/accounts': async (request, response) => {
      const principal = await requireAdmin(request);
      send(response, 200, { accounts: await listAccounts(pool, principal.teamId) });
    },
    'POST /v1/admin/accounts': async (request, response) => {
      const principal = await requireAdmin(request);
      const body = parse(addHubAgentInput, await readJson(request, 16_384));
      send(response, 201, { account: await addAccount(pool, principal.teamId, body, now()) });
    },
    'POST /v1/admin/tokens': async (request, response) => {
      const principal = await requireAdmin(request);
      const body = parse(issueHubTokenInput, await readJson(request, 16_384));
      const token = await issueTokenFor(pool, principal.teamId, body.email, body.label);
      await context.tokensChanged();
      send(response, 201, { token });
    },
  };
}

async function streamBootstrap(
  pool: pg.Pool,
  principal: Principal,
  request: IncomingMessage,
  response: ServerResponse,
  now: () => number,
): Promise<void> {
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
}
