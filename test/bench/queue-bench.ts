import { CompiledQuery, sql } from 'kysely';
import type { Core } from '#core/index.ts';
import { applyQueueFilter, SORT_EXPRESSIONS } from '#core/queue/queue.repository.ts';
import type { QueueContext } from '#core/queue/queue.repository.ts';
import { SUMMARY_COLUMNS } from '#core/incidents/incident.repository.ts';
import type { QueueFilter, QueueSort } from '#shared/domain/queue.ts';
import { summarise, timePair } from './measure.ts';
import type { Timing } from './measure.ts';

export interface Combo {
  readonly name: string;
  readonly filter: QueueFilter;
  readonly sort: QueueSort;
}

export interface ComboResult extends Combo {
  readonly total: number;
  readonly ours: Timing;
  readonly floor: Timing;
}

/**
 * The floor: the same page and count as raw SQL on the same connection, without validation, query building
 * or mapping rows to models. Compiled once up front, so the floor pays nothing per call but SQLite itself.
 */
function compileFloor(core: Core, combo: Combo, context: QueueContext, limit: number) {
  const direction = combo.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const base = applyQueueFilter(core.store.db.selectFrom('incident'), combo.filter, context);
  const page = base
    .select(SUMMARY_COLUMNS)
    .orderBy(sql.raw(`${SORT_EXPRESSIONS[combo.sort.column]} ${direction}, incident.rowid ${direction}`))
    .limit(limit)
    .offset(0)
    .compile();
  const count = base.select((eb) => eb.fn.countAll<number>().as('total')).compile();
  return async (offset: number) => {
    const params = [...page.parameters];
    params[params.length - 1] = offset;
    await Promise.all([
      core.store.db.executeQuery(CompiledQuery.raw(page.sql, params)),
      core.store.db.executeQuery(CompiledQuery.raw(count.sql, [...count.parameters])),
    ]);
  };
}

/**
 * The start-up window: pages asked from the moment the core is created, while its background work (the queue
 * index's load and sort orders, the KPI facts) goes on. The first page waits for the index to load; then rounds
 * over every combination, first page each, until that work is done. Reported apart, so the steady figures
 * (measured once it is done) are not flattered or spoilt by it, and start-up is still seen.
 */
export async function benchQueueStartUp(
  core: Core,
  combos: readonly Combo[],
  limit: number,
  createdAt: number,
): Promise<{
  firstPageAfterMs: number;
  settledAfterMs: number;
  pages: Timing;
  combinations: { name: string; worstMs: number }[];
}> {
  let settled = false;
  const settling = core.settleStartUp().then(() => {
    settled = true;
    return performance.now() - createdAt;
  });
  const page = async (combo: Combo) => {
    const started = performance.now();
    const outcome = await core.invoke('queue/page', { filter: combo.filter, sort: combo.sort, offset: 0, limit });
    if (!outcome.ok) throw new Error(`${combo.name}: ${outcome.error.message}`);
    return performance.now() - started;
  };
  await page(combos[0]!);
  const firstPageAfterMs = performance.now() - createdAt;
  const samples: number[] = [];
  const worst = new Map<string, number>();
  // At least one round, so a start-up done before the first page still reports every combination once.
  for (let round = 0; round === 0 || (!settled && round < 50); round++) {
    for (const combo of combos) {
      const ms = await page(combo);
      samples.push(ms);
      worst.set(combo.name, Math.max(ms, worst.get(combo.name) ?? 0));
    }
  }
  return {
    firstPageAfterMs: Math.round(firstPageAfterMs),
    settledAfterMs: Math.round(await settling),
    pages: summarise(samples),
    combinations: [...worst].map(([name, worstMs]) => ({ name, worstMs: Math.round(worstMs * 1000) / 1000 })),
  };
}

export async function benchQueue(
  core: Core,
  combos: readonly Combo[],
  iterations: number,
  limit: number,
): Promise<ComboResult[]> {
  const context: QueueContext = { agentId: await core.session.agentId(), nowMs: core.store.now() };
  const results: ComboResult[] = [];
  for (const combo of combos) {
    const first = await core.invoke('queue/page', { filter: combo.filter, sort: combo.sort, offset: 0, limit });
    if (!first.ok) throw new Error(`${combo.name}: ${first.error.message}`);
    const total = (first.value as { total: number }).total;
    // Mostly the first pages (what an agent looks at), sometimes deep in the list (fast scrolling).
    const offsetFor = (i: number) =>
      i % 5 === 4 ? Math.floor((total * ((i * 7919) % 100)) / 100 / limit) * limit : (i % 4) * limit;
    const floor = compileFloor(core, combo, context, limit);
    const { ours, floor: floorTiming } = await timePair(
      iterations,
      async (i) => {
        const outcome = await core.invoke('queue/page', {
          filter: combo.filter,
          sort: combo.sort,
          offset: offsetFor(i),
          limit,
        });
        if (!outcome.ok) throw new Error(outcome.error.message);
      },
      (i) => floor(offsetFor(i)),
    );
    results.push({ ...combo, total, ours, floor: floorTiming });
  }
  return results;
}

export interface SearchResult {
  readonly text: string;
  readonly matches: number;
  readonly ours: Timing;
  readonly floor: Timing;
}

/**
 * Search as an agent types it: every call is a different text from the one before, so no cached match set
 * helps; each query's samples are reported on their own and all together.
 */
export async function benchSearch(
  core: Core,
  texts: readonly string[],
  iterations: number,
  limit: number,
): Promise<{ all: { ours: Timing; floor: Timing }; queries: SearchResult[] }> {
  const context: QueueContext = { agentId: await core.session.agentId(), nowMs: core.store.now() };
  const sort: QueueSort = { column: 'updated', direction: 'desc' };
  const floors = texts.map((text) => compileFloor(core, { name: text, filter: { text }, sort }, context, limit));
  const samples = texts.map(() => ({ ours: [] as number[], floor: [] as number[] }));
  const totals = new Map<string, number>();
  const rounds = iterations * texts.length;
  for (let i = -texts.length; i < rounds; i++) {
    const q = ((i % texts.length) + texts.length) % texts.length;
    let started = performance.now();
    const outcome = await core.invoke('queue/page', { filter: { text: texts[q] }, sort, offset: 0, limit });
    const oursMs = performance.now() - started;
    if (!outcome.ok) throw new Error(outcome.error.message);
    totals.set(texts[q]!, (outcome.value as { total: number }).total);
    started = performance.now();
    await floors[q]!(0);
    const floorMs = performance.now() - started;
    if (i < 0) continue; // warm-up round
    samples[q]!.ours.push(oursMs);
    samples[q]!.floor.push(floorMs);
  }
  return {
    all: {
      ours: summarise(samples.flatMap((s) => s.ours)),
      floor: summarise(samples.flatMap((s) => s.floor)),
    },
    queries: texts.map((text, q) => ({
      text,
      matches: totals.get(text) ?? 0,
      ours: summarise(samples[q]!.ours),
      floor: summarise(samples[q]!.floor),
    })),
  };
}
