import type { Session } from 'electron';
import { APP_SCHEME } from './app-protocol.ts';
import { withContentSecurityPolicy } from './content-security-policy.ts';

/** Schemes the page may use without reaching anything outside the app. */
const INERT_SCHEMES = new Set(['data:', 'blob:', 'devtools:']);

/**
 * Whether the window may load `url`: the built renderer through the app's scheme (or its own folder on
 * disk), or the development server.
 * Everything else is remote content and is cancelled before it is requested (DESIGN §8).
 */
export function isAppRequest(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (INERT_SCHEMES.has(target.protocol)) return true;
  if (app.protocol === `${APP_SCHEME}:`) return target.protocol === app.protocol && target.host === app.host;
  if (app.protocol === 'file:') {
    // Parsing resolved any `..`, so a prefix of the renderer folder is inside it.
    return target.protocol === 'file:' && target.href.startsWith(new URL('.', app).href);
  }
  const sameServer = ['http:', 'https:', 'ws:', 'wss:'].includes(target.protocol) && target.host === app.host;
  return sameServer;
}

/**
 * The one kind of remote request allowed: an https image asked for by a sub-frame (an email the agent chose
 * to show with its remote images). Nothing the app's own page asks for ever leaves the machine.
 */
export function isRemoteMessageImage(details: { url: string; resourceType?: string; fromSubFrame: boolean }): boolean {
  return details.fromSubFrame && details.resourceType === 'image' && details.url.startsWith('https://');
}

export interface SessionRules {
  readonly appUrl: string;
  readonly contentSecurityPolicy: string;
}

type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'
>;

/** Denies every permission, cancels remote requests and puts our CSP on every response. */
export function hardenSession(session: HardenableSession, rules: SessionRules): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const fromSubFrame = Boolean(details.frame && details.frame.parent);
    const allowed =
      isAppRequest(details.url, rules.appUrl) ||
      isRemoteMessageImage({ url: details.url, resourceType: details.resourceType, fromSubFrame });
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, rules.contentSecurityPolicy) }),
  );
}
