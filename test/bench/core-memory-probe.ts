/**
 * Run by `core-memory-bench.ts` in a process of its own, bundled the way the app's main process is (no tsx,
 * no TypeScript at run time): opens a seeded workspace and does an agent's and a supervisor's day on it (queue
 * pages for every filter and sort the bench measures, searches, incidents opened, the KPI dashboard for every
 * period and filter), sampling the resident memory all along. Prints one line of JSON.
 *
 * With `--floor` it opens the same file with the SQLite driver alone and runs the same kind of reads as raw
 * SQL: what the runtime and the database cost before any of the desk's own memory.
 */
import { parseArgs } from 'node:util';
import { signInAsSupervisor } from './sign-in-supervisor.ts';

const { values } = parseArgs({
  options: { data: { type: 'string' }, file: { type: 'string' }, floor: { type: 'boolean', default: false } },
});
if (!values.data || !values.file) throw new Error('Name the seeded workspace: --data DIR --file ITS-SQLITE-FILE.');
const dataDir = values.data;
const file = values.file;

const mb = (bytes: number) => Math.round(bytes / 1_048_576);
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const sampler = setInterval(sample, 20);
const steps: { step: string; rssMb: number; heapMb: number; externalMb: number }[] = [];
const mark = (step: string) => {
  sample();
  const { rss, heapUsed, external } = process.memoryUsage();
  steps.push({ step, rssMb: mb(rss), heapMb: mb(heapUsed), externalMb: mb(external) });
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const OPEN = ['new', 'assigned', 'in_progress', 'waiting_on_customer'];

async function floor(): Promise<void> {
  const { default: sqlite3 } = await import('sqlite3');
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  const all = (sql: string, ...params: unknown[]) =>
    new Promise<unknown[]>((resolve, reject) =>
      db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))),
    );
  mark('open');
  for (const order of ['updated_at DESC', 'priority, updated_at DESC', 'number DESC']) {
    await all(`SELECT * FROM incident WHERE status IN ('new','assigned','in_progress') ORDER BY ${order} LIMIT 50`);
  }
  mark('queue pages');
  const rows = (await all('SELECT id FROM incident ORDER BY updated_at DESC LIMIT 20')) as { id: string }[];
  for (const { id } of rows) {
    await all('SELECT * FROM incident WHERE id = ?', id);
    await all("SELECT * FROM timeline_event WHERE entity = 'incident' AND entity_id = ?", id);
  }
  mark('20 incidents');
  await all('SELECT * FROM incident_kpi');
  mark('every incident’s KPI facts');
  await new Promise<void>((resolve) => db.close(() => resolve()));
}

async function desk(): Promise<void> {
  // Loaded here, not at the top: the floor's process must not hold the desk's code.
  const { createCore } = await import('#core/index.ts');
  const { kpiCombos } = await import('./kpi-bench.ts');
  const core = await createCore({ dataDir });
  const ask = async (name: string, input: unknown) => {
    const outcome = await core.invoke(name, input);
    if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
    return outcome.value;
  };
  await signInAsSupervisor(core);
  mark('open and signed in');
  // The indexes the core builds in the background after opening.
  await pause(5_000);
  mark('idle 5 s');
  for (const column of ['updated', 'priority', 'due', 'number']) {
    for (const statuses of [OPEN, ['resolved', 'closed']]) {
      await ask('queue/page', { filter: { statuses }, sort: { column, direction: 'desc' }, offset: 0, limit: 50 });
    }
  }
  await ask('queue/views', {});
  mark('queue pages and view counts');
  for (const text of ['printer', 'vpn', 'from:lindqvist', 'status:waiting_on_customer', '"password reset"']) {
    await ask('queue/page', { filter: { text }, sort: { column: 'updated', direction: 'desc' }, offset: 0, limit: 50 });
  }
  mark('searches');
  const page = (await ask('queue/page', {
    filter: {},
    sort: { column: 'updated', direction: 'desc' },
    offset: 0,
    limit: 100,
  })) as { rows: { id: string }[] };
  for (const row of page.rows) await ask('incident/get', { id: row.id });
  mark('100 incidents opened');
  for (const combo of await kpiCombos(core, core.store.now())) await ask('kpi/report', combo.input);
  mark('KPI dashboard, every combination');
  await core.close();
}

await (values.floor ? floor() : desk());
clearInterval(sampler);
sample();
// The sampled peak, not getrusage's: Linux keeps a process's high-water mark across exec, so a child started by
// a large process (the bench) would report its parent's memory at the fork.
process.stdout.write(`${JSON.stringify({ peakRssMb: mb(peak), steps })}\n`);
