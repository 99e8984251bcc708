/**
 * `npx tsx test/bench/browser-ab.ts --data DIR --a BUILT_A --b BUILT_B [--samples N]`
 *
 * Two builds of the renderer (each a folder `out/renderer` was copied from) compared on the same incidents
 * opened from the queue, alternately, against one core: on a machine shared with other work the load hits
 * both alike, where two bench runs minutes apart compare the load as much as the builds. Prints each build's
 * p50/p95 and how often each was the faster of a pair. A tool for deciding, not a bench.
 */
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { createCore } from '#core/index.ts';
import { startWebHost } from '../../electron/host/web-server.ts';
import { OPEN_TIMED, QUEUE_READY, showView, VIEWS } from './browser-bench.ts';
import { summarise } from './measure.ts';
import { signInAsSupervisor } from './sign-in-supervisor.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    a: { type: 'string' },
    b: { type: 'string' },
    samples: { type: 'string', default: '40' },
  },
});
if (!values.data || !values.a || !values.b) throw new Error('Name the workspace (--data) and two builds (--a, --b).');

const core = await createCore({ dataDir: values.data });
await signInAsSupervisor(core);
const hosts = await Promise.all([values.a, values.b].map((staticDir) => startWebHost({ core, staticDir, port: 0 })));
const browser = await chromium.launch({
  executablePath: process.env.DESK_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const pages: Page[] = [];
for (const host of hosts) {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(host.url);
  await page.getByRole('grid', { name: 'Incidents' }).waitFor();
  pages.push(page);
}

const samples = Number(values.samples);
const times: [number[], number[]] = [[], []];
let firstWins = 0;
let warmUp = 3;
for (let v = 0; times[0].length < samples && v < VIEWS.length * 3; v++) {
  const view = VIEWS[v % VIEWS.length]!;
  for (const page of pages) await showView(page, view);
  const drawn = await pages[0]!.locator('#queue-grid [role="row"][aria-rowindex]').count();
  const lap = Math.floor(v / VIEWS.length);
  for (let row = 2 + lap * 3; row <= Math.min(drawn, 4 + lap * 3 + 8) && times[0].length < samples; row++) {
    // Which build goes first alternates, so neither always finds the core warmed up by the other.
    const order = row % 2 ? [0, 1] : [1, 0];
    const pair = [0, 0];
    for (const i of order) {
      const page = pages[i]!;
      pair[i] = await page.evaluate<number>(OPEN_TIMED(row));
      await page.keyboard.press('Escape');
      await page.locator(QUEUE_READY).waitFor();
    }
    if (warmUp > 0) {
      warmUp--;
      continue;
    }
    times[0].push(pair[0]!);
    times[1].push(pair[1]!);
    if (pair[0]! < pair[1]!) firstWins++;
  }
}
const [a, b] = times.map(summarise);
console.log(JSON.stringify({ a, b, aFaster: firstWins, bFaster: times[0].length - firstWins }, null, 2));
await browser.close();
await Promise.all(hosts.map((host) => host.close()));
await core.close();
