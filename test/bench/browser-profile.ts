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
import { openIncidentsFromQueue, TIME_UNTIL_PAINTED } from './browser-bench.ts';
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
/**
 * Runs in the page before the app: when each desk call left and was answered, and each task that held the
 * page for 50 ms or more, on the page's clock, so a slow moment says whether it waited for the desk or for itself.
 */
const NOTE_PAGE_TIMES = `(() => {
  const times = (window.deskTimes = { calls: [], longTasks: [] });
  const fetchNow = window.fetch.bind(window);
  window.fetch = async (resource, init) => {
    const url = String(resource.url ?? resource);
    const at = url.indexOf('/api/invoke/');
    if (at < 0) return fetchNow(resource, init);
    const call = { name: decodeURIComponent(url.slice(at + 12)), asked: performance.now(), answered: NaN };
    times.calls.push(call);
    const response = await fetchNow(resource, init);
    call.answered = performance.now();
    return response;
  };
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) times.longTasks.push({ start: task.startTime, ms: task.duration });
  }).observe({ type: 'longtask' });
})()`;

const host = await startWebHost({ core: timed, staticDir, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.DESK_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
const page = await context.newPage();
await page.addInitScript(NOTE_PAGE_TIMES);
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

/** The page's own account of the moment just timed: desk calls and long tasks since the click. */
async function pageTimes(ms: number): Promise<string> {
  const times = await page.evaluate<{
    calls: { name: string; asked: number; answered: number }[];
    longTasks: { start: number; ms: number }[];
  }>(
    '(() => { const t = window.deskTimes; const out = { calls: t.calls.splice(0), longTasks: t.longTasks.splice(0) }; return out; })()',
  );
  const clicked = await page.evaluate<number>('window.deskClickedAt ?? 0');
  const at = (t: number) => `${(t - clicked).toFixed(0)}`;
  return [
    `  in the page: painted at ${ms.toFixed(0)} ms`,
    ...times.calls
      .filter((call) => call.asked >= clicked && call.asked - clicked <= ms)
      .map((call) => `    ${call.name} asked at ${at(call.asked)}, answered at ${at(call.answered)}`),
    ...times.longTasks
      .filter((task) => task.start + task.ms >= clicked && task.start - clicked <= ms)
      .map((task) => `    a long task from ${at(task.start)} for ${task.ms.toFixed(0)} ms`),
  ].join('\n');
}

let moments = 0;
/** The slowest moment profiled: its heaviest functions are the ones printed at the end. */
let slowest = { file: '', ms: -1 };
async function stopProfile(ms: number): Promise<void> {
  const { profile } = await cdp.send('Profiler.stop');
  const file = path.join(os.tmpdir(), `desk-moment-${++moments}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  if (ms > slowest.ms) slowest = { file, ms };
}
const timeInPage = async (what: string, click: string, shown: string) => {
  calls = [];
  mark = performance.now();
  // With --cpu, only the measured moments are profiled, one file each, for a closer look than the whole run.
  if (values.cpu) await cdp.send('Profiler.start');
  const ms = await page.evaluate<number>(`(${TIME_UNTIL_PAINTED})(${JSON.stringify({ click, shown })})`);
  if (values.cpu) await stopProfile(ms);
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
await openIncidentsFromQueue(
  page,
  values.only === 'filter' ? 0 : rounds,
  async (target, ms, warmUp) => {
    if (values.cpu && !warmUp) await stopProfile(ms);
    else if (values.cpu) await cdp.send('Profiler.stop');
    await new Promise((resolve) => setTimeout(resolve, 300)); // Calls made after the paint belong to it too.
    log(
      `open ${target.view} row ${target.row}${warmUp ? ' (warm-up)' : ''}: ${ms.toFixed(0)} ms painted\n${await pageTimes(ms)}\n${calls.join('\n')}`,
    );
  },
  async () => {
    calls = [];
    mark = performance.now();
    if (values.cpu) await cdp.send('Profiler.start');
  },
);

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
  const profile = JSON.parse(readFileSync(slowest.file, 'utf8')) as {
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
  log(`The slowest moment profiled: ${slowest.ms.toFixed(0)} ms (${slowest.file})`);
  print('Heaviest functions (self time)', selfUs);
  print('Heaviest functions (with what they call)', totalUs);
}
await browser.close();
await host.close();
await core.close();
