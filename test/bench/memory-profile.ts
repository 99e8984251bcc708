/**
 * `node --expose-gc --import tsx test/bench/memory-profile.ts --data DIR`
 *
 * What holds the core's memory on a seeded workspace: `process.memoryUsage()` after each thing the bench
 * does (open, sign in, queue pages, search, incident detail, KPI report), after a full collection, so each
 * step's growth is what it keeps rather than what it passed through. A tool for looking: it prints only.
 */
import { parseArgs } from 'node:util';
import { createCore } from '#core/index.ts';
import { signInAsSupervisor } from './sign-in-supervisor.ts';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
if (!values.data) throw new Error('Name the seeded workspace with --data DIR.');
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => Math.round(bytes / 1_048_576);
let last = process.memoryUsage();
const snapshot = (what: string) => {
  collect();
  const now = process.memoryUsage();
  const fields = ['rss', 'heapUsed', 'external', 'arrayBuffers'] as const;
  const text = fields.map((f) => `${f} ${mb(now[f])} MB (${now[f] >= last[f] ? '+' : ''}${mb(now[f] - last[f])})`);
  process.stderr.write(
    `${what.padEnd(34)} ${text.join('  ')}  peak rss ${mb(process.resourceUsage().maxRSS * 1024)} MB\n`,
  );
  last = now;
};

snapshot('start');
const core = await createCore({ dataDir: values.data });
snapshot('core open');
await signInAsSupervisor(core);
snapshot('signed in');
// What the core loads in the background after opening (indexes), before anything is asked of it.
for (const seconds of [2, 5, 10]) {
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  snapshot(`idle ${seconds} s more`);
}
const ask = async (name: string, input: unknown) => {
  const outcome = await core.invoke(name, input);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.value;
};
const open = ['new', 'assigned', 'in_progress', 'waiting_on_customer'];
await ask('queue/page', {
  filter: { statuses: open },
  sort: { column: 'updated', direction: 'desc' },
  offset: 0,
  limit: 50,
});
snapshot('queue page');
await ask('queue/page', {
  filter: { statuses: open },
  sort: { column: 'due', direction: 'asc' },
  offset: 0,
  limit: 50,
});
snapshot('queue page by due');
await ask('queue/views', {});
snapshot('views with counts');
await ask('queue/page', {
  filter: { text: 'printer' },
  sort: { column: 'updated', direction: 'desc' },
  offset: 0,
  limit: 50,
});
snapshot('search');
const page = (await ask('queue/page', {
  filter: {},
  sort: { column: 'updated', direction: 'desc' },
  offset: 0,
  limit: 20,
})) as { rows: { id: string }[] };
for (const row of page.rows) await ask('incident/get', { id: row.id });
snapshot('20 incidents');
await ask('kpi/report', { period: { preset: 'today' } });
snapshot('KPI report (today)');

await core.close();
snapshot('closed');
