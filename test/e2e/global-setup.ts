import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureRendererBuilt } from '../../electron/host/renderer-build.ts';
import type { E2eContext } from './e2e-context.ts';

/** Where Debian's package (and Chrome, for developers who have it) put the browser. */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const INSTALL_HINT = 'apt-get install chromium';

function findChromium(): string | null {
  const fromEnv = process.env.DESK_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CHROMIUM_PATHS.find((candidate) => existsSync(candidate)) ?? null;
}

/**
 * Runs once before the e2e files: finds Chromium and builds the renderer (only when its sources are newer
 * than the build). Without Chromium the suites are skipped with the reason, except under CI=true, where a
 * missing browser is a broken machine and fails the run (DESIGN §9).
 */
export default async function setup(project: TestProject): Promise<void> {
  const chromium = findChromium();
  let context: E2eContext;
  if (!chromium) {
    const reason = `Chromium is not installed (looked for ${process.env.DESK_CHROMIUM ?? CHROMIUM_PATHS.join(', ')}). Install it with: ${INSTALL_HINT}`;
    if (process.env.CI === 'true') throw new Error(`End-to-end tests cannot run: ${reason}`);
    console.warn(`\n[e2e] Skipping the end-to-end suites: ${reason}\n`);
    context = { chromium: null, skipReason: reason, staticDir: '' };
  } else {
    const staticDir = await ensureRendererBuilt((line) => console.log(`[e2e] ${line}`));
    context = { chromium, skipReason: null, staticDir };
  }
  project.provide('e2e', context);
}
