import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withContentSecurityPolicy } from '../../electron/main/content-security-policy.ts';
import { hardenSession, isAppRequest } from '../../electron/main/secure-session.ts';

const APP_URL = 'file:///opt/incident-desk/out/renderer/index.html';
const DEV_URL = 'http://localhost:5173/';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  for (const [mode, policy] of [
    ['the built app', contentSecurityPolicy()],
    ['development', contentSecurityPolicy({ devServerUrl: DEV_URL })],
  ] as const) {
    it(`is strict for ${mode}`, () => {
      const parsed = directives(policy);
      expect(parsed.get('default-src')).toEqual(["'self'"]);
      expect(parsed.get('object-src')).toEqual(["'none'"]);
      expect(parsed.get('base-uri')).toEqual(["'none'"]);
      expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy).not.toContain('unsafe-eval');
      for (const [name, sources] of parsed) {
        // No wildcard and no whole scheme, but https images (an email's, shown when the agent asks).
        for (const source of sources) {
          if (name === 'img-src' && source === 'https:') continue;
          expect(source, name).not.toMatch(/^(\*|https?:|wss?:)$/);
        }
      }
    });
  }

  it('runs only its own scripts in the built app', () => {
    expect(directives(contentSecurityPolicy()).get('script-src')).toEqual(["'self'"]);
    expect(directives(contentSecurityPolicy()).get('connect-src')).toEqual(["'self'"]);
  });

  it("lets development reach the server's hot-reload socket and nothing else", () => {
    const parsed = directives(contentSecurityPolicy({ devServerUrl: DEV_URL }));
    expect(parsed.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
  });

  it('replaces any policy a response carried and keeps the other headers', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      contentSecurityPolicy(),
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy()] });
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('isAppRequest', () => {
  const cases: [url: string, appUrl: string, allowed: boolean][] = [
    ['file:///opt/incident-desk/out/renderer/index.html', APP_URL, true],
    ['file:///opt/incident-desk/out/renderer/assets/index-C2CtE6Op.js', APP_URL, true],
    ['data:image/png;base64,iVBORw0KGgo=', APP_URL, true],
    ['blob:file:///1f0c6c1e-5a4b-4c1e-9b1a-2a3b4c5d6e7f', APP_URL, true],
    ['file:///opt/incident-desk/out/renderer/../main/index.js', APP_URL, false],
    ['file:///opt/incident-desk/out/renderer%2F..%2F..%2Fpackage.json', APP_URL, false],
    ['file:///opt/incident-desk/out/renderer-evil/index.js', APP_URL, false],
    ['file:///home/agent/.ssh/id_ed25519', APP_URL, false],
    ['https://cdn.example.com/font.woff2', APP_URL, false],
    ['http://localhost:5173/src/main.tsx', APP_URL, false],
    ['http://localhost:5173/src/main.tsx', DEV_URL, true],
    ['ws://localhost:5173/', DEV_URL, true],
    ['http://localhost:5174/', DEV_URL, false],
    ['file:///opt/incident-desk/out/renderer/index.html', DEV_URL, false],
    ['https://attacker.example/', DEV_URL, false],
    ['not a url', APP_URL, false],
  ];
  for (const [url, appUrl, allowed] of cases) {
    it(`${allowed ? 'allows' : 'cancels'} ${url} for ${appUrl}`, () => {
      expect(isAppRequest(url, appUrl)).toBe(allowed);
    });
  }
});

describe('hardenSession', () => {
  type Listener = (details: Record<string, unknown>, callback: (response: Record<string, unknown>) => void) => void;

  function recordingSession() {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const listeners: Record<string, Listener> = {};
    const session = {
      setPermissionRequestHandler: (handler: never) => (handlers.request = handler),
      setPermissionCheckHandler: (handler: never) => (handlers.check = handler),
      setDevicePermissionHandler: (handler: never) => (handlers.device = handler),
      webRequest: {
        onBeforeRequest: (listener: Listener) => (listeners.beforeRequest = listener),
        onHeadersReceived: (listener: Listener) => (listeners.headersReceived = listener),
      },
    };
    return { session: session as unknown as Session, handlers, listeners };
  }

  function answer(listener: Listener | undefined, details: Record<string, unknown>): Record<string, unknown> {
    let response: Record<string, unknown> = {};
    listener?.(details, (given) => (response = given));
    return response;
  }

  const { session, handlers, listeners } = recordingSession();
  hardenSession(session, { appUrl: APP_URL, contentSecurityPolicy: contentSecurityPolicy() });

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid']) {
      let granted: boolean | undefined;
      const request = handlers.request as (contents: unknown, permission: string, cb: (g: boolean) => void) => void;
      request({}, permission, (given) => (granted = given));
      expect(granted, permission).toBe(false);
      expect((handlers.check as (c: unknown, p: string) => boolean)(null, permission)).toBe(false);
    }
    expect((handlers.device as (d: unknown) => boolean)({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels remote requests and lets the renderer load', () => {
    expect(answer(listeners.beforeRequest, { url: 'https://tracker.example/pixel.gif' })).toEqual({ cancel: true });
    expect(answer(listeners.beforeRequest, { url: APP_URL })).toEqual({ cancel: false });
  });

  it('puts the policy on every response', () => {
    const response = answer(listeners.headersReceived, { url: APP_URL, responseHeaders: {} });
    expect(response).toEqual({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
});

describe('remote images of a message', () => {
  it('lets through only https images asked for by a sub-frame', async () => {
    const { isRemoteMessageImage } = await import('../../electron/main/secure-session.ts');
    const image = { url: 'https://cdn.example.com/logo.png', resourceType: 'image', fromSubFrame: true };
    expect(isRemoteMessageImage(image)).toBe(true);
    expect(isRemoteMessageImage({ ...image, fromSubFrame: false })).toBe(false);
    expect(isRemoteMessageImage({ ...image, resourceType: 'script' })).toBe(false);
    expect(isRemoteMessageImage({ ...image, resourceType: 'xhr' })).toBe(false);
    expect(isRemoteMessageImage({ ...image, url: 'http://cdn.example.com/logo.png' })).toBe(false);
  });
});
