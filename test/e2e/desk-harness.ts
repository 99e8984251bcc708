import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { seedDemoWorkspace } from '#core/seed/demo-seed.ts';
import { ensureAgent } from '#core/session/enrol-agent.ts';
import { startWebHost } from '../../electron/host/web-server.ts';
import type { WebHost } from '../../electron/host/web-server.ts';
import './e2e-context.ts';

export const e2e = inject('e2e');

/** Suites call `describe.skipIf(skipE2e)`; the title then carries the reason and the install command. */
export const skipE2e = e2e.chromium === null;
export function suiteTitle(title: string): string {
  return skipE2e ? `${title} (skipped: ${e2e.skipReason})` : title;
}

/** With DESK_E2E_SCREENSHOTS=<folder>, the suites leave a picture of each screen they check there. */
export async function snap(page: Page, name: string): Promise<void> {
  const folder = process.env.DESK_E2E_SCREENSHOTS;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`) });
}

/** How long `expect.poll` waits for the page to catch up (a live update, a save): generous for a loaded CI. */
export const POLL = { timeout: 5_000, interval: 50 } as const;

export interface DeskHarnessOptions {
  /** Seed this many demo incidents (with the demo team) and sign in as the demo supervisor. */
  readonly demoIncidents?: number;
  /** Or sign in as this agent (added when missing) in an otherwise empty workspace. */
  readonly signInAs?: { readonly name: string; readonly email: string };
  /** How many incidents "Create demo workspace" makes when the test clicks it. */
  readonly demoOnCreate?: number;
  /** The core's clock, for tests that move time themselves (the page's follows with `openPage({ clockAt })`). */
  readonly now?: () => number;
  /** Runs on the core before the host starts (connect it to a hub, sign in as the hub's agent). */
  readonly prepare?: (core: Core) => Promise<void>;
}

export interface DeskHarness {
  readonly core: Core;
  /** The running host (a new one after `restartHost`). */
  readonly host: WebHost;
  /** Stops the browser-mode host, as an agent closing `desk web` would; the page stays open. */
  stopHost(): Promise<void>;
  /** Starts it again on the same address and token, as `desk web --port` does after a restart. */
  restartHost(): Promise<void>;
  /**
   * Opens the desk in a new tab, as an agent would from the printed address, and waits for it to start. With
   * `clockAt`, the page's clock (Date, timers) starts at that instant and moves only when the test moves it.
   */
  openPage(options?: { clockAt?: number; initScript?: () => void }): Promise<Page>;
  close(): Promise<void>;
}

const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Two tabs watch each other in these tests: the one in the background must keep its timers and frames.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/**
 * The browser-mode host in this process, on a temporary workspace, with its own Chromium: the same core and
 * transport an agent uses with `desk web`.
 */
export async function startDesk(options: DeskHarnessOptions = {}): Promise<DeskHarness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'desk-e2e-'));
  const core = await createCore({
    dataDir,
    demoIncidents: options.demoOnCreate ?? 200,
    ...(options.now ? { now: options.now } : {}),
  });
  if (options.demoIncidents !== undefined) {
    const summary = await seedDemoWorkspace(core.store, { incidents: options.demoIncidents, seed: 7 });
    await core.session.signIn(summary.supervisorId);
  } else if (options.signInAs) {
    await core.session.signIn(await ensureAgent(core.store, options.signInAs.name, options.signInAs.email));
  }
  await options.prepare?.(core);
  let host: WebHost | null = await startWebHost({ core, staticDir: e2e.staticDir, port: 0 });
  const { port, token } = host;
  const browser: Browser = await chromium.launch({ executablePath: e2e.chromium!, args: BROWSER_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });

  const runningHost = (): WebHost => {
    if (!host) throw new Error('The desk host is stopped');
    return host;
  };

  return {
    core,
    get host() {
      return runningHost();
    },
    async stopHost() {
      await host?.close();
      host = null;
    },
    async restartHost() {
      host ??= await startWebHost({ core, staticDir: e2e.staticDir, port, token });
    },
    async openPage(open = {}) {
      const page = await context.newPage();
      if (open.clockAt !== undefined) await page.clock.install({ time: open.clockAt });
      // Before the app's own scripts (a stub of a browser API the test observes).
      if (open.initScript) await page.addInitScript(open.initScript);
      // Fail within seconds rather than at the test's timeout, so a broken step names itself.
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => console.error(`[e2e] page error: ${error.message}`));
      await page.goto(runningHost().url);
      return page;
    },
    async close() {
      await browser.close();
      await host?.close();
      await core.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
