import { EventEmitter } from 'node:events';
import type { HandlerDetails, WebContents, WindowOpenHandlerResponse } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  hardenWebContents,
  refuseNavigation,
  refuseWindowOpen,
  secureWebPreferences,
  secureWindowOptions,
} from '../../electron/main/secure-window.ts';

const PRELOAD = '/opt/incident-desk/out/preload/index.cjs';

function navigationEvent(url: string) {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('secureWindowOptions', () => {
  const options = secureWindowOptions(PRELOAD);
  const prefs = options.webPreferences ?? {};

  it('isolates and sandboxes the page with no Node (DESIGN §8)', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and loads no insecure, experimental or embedded content', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('loads the given preload and nothing else', () => {
    expect(prefs.preload).toBe(PRELOAD);
    expect(secureWebPreferences(PRELOAD)).toEqual(prefs);
  });

  it('waits for the page before showing the window', () => {
    expect(options.show).toBe(false);
  });
});

describe('navigation and new windows', () => {
  const urls = [
    'https://attacker.example/',
    'file:///etc/passwd',
    'file:///opt/incident-desk/out/renderer/index.html',
    'javascript:alert(1)',
  ];

  it('refuses every navigation and every window.open', () => {
    for (const url of urls) {
      const event = navigationEvent(url);
      refuseNavigation(event);
      expect(event.prevented).toBe(true);
      expect(refuseWindowOpen()).toEqual({ action: 'deny' });
    }
  });

  it('installs the refusals on every web contents', () => {
    const contents = new EventEmitter() as EventEmitter & {
      openHandler?: (d: HandlerDetails) => WindowOpenHandlerResponse;
    };
    const fake = Object.assign(contents, {
      setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse) {
        contents.openHandler = handler;
      },
    });
    hardenWebContents(fake as unknown as WebContents);

    for (const url of urls) {
      const navigation = navigationEvent(url);
      contents.emit('will-navigate', navigation, url);
      expect(navigation.prevented).toBe(true);

      const details = { url, frameName: '', features: '', disposition: 'new-window' } as HandlerDetails;
      expect(contents.openHandler?.(details)).toEqual({ action: 'deny' });
    }
    const webview = navigationEvent('https://attacker.example/');
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.prevented).toBe(true);
  });
});
