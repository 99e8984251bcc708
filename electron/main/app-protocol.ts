import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';

/**
 * The built renderer is served as `app://desk/…` rather than from `file://`: a response of our own carries the
 * Content-Security-Policy header (a `file://` page gets none, and `onHeadersReceived` does not see it), the page
 * has a real origin for 'self' to mean, and it can reach no other file on the disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Registered before the app is ready (Electron's rule): a standard scheme, so relative URLs and 'self' work
 * as on the web; secure, so the page is a secure context; fetch for the module scripts the build emits.
 * Not `bypassCSP`: the policy applies to this scheme like any other.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The file of the built renderer that `url` names, or null for anything else: another scheme or host, a path
 * that leaves the renderer folder (`..`, encoded or not), or one that does not decode. A path without an
 * extension is the page itself (the renderer routes by hash).
 */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  if (target.protocol !== `${APP_SCHEME}:` || target.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(target.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname}`);
  if (!file.startsWith(root + path.sep)) return file === root ? path.join(root, 'index.html') : null;
  return path.extname(file) ? file : path.join(root, 'index.html');
}

export interface RendererServing {
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string;
  readonly contentSecurityPolicy: string;
}

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** The handler for `protocol.handle(APP_SCHEME, …)`: the renderer's files, each with our policy, nothing else. */
export function serveRenderer(serving: RendererServing): (request: Request) => Promise<Response> {
  const refuse = (status: number) => new Response(null, { status, headers: BASE_HEADERS });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const file = rendererFileFor(request.url, serving.rendererDir);
    if (!file) return refuse(404);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return refuse(404);
    }
    const headers = {
      ...BASE_HEADERS,
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': serving.contentSecurityPolicy,
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
