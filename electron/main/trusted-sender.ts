import { APP_SCHEME } from './app-protocol.ts';
import type { SenderCheck } from './register-contract.ts';

function parse(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a frame at `senderUrl` is the app's own page at `appUrl`: the same page for the built renderer
 * (`app://desk/index.html`, or its file; any hash or query, since the renderer routes by hash), the same origin for the development server.
 */
export function isTrustedSender(senderUrl: string | undefined, appUrl: string): boolean {
  const sender = parse(senderUrl);
  const app = parse(appUrl);
  if (!sender || !app) return false;
  if (app.protocol === 'file:' || app.protocol === `${APP_SCHEME}:`) {
    return sender.protocol === app.protocol && sender.host === app.host && sender.pathname === app.pathname;
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return sender.origin === app.origin;
}

/** The sender check the IPC wiring uses: the top frame of the app's page, nothing else. */
export function senderIsAppPage(appUrl: string): SenderCheck {
  return (event) => {
    try {
      const frame = event.senderFrame;
      // Only the top frame runs the preload; a subframe (a sandboxed mail view, say) never speaks to the desk.
      return frame !== null && frame.parent === null && isTrustedSender(frame.url, appUrl);
    } catch {
      // A frame disposed before the call is handled throws on access: it is no longer the app's page.
      return false;
    }
  };
}
