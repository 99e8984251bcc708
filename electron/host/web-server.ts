import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { EVENT_NAMES } from '#shared/contract.ts';
import type { Outcome } from '#shared/contract.ts';
import type { Core } from '#core/index.ts';
import { INCIDENT_FILE_PATH, serveIncidentFile } from './file-download.ts';
import { HttpRefusal, readBody, sameToken } from './http.ts';

/**
 * The browser-mode host (DESIGN §2): the renderer and the same contract over HTTP and WebSocket, for machines
 * without a desktop runtime and for end-to-end tests. Loopback only; every API call carries the per-start
 * token; Host and Origin must name this server, so another site or a DNS-rebinding page gets nothing.
 */
export interface WebHostOptions {
  readonly core: Core;
  /** The built renderer (`out/renderer`). */
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
  readonly maxBodyBytes?: number;
  /** How long a caller may take to send its headers, then its whole request (tests shorten them). */
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  readonly origin: string;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Browsers ask every site for /favicon.ico; it is the app's icon, kept with the others in resources/. */
const ICONS_DIR = path.resolve(import.meta.dirname, '..', '..', 'resources');

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine sets style attributes at run time.
    "style-src 'self' 'unsafe-inline'",
    // https images only ever appear inside a message's sandboxed frame, after the agent asked for them: the
    // sanitiser holds them back until then, and the frame's own policy allows them only from that moment.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...BASE_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function refusal(response: ServerResponse, error: HttpRefusal): void {
  const body: Outcome<never> = { ok: false, error: { code: error.code, message: error.message } };
  sendJson(response, error.status, body);
}

/** `incident%2Fcreate` and `incident/create` name the same entry; a broken escape names none. */
function decodeHandlerName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 1_048_576;
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  /** Host always, Origin when the browser sends one: both must be this server. */
  const checkCaller = (request: IncomingMessage) => {
    if (!allowedHosts().has(request.headers.host ?? '')) {
      throw new HttpRefusal(403, 'forbidden', 'Open the desk at the 127.0.0.1 address it printed.');
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      throw new HttpRefusal(403, 'forbidden', 'Requests from other sites are refused.');
    }
  };

  const checkToken = (request: IncomingMessage) => {
    const auth = request.headers.authorization;
    if (!sameToken(auth?.startsWith('Bearer ') ? auth.slice(7) : null, token)) {
      throw new HttpRefusal(
        401,
        'forbidden',
        'The desk token is missing or wrong. Open the address `desk web` printed.',
      );
    }
  };

  const serveApi = async (request: IncomingMessage, response: ServerResponse, name: string) => {
    if (request.method !== 'POST') throw new HttpRefusal(405, 'invalid_input', 'Use POST for desk calls.');
    checkToken(request);
    const text = (
      await readBody(
        request,
        maxBody,
        () => new HttpRefusal(413, 'invalid_input', `The request is larger than ${maxBody} bytes.`),
      )
    ).toString('utf8');
    let input: unknown;
    try {
      input = text ? JSON.parse(text) : null;
    } catch {
      throw new HttpRefusal(400, 'invalid_input', 'The request body is not JSON.');
    }
    sendJson(response, 200, await options.core.invoke(name, input));
  };

  const serveStatic = async (request: IncomingMessage, response: ServerResponse, pathname: string) => {
    const root = pathname === '/favicon.ico' ? ICONS_DIR : staticRoot;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HttpRefusal(405, 'invalid_input', 'Only GET is served here.');
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      // A broken escape such as "%E0%A4%A" is the caller's mistake, not the desk failing.
      throw new HttpRefusal(400, 'invalid_input', 'The address is not valid.');
    }
    let file = path.resolve(root, `.${decoded}`);
    if (!file.startsWith(root + path.sep) && file !== root) {
      throw new HttpRefusal(404, 'not_found', 'Not found.');
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      // Anything that is not an asset is the app itself (the renderer routes by hash).
      if (path.extname(file)) throw new HttpRefusal(404, 'not_found', 'Not found.');
      file = path.join(root, 'index.html');
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { ...BASE_HEADERS, 'content-type': type };
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = contentSecurityPolicy(port);
      headers['cache-control'] = 'no-store';
    } else {
      headers['cache-control'] = 'public, max-age=31536000, immutable';
    }
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  };

  // Calls under way when the host stops are answered before the workspace closes under them.
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  // Node looks for overdue requests only this often (30 s by default, which would double the timeouts).
  const connectionsCheckingInterval = Math.max(10, Math.min(headersTimeout, requestTimeout) / 4);
  const server = createServer({ connectionsCheckingInterval }, (request, response) => {
    const handle = async () => {
      if (stopping) throw new HttpRefusal(503, 'internal', 'The desk is stopping.', { connection: 'close' });
      checkCaller(request);
      const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (pathname.startsWith('/api/invoke/'))
        return serveApi(request, response, decodeHandlerName(pathname.slice('/api/invoke/'.length)));
      const file = INCIDENT_FILE_PATH.exec(pathname);
      if (file) {
        checkToken(request);
        return serveIncidentFile(options.core, response, file, request.method);
      }
      if (pathname.startsWith('/api/')) throw new HttpRefusal(404, 'unknown_handler', 'No such desk endpoint.');
      return serveStatic(request, response, pathname);
    };
    const call = handle().catch((error: unknown) => {
      if (error instanceof HttpRefusal) return refusal(response, error);
      if (!response.headersSent) refusal(response, new HttpRefusal(500, 'internal', 'The desk failed to answer.'));
      else response.destroy();
    });
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  });
  // A local program that sends a request slowly (or never finishes it) must not hold a connection for the
  // five minutes Node allows by default.
  server.headersTimeout = headersTimeout;
  server.requestTimeout = requestTimeout;

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (request, socket, head) => {
    // A reset or a broken frame on one socket closes that socket; with nobody listening, it would end the desk.
    socket.on('error', () => socket.destroy());
    try {
      if (stopping) throw new HttpRefusal(503, 'internal', 'The desk is stopping.');
      checkCaller(request);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/api/events' || !sameToken(url.searchParams.get('token'), token)) {
        throw new HttpRefusal(401, 'forbidden', 'Wrong token.');
      }
    } catch (error) {
      const status = error instanceof HttpRefusal ? error.status : 400;
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => {
      // A message over the limit, or an unmasked frame: this client is closed, the desk goes on.
      client.on('error', () => client.terminate());
      clients.add(client);
      client.on('close', () => clients.delete(client));
    });
  });

  const unsubscribers = EVENT_NAMES.map((event) =>
    options.core.subscribe(event, (payload) => {
      const message = JSON.stringify({ event, payload });
      for (const client of clients) client.send(message);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    token,
    origin,
    url: `${origin}/?token=${token}`,
    close: async () => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.allSettled([...inFlight]);
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const client of clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
