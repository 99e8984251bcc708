import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  WebContents,
  WebPreferences,
  WindowOpenHandlerResponse,
} from 'electron';

/** DESIGN §8: an isolated, sandboxed page with no Node, no webviews and no way to load other content. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // A file dropped on the window is for the page to read (mail import), not a place to navigate to.
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Incident Desk',
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    // Shown on 'ready-to-show', so the agent never sees an empty frame.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** The page never leaves the app: it routes by hash, which is not a navigation. */
export function refuseNavigation(event: { preventDefault(): void }): void {
  event.preventDefault();
}

/** `window.open` and `target=_blank` links open no window of the app (DESIGN §8). */
export function refuseWindowOpen(): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/**
 * Applied to every web contents the app creates, so no window escapes the rules. `openLinks` decides what a
 * refused window's link may still do outside the app (external-links.ts); without it, nothing.
 */
export function hardenWebContents(
  contents: WebContents,
  openLinks: (details: HandlerDetails) => WindowOpenHandlerResponse = refuseWindowOpen,
): void {
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-attach-webview', refuseNavigation);
  contents.setWindowOpenHandler((details) => {
    openLinks(details);
    return refuseWindowOpen();
  });
}
