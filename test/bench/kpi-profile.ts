/**
 * `tsx test/bench/kpi-profile.ts [--incidents N] [--data DIR] [--iterations K] [--only NAME] [--pure] [--memory] [--floor]`
 *
 * The KPI dashboard alone, on the bench's generated facts, for finding where a report's time goes: each
 * period/filter combination's p50 and p95 in the core, nothing else. Run it under `node --cpu-prof --import
 * tsx` for a profile. With `--data DIR` the generated workspace is kept there and reused on the next run.
 * `--memory` (under `node --expose-gc --import tsx`) weighs the in-memory index as columns and as objects;
 * `--floor` times each combination beside its raw-SQL floor, as `npm run bench` does.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, workspaceFile } from '#core/index.ts';
import { compileCalendar } from '#shared/domain/business-time.ts';
import { BusinessTimeline } from '#shared/domain/business-timeline.ts';
import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import { KpiColumns } from '#shared/domain/kpi-columns.ts';
import type { IncidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import { calendarDuration } from '#shared/domain/kpi-membership.ts';
import { periodBuckets, resolvePeriod } from '#shared/domain/kpi-period.ts';
import { computeKpis } from '#shared/domain/kpi-report.ts';
import { allKpiFacts } from '#core/kpi/kpi-facts.repository.ts';
import { benchKpi, kpiCombos } from './kpi-bench.ts';
import { time } from './measure.ts';
import type { Timing } from './measure.ts';
import { writeSyntheticKpiWorkspace } from './kpi-synthetic.ts';

const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: '100000' },
    data: { type: 'string' },
    iterations: { type: 'string', default: '20' },
    only: { type: 'string' },
    // computeKpis alone on the facts in memory (no handler, no reference data), for the two-year team report.
    pure: { type: 'boolean', default: false },
    // What the index holds at this size, as columns and as the objects it held before (needs --expose-gc).
    memory: { type: 'boolean', default: false },
    // Each combination beside its raw-SQL floor, timed in turns as `npm run bench` does (benchKpi).
    floor: { type: 'boolean', default: false },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const dir = values.data ? path.resolve(values.data) : mkdtempSync(path.join(os.tmpdir(), 'desk-kpi-profile-'));
// The generated facts are dated from a fixed now, so a kept workspace reads the same on every run.
const nowMs = Date.UTC(2026, 11, 7, 12);
if (!existsSync(workspaceFile(dir))) {
  log(`Writing ${values.incidents} incidents' KPI facts into ${dir} …`);
  await writeSyntheticKpiWorkspace(dir, { incidents: Number(values.incidents), days: 730, nowMs, log });
}
const core = await createCore({ dataDir: dir, now: () => nowMs, autoSync: false });
try {
  const started = performance.now();
  const first = await core.invoke('kpi/report', { period: { preset: 'today' } });
  if (!first.ok) throw new Error(first.error.message);
  log(`first report (with the load): ${Math.round(performance.now() - started)} ms`);
  if (values.pure) await pure();
  if (values.memory) await memory();
  const combos =
    values.pure || values.memory
      ? []
      : (await kpiCombos(core, nowMs)).filter((c) => !values.only || c.name.includes(values.only));
  if (values.floor) {
    const { combos: results } = await benchKpi(core, combos, Number(values.iterations));
    for (const r of results) {
      const ms = (timing: Timing) =>
        `p50 ${timing.p50Ms.toFixed(1).padStart(8)}  p95 ${timing.p95Ms.toFixed(1).padStart(8)}`;
      log(`${r.name.padEnd(40)} ${ms(r.ours)}   floor ${ms(r.floor)}`);
    }
  } else {
    for (const combo of combos) {
      const timing = await time(Number(values.iterations), async () => {
        const outcome = await core.invoke('kpi/report', combo.input);
        if (!outcome.ok) throw new Error(outcome.error.message);
      });
      log(
        `${combo.name.padEnd(40)} p50 ${timing.p50Ms.toFixed(1).padStart(8)}  p95 ${timing.p95Ms.toFixed(1).padStart(8)}`,
      );
    }
  }
} finally {
  await core.close();
  if (!values.data) rmSync(dir, { recursive: true, force: true });
}

async function pure() {
  const facts = new KpiColumns();
  for await (const page of allKpiFacts(core.store.db)) for (const f of page) facts.put(f);
  const day = (offset: number) => new Date(nowMs + offset * 86_400_000).toISOString().slice(0, 10);
  const { current, previous } = resolvePeriod({ from: day(-730), to: day(1) }, nowMs, 'UTC');
  const timeline = new BusinessTimeline(compileCalendar({ ...DEFAULT_CALENDAR, holidays: [] }));
  for (const [name, duration] of [
    ['calendar', calendarDuration],
    ['business', (from: number, to: number) => timeline.between(from, to)],
  ] as const) {
    const plan = { current, previous, buckets: periodBuckets(current, 'UTC'), now: nowMs, filters: {}, duration };
    // On a machine others share, the CPU time a report takes says more than the wall time.
    const cpu = process.cpuUsage();
    const timing = await time(Number(values.iterations), async () => computeKpis(facts, plan), 0);
    const { user, system } = process.cpuUsage(cpu);
    const cpuMs = (user + system) / 1000 / Number(values.iterations);
    log(
      `computeKpis, two years, team, ${name}: p50 ${timing.p50Ms.toFixed(1)}  p95 ${timing.p95Ms.toFixed(1)}  cpu ${cpuMs.toFixed(1)} ms`,
    );
  }
}

async function memory() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run with node --expose-gc to measure the memory.');
  const used = () => {
    gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return { heapUsed, arrayBuffers };
  };
  const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
  const grown = (from: ReturnType<typeof used>) => {
    const to = used();
    return `heap ${mb(to.heapUsed - from.heapUsed)} + array buffers ${mb(to.arrayBuffers - from.arrayBuffers)}`;
  };
  let start = used();
  // The index as it was: every incident's facts as an object, in an array, with a map to each one's place.
  const objects: IncidentKpiFacts[] = [];
  const places = new Map<string, number>();
  for await (const page of allKpiFacts(core.store.db)) {
    for (const facts of page) places.set(facts.id, objects.push(facts) - 1);
  }
  log(`index as objects (${objects.length}): ${grown(start)}`);
  objects.length = 0;
  places.clear();
  start = used();
  const columns = new KpiColumns();
  for await (const page of allKpiFacts(core.store.db)) for (const facts of page) columns.put(facts);
  log(`index as columns (${columns.size}): ${grown(start)}`);
}
