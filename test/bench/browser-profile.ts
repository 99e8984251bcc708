/**
 * `npx tsx test/bench/browser-profile.ts --data DIR [--rounds N] [--trace FILE]`
 *
 * Where the browser bench's time goes, on a workspace already seeded (`desk seed --data DIR`): the same filter
 * changes and incidents opened from the queue as `browser-bench.ts`, each printed with the desk calls the page
 * made for it (when each started and how long the core took), and optionally a Chromium performance trace of
 * the whole run for chrome://tracing or the DevTools performance panel. A tool for looking, not a bench: it
 * prints, it does not judge.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { ensureRendererBuilt } from '../../electron/host/renderer-build.ts';
import { startWebHost } from '../../electron/host/web-server.ts';
import { TIME_UNTIL_PAINTED } from './browser-bench.ts';
import { signInAsSupervisor } from './sign-in-supervisor.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    rounds: { type: 'string', default: '8' },
    trace: { type: 'string' },
    // A CPU profile of the page over the run, its heaviest functions printed (from an unminified build).
    cpu: { type: 'boolean', default: false },
    // `filter` or `open`: only that half of the run.
    only: { type: 'string' },
  },
});
if (!values.data) throw new Error('Name the seeded workspace with --data DIR.');
const log = (line: string) => process.stderr.write(`${line}\n`);

const core = await createCore({ dataDir: values.data });
await signInAsSupervisor(core);

let mark = performance.now();
let calls: string[] = [];
const timed: Core = {
  ...core,
  invoke: async (name, input) => {
    const started = performance.now();
    const outcome = await core.invoke(name, input);
    const ms = performance.now() - started;
    calls.push(
      `  +${(started - mark).toFixed(0).padStart(4)} ms ${String(name).padEnd(28)} ${ms.toFixed(1)} ms ${JSON.stringify(input).slice(0, 160)}`,
    );
    return outcome;
  },
};

const staticDir = values.cpu ? await unminifiedRenderer() : await ensureRendererBuilt(log);

/** The renderer built as the app is, but with its names kept, so a profile says which component did what. */
async function unminifiedRenderer(): Promise<string> {
  const [{ build }, { rendererConfig }] = await Promise.all([import('vite'), import('../../electron.vite.config.ts')]);
  const outDir = path.join(os.tmpdir(), 'desk-renderer-unminified');
  process.env.NODE_ENV = 'production';
  await build({
    ...rendererConfig,
    build: { ...rendererConfig.build, outDir, minify: false },
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
  });
  return outDir;
}
const host = await startWebHost({ core: timed, staticDir, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.DESK_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
const page = await context.newPage();
await page.goto(host.url);
await page.getByRole('grid', { name: 'Incidents' }).waitFor();
await new Promise((resolve) => setTimeout(resolve, 1000));
const cdp = await context.newCDPSession(page);
if (values.trace) {
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,blink.user_timing,v8.execute,disabled-by-default-devtools.timeline',
    transferMode: 'ReturnAsStream',
  });
}

if (values.cpu) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
}

let moments = 0;
const timeInPage = async (what: string, click: string, shown: string) => {
  calls = [];
  mark = performance.now();
  // With --cpu, only the measured moments are profiled, one file each, for a closer look than the whole run.
  if (values.cpu) await cdp.send('Profiler.start');
  const ms = await page.evaluate<number>(`(${TIME_UNTIL_PAINTED})(${JSON.stringify({ click, shown })})`);
  if (values.cpu) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(path.join(os.tmpdir(), `desk-moment-${++moments}.cpuprofile`), JSON.stringify(profile));
  }
  await new Promise((resolve) => setTimeout(resolve, 300)); // Calls made after the paint belong to it too.
  log(`${what}: ${ms.toFixed(0)} ms painted\n${calls.join('\n')}`);
};

const VIEWS = ['All open', 'Unassigned', 'Recently resolved', 'My open'];
const rounds = Number(values.rounds);
for (let i = 0; i < (values.only === 'open' ? 0 : rounds); i++) {
  const view = VIEWS[i % VIEWS.length]!;
  await timeInPage(
    `filter → ${view}`,
    `[...document.querySelectorAll('nav[aria-label="Queues"] button')].find((b) => b.textContent.startsWith(${JSON.stringify(view)})).click()`,
    `const grid = document.getElementById('queue-grid');
     return document.querySelector('main h1')?.textContent === ${JSON.stringify(view)} && grid?.getAttribute('aria-busy') === 'false'
       && (grid.querySelector('[role="row"][aria-rowindex="2"] a') !== null || grid.textContent.includes('No incidents match'));`,
  );
}
await page
  .getByRole('navigation', { name: 'Queues' })
  .getByRole('button', { name: /^All open/ })
  .click();
await page.locator('#queue-grid[aria-busy="false"] [role="row"][aria-rowindex="2"] a').waitFor();
for (let i = 0; i < (values.only === 'filter' ? 0 : rounds); i++) {
  await timeInPage(
    `open row ${2 + (i % 10)}`,
    `document.querySelector('#queue-grid [role="row"][aria-rowindex="${2 + (i % 10)}"]').click()`,
    `return document.querySelector('[data-testid="incident-number"]') !== null
       && document.querySelector('ol[aria-label="Timeline"] li') !== null;`,
  );
  calls = [];
  mark = performance.now();
  await page.keyboard.press('Escape');
  await page.locator('#queue-grid[aria-busy="false"] [role="row"][aria-rowindex="2"] a').waitFor();
  await new Promise((resolve) => setTimeout(resolve, 300));
  log(`back to the queue:\n${calls.join('\n')}`);
}

if (values.trace) {
  const ended = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
  await cdp.send('Tracing.end');
  const stream = await ended;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    text += chunk.data;
    if (chunk.eof) break;
  }
  writeFileSync(values.trace, text);
  log(`Trace written to ${values.trace}`);
}
if (values.cpu) {
  const profile = JSON.parse(readFileSync(path.join(os.tmpdir(), `desk-moment-${moments}.cpuprofile`), 'utf8')) as {
    nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples?: number[];
    timeDeltas?: number[];
  };
  const selfUs = new Map<string, number>();
  const totalUs = new Map<string, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameOf = (id: number) => {
    const frame = byId.get(id)!.callFrame;
    return `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
  };
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const us = deltas[i + 1] ?? 0;
    selfUs.set(nameOf(id), (selfUs.get(nameOf(id)) ?? 0) + us);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) onStack.add(nameOf(at));
    for (const name of onStack) totalUs.set(name, (totalUs.get(name) ?? 0) + us);
  });
  const print = (title: string, times: Map<string, number>) => {
    const top = [...times].sort((a, b) => b[1] - a[1]).slice(0, 45);
    log(`${title}:\n${top.map(([name, us]) => `  ${(us / 1000).toFixed(0).padStart(6)} ms ${name}`).join('\n')}`);
  };
  print('Heaviest functions (self time)', selfUs);
  print('Heaviest functions (with what they call)', totalUs);
}
await browser.close();
await host.close();
await core.close();
