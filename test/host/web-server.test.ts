import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startWebHost } from '../../electron/host/web-server.ts';
import type { WebHost } from '../../electron/host/web-server.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore, tempDir } from '../helpers/temp-workspace.ts';
import type { TempCore, TempDir } from '../helpers/temp-workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SECRET = 'TOP-SECRET-OUTSIDE-THE-STATIC-FOLDER';
const INDEX = '<!doctype html><title>Incident Desk</title><script src="/app.js"></script>';
const MAX_BODY = 4_096;
const PORT_PLACEHOLDER = '{port}';

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface Call {
  readonly method?: string;
  readonly path: string;
  /** `null` leaves the header out entirely. */
  readonly host?: string | null;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Send the body in chunks without a Content-Length. */
  readonly chunked?: boolean;
}

describe('the browser-mode host', () => {
  let temp: TempCore;
  let folder: TempDir;
  let host: WebHost;

  const send = (options: Call): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.host !== null) headers.host = options.host ?? `127.0.0.1:${host.port}`;
      if (options.body !== undefined && !options.chunked) {
        headers['content-length'] = String(Buffer.byteLength(options.body));
      }
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: options.method ?? 'GET',
          path: options.path,
          headers,
          setHost: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (options.body !== undefined) {
        if (options.chunked) {
          const body = Buffer.from(options.body);
          for (let at = 0; at < body.length; at += 1_000) req.write(body.subarray(at, at + 1_000));
        } else {
          req.write(options.body);
        }
      }
      req.end();
    });

  const invoke = (name: string, body: string, headers: Record<string, string> = {}) =>
    send({
      method: 'POST',
      path: `/api/invoke/${name}`,
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json', ...headers },
      body,
    });

  const json = (answer: Answer) =>
    JSON.parse(answer.body) as { ok: boolean; value?: unknown; error?: { code: string } };

  beforeAll(async () => {
    temp = await openTempCore();
    folder = await tempDir('desk-web-');
    const staticDir = path.join(folder.path, 'static');
    await mkdir(path.join(staticDir, 'assets'), { recursive: true });
    await writeFile(path.join(staticDir, 'index.html'), INDEX);
    await writeFile(path.join(staticDir, 'app.js'), 'console.log("desk");');
    await writeFile(path.join(staticDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(folder.path, 'secret.txt'), SECRET);
    await writeFile(path.join(folder.path, 'secret'), SECRET);
    host = await startWebHost({ core: temp.core, staticDir, port: 0, maxBodyBytes: MAX_BODY });
  });

  afterAll(async () => {
    await host?.close();
    await temp?.dispose();
    await folder?.remove();
  });

  it('listens on 127.0.0.1 with a per-start token in the address it prints', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  describe('the API', () => {
    it('answers a good call with the handler’s outcome', async () => {
      const answer = await invoke(
        'session/register',
        JSON.stringify({ name: 'Alex Morgan', email: 'alex@desk.example' }),
      );
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json');
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(json(answer)).toMatchObject({ ok: true, value: { agent: { name: 'Alex Morgan', role: 'supervisor' } } });
      expect(json(await invoke('session/get', '{}'))).toMatchObject({ ok: true, value: { workspace: { agents: 1 } } });
    });

    const authorizations: [string, (token: string) => string | null][] = [
      ['no token', () => null],
      ['an empty bearer', () => 'Bearer '],
      ['a wrong token', () => 'Bearer guess'],
      ['a wrong token of the same length', (token) => `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`],
      ['the token with another scheme', (token) => `Basic ${token}`],
      ['the token with extra text', (token) => `Bearer ${token}x`],
      ['the token without a scheme', (token) => token],
    ];
    for (const [what, authorization] of authorizations) {
      it(`refuses ${what} with 401`, async () => {
        const value = authorization(host.token);
        const answer = await send({
          method: 'POST',
          path: '/api/invoke/session/get',
          headers: { 'content-type': 'application/json', ...(value === null ? {} : { authorization: value }) },
          body: '{}',
        });
        expect(answer.status).toBe(401);
        expect(json(answer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      });
    }

    it('does not take the token from the address for API calls', async () => {
      const answer = await send({ method: 'POST', path: `/api/invoke/session/get?token=${host.token}`, body: '{}' });
      expect(answer.status).toBe(401);
    });

    const hosts: [string, string | null][] = [
      ['another site', `evil.example:${PORT_PLACEHOLDER}`],
      ['another port', '127.0.0.1:1'],
      ['no port', '127.0.0.1'],
      ['a rebinding name', `desk.attacker.example:${PORT_PLACEHOLDER}`],
      ['no Host at all', null],
    ];
    for (const [what, value] of hosts) {
      it(`refuses a Host header naming ${what}, for the API and the page`, async () => {
        const hostHeader = value?.replace(PORT_PLACEHOLDER, String(host.port)) ?? null;
        const api = await send({
          method: 'POST',
          path: '/api/invoke/session/get',
          host: hostHeader,
          headers: { authorization: `Bearer ${host.token}` },
          body: '{}',
        });
        const page = await send({ path: '/', host: hostHeader });
        if (hostHeader === null) {
          // Node's HTTP parser already answers 400 to an HTTP/1.1 request without a Host.
          expect(api.status).toBe(400);
          expect(page.status).toBe(400);
        } else {
          expect(api.status).toBe(403);
          expect(json(api).error?.code).toBe('forbidden');
          expect(page.status).toBe(403);
        }
        expect(api.body).not.toContain('workspace');
        expect(page.body).not.toContain('Incident Desk');
      });
    }

    it('accepts localhost as well as 127.0.0.1', async () => {
      const answer = await send({
        method: 'POST',
        path: '/api/invoke/session/get',
        host: `localhost:${host.port}`,
        headers: { authorization: `Bearer ${host.token}`, origin: `http://localhost:${host.port}` },
        body: '{}',
      });
      expect(answer.status).toBe(200);
    });

    for (const origin of [
      'http://evil.example',
      'null',
      'http://127.0.0.1:1',
      `https://127.0.0.1:${PORT_PLACEHOLDER}`,
    ]) {
      it(`refuses calls from the foreign origin ${origin} with 403`, async () => {
        const answer = await invoke('session/get', '{}', {
          origin: origin.replace(PORT_PLACEHOLDER, String(host.port)),
        });
        expect(answer.status).toBe(403);
        expect(json(answer).error?.code).toBe('forbidden');
      });
    }

    it('refuses an oversized body with 413, whether it says its size or not', async () => {
      const big = JSON.stringify({ text: 'x'.repeat(MAX_BODY) });
      const declared = await invoke('contact/search', big);
      expect(declared.status).toBe(413);
      expect(json(declared).error?.code).toBe('invalid_input');
      const streamed = await send({
        method: 'POST',
        path: '/api/invoke/contact/search',
        headers: { authorization: `Bearer ${host.token}` },
        body: big,
        chunked: true,
      });
      expect(streamed.status).toBe(413);
      // Just under the limit is fine.
      const fits = await invoke('contact/search', `{"text":"ann"}${' '.repeat(MAX_BODY - 20)}`);
      expect(fits.status).toBe(200);
    });

    for (const body of ['not json', '{"text":', "{'text':'x'}", '\u0000']) {
      it(`answers a body that is not JSON (${JSON.stringify(body)}) with 400 invalid_input`, async () => {
        const answer = await invoke('contact/search', body);
        expect(answer.status).toBe(400);
        expect(json(answer)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      });
    }

    it('passes JSON that breaks the contract to the boundary, which refuses it', async () => {
      for (const body of ['', 'null', '42', '[]', '{"bogus":true}']) {
        const answer = await invoke('session/get', body);
        expect(answer.status, body).toBe(200);
        expect(json(answer), body).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    });

    it('answers unknown handlers and endpoints as such', async () => {
      const unknown = await invoke('incident/delete', '{}');
      expect(unknown.status).toBe(200);
      expect(json(unknown)).toMatchObject({ ok: false, error: { code: 'unknown_handler' } });
      const proto = await invoke('__proto__', '{}');
      expect(json(proto).error?.code).toBe('unknown_handler');
      const endpoint = await send({
        method: 'POST',
        path: '/api/other',
        headers: { authorization: `Bearer ${host.token}` },
      });
      expect(endpoint.status).toBe(404);
      expect(json(endpoint).error?.code).toBe('unknown_handler');
    });

    it('takes calls only as POST', async () => {
      const answer = await send({
        path: '/api/invoke/session/get',
        headers: { authorization: `Bearer ${host.token}` },
      });
      expect(answer.status).toBe(405);
    });
  });

  describe('the events socket', () => {
    const connect = (query: string, headers: Record<string, string> = {}) =>
      new Promise<{ socket: WebSocket } | { refused: number }>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/events${query}`, {
          headers: { origin: host.origin, ...headers },
        });
        socket.once('open', () => resolve({ socket }));
        socket.once('unexpected-response', (_req, res) => {
          resolve({ refused: res.statusCode ?? 0 });
          socket.terminate();
        });
        socket.once('error', (error) => {
          if (!/Unexpected server response|socket hang up/.test(error.message)) reject(error);
        });
      });

    it('refuses a missing or wrong token, a foreign origin and another path', async () => {
      expect(await connect('')).toEqual({ refused: 401 });
      expect(await connect('?token=wrong')).toEqual({ refused: 401 });
      expect(await connect(`?token=${host.token}`, { origin: 'http://evil.example' })).toEqual({ refused: 403 });
      const elsewhere = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/other?token=${host.token}`, {
          headers: { origin: host.origin },
        });
        socket.once('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          socket.terminate();
        });
        socket.once('error', () => {});
      });
      expect(elsewhere).toBe(401);
    });

    it('delivers data/changed after a command', async () => {
      const connected = await connect(`?token=${host.token}`);
      if (!('socket' in connected)) throw new Error(`refused with ${connected.refused}`);
      const { socket } = connected;
      try {
        // Other events (sync status) may come too; the one that matters here is data/changed.
        const message = new Promise<unknown>((resolve) =>
          socket.on('message', (data: Buffer) => {
            const parsed = JSON.parse(data.toString()) as { event: string };
            if (parsed.event === 'data/changed') resolve(parsed);
          }),
        );
        const created = json(
          await invoke(
            'incident/create',
            JSON.stringify({ title: 'Printer jams', channel: 'phone', impact: 3, urgency: 2 }),
          ),
        ) as { ok: true; value: { incident: { id: string } } };
        expect(created.ok).toBe(true);
        expect(await message).toEqual({
          event: 'data/changed',
          payload: { incidentIds: [created.value.incident.id], reference: false, inbox: false, notifications: false },
        });
      } finally {
        socket.close();
      }
    });
  });

  describe('the static files', () => {
    it('serves the app with a Content-Security-Policy on HTML', async () => {
      for (const page of ['/', '/index.html', '/queue', '/incidents/123']) {
        const answer = await send({ path: page });
        expect(answer.status, page).toBe(200);
        expect(answer.body, page).toBe(INDEX);
        expect(answer.headers['content-type'], page).toBe('text/html; charset=utf-8');
        const csp = String(answer.headers['content-security-policy']);
        expect(csp, page).toContain("default-src 'self'");
        expect(csp, page).toContain("script-src 'self'");
        expect(csp, page).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(csp, page).toContain("frame-ancestors 'none'");
        expect(csp, page).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
        expect(answer.headers['x-content-type-options'], page).toBe('nosniff');
      }
      const script = await send({ path: '/app.js' });
      expect(script.status).toBe(200);
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(script.headers['x-content-type-options']).toBe('nosniff');
      expect((await send({ path: '/assets/logo.svg' })).headers['content-type']).toBe('image/svg+xml');
      expect((await send({ path: '/missing.js' })).status).toBe(404);
    });

    const TRAVERSALS = [
      '/../secret.txt',
      '/../../package.json',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/..%5csecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%252fsecret.txt',
      '/.%2e/secret.txt',
      '/..%2fsecret',
      '/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..\\secret.txt',
      '//etc/passwd',
      '/%00../secret.txt',
      `/${'..%2f'.repeat(12)}etc%2fpasswd`,
    ];
    for (const traversal of TRAVERSALS) {
      it(`does not leave the static folder for ${traversal}`, async () => {
        const answer = await send({ path: traversal });
        expect(answer.body).not.toContain(SECRET);
        expect(answer.body).not.toContain('"name": "incident-desk"');
        expect(answer.body).not.toContain('root:');
        expect([200, 400, 404]).toContain(answer.status);
        if (answer.status === 200) expect(answer.body).toBe(INDEX);
      });
    }

    it('answers a malformed address with a client error, not an internal one', async () => {
      for (const bad of ['/%E0%A4%A', '/%', '/app%zz.js']) {
        const answer = await send({ path: bad });
        expect(answer.status, bad).toBeGreaterThanOrEqual(400);
        expect(answer.status, bad).toBeLessThan(500);
      }
    });

    it('answers /favicon.ico with the app’s icon from resources/, which the built app does not carry', async () => {
      const answer = await fetch(`${host.origin}/favicon.ico`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('image/x-icon');
      const icon = Buffer.from(await answer.arrayBuffer());
      expect(icon.equals(await readFile(path.join(ROOT, 'resources', 'favicon.ico')))).toBe(true);
      // An ICONDIR header (reserved 0, type 1 = icon) with the 16, 32 and 48 pixel images.
      expect([icon.readUInt16LE(0), icon.readUInt16LE(2), icon.readUInt16LE(4)]).toEqual([0, 1, 3]);
      expect((await send({ path: '/favicon.ico', host: 'desk.example' })).status).toBe(403);
    });

    it('serves files only to GET and HEAD', async () => {
      const head = await send({ method: 'HEAD', path: '/' });
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
      expect((await send({ method: 'PUT', path: '/index.html', body: 'x' })).status).toBe(405);
    });
  });

  it('keeps working after all of that', async () => {
    const page = await call(temp.core, 'queue/page', {
      filter: {},
      sort: { column: 'number', direction: 'asc' },
      offset: 0,
      limit: 10,
    });
    const viaHttp = json(
      await invoke(
        'queue/page',
        JSON.stringify({ filter: {}, sort: { column: 'number', direction: 'asc' }, offset: 0, limit: 10 }),
      ),
    );
    expect(viaHttp).toEqual({ ok: true, value: page });
  });
});
