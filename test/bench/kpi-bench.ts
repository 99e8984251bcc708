import { CompiledQuery } from 'kysely';
import type { Channel, Priority } from '#shared/domain/enums.ts';
import type { KpiFilters, KpiReportInput } from '#shared/domain/kpi-query.ts';
import { resolvePeriod } from '#shared/domain/kpi-period.ts';
import type { Core } from '#core/index.ts';
import type { Db } from '#core/store/store.ts';
import { summarise, timePair } from './measure.ts';
import type { Timing } from './measure.ts';

/**
 * The KPI dashboard in the core: `kpi/report` for periods from a week to two years and the filters a
 * supervisor uses, each beside its floor, raw SQL on the same connection computing the same figures from the
 * same facts table with SQLite's own aggregates (counts per bar and channel, per agent and group, the backlog,
 * the time-to-resolve mean and the sorted values a median needs, the shares). Budget (DESIGN §9): 200 ms p95 at
 * 100,000 incidents.
 */
export const KPI_BUDGET_P95_MS = 200;

export interface KpiCombo {
  readonly name: string;
  readonly input: KpiReportInput;
}

export interface KpiComboResult {
  readonly name: string;
  readonly created: number;
  readonly resolved: number;
  readonly ours: Timing;
  readonly floor: Timing;
}

export async function kpiCombos(core: Core, nowMs: number): Promise<KpiCombo[]> {
  const db = core.store.db;
  const group = await db.selectFrom('agent_group').select('id').orderBy('name').executeTakeFirstOrThrow();
  const agent = await db
    .selectFrom('incident_kpi')
    .select('assignee_id')
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .executeTakeFirstOrThrow();
  const category = await db.selectFrom('category').select('id').orderBy('name').executeTakeFirst();
  const day = (offset: number) => new Date(nowMs + offset * 86_400_000).toISOString().slice(0, 10);
  const twoYears = { from: day(-730), to: day(1) };
  const filters: [string, KpiFilters][] = [
    ['team', {}],
    ['one group', { groupIds: [group.id] }],
    ['one agent', { agentIds: [agent.assignee_id!] }],
    ['email and phone, P1–P2', { channels: ['email', 'phone'], priorities: [1, 2] }],
    ...(category ? ([['one category', { categoryIds: [category.id] }]] as [string, KpiFilters][]) : []),
  ];
  const periods: [string, KpiReportInput['period']][] = [
    ['last 7 days', { preset: 'last7Days' }],
    ['last 30 days', { preset: 'last30Days' }],
    ['this quarter', { preset: 'thisQuarter' }],
    ['last 365 days', { from: day(-364), to: day(1) }],
    ['two years', twoYears],
  ];
  const combos: KpiCombo[] = [];
  for (const [periodName, period] of periods) {
    for (const [filterName, filter] of filters) {
      combos.push({ name: `${periodName}, ${filterName}`, input: { period, filters: filter } });
    }
  }
  combos.push({ name: 'two years, team, business hours', input: { period: twoYears, measure: 'business' } });
  return combos;
}

/** The filters as SQL over incident_kpi, with their parameters. */
function whereFilters(filters: KpiFilters = {}): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const list = (column: string, values: readonly unknown[] | undefined) => {
    if (!values?.length) return;
    parts.push(`${column} IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(values));
  };
  list('group_id', filters.groupIds);
  list('assignee_id', filters.agentIds);
  list('channel', filters.channels as Channel[] | undefined);
  list('category_id', filters.categoryIds);
  list('service_id', filters.serviceIds);
  list('priority', filters.priorities as Priority[] | undefined);
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', params };
}

/** Raw SQL on the same facts for the same figures; the bars are days (the finest the screen draws). */
function floorFor(db: Db, combo: KpiCombo, nowMs: number) {
  const { current, previous } = resolvePeriod(combo.input.period, nowMs, 'UTC');
  const where = whereFilters(combo.input.filters);
  const run = (statement: string, params: unknown[]) => db.executeQuery(CompiledQuery.raw(statement, params));
  const window = (from: number, to: number) => [
    run(
      `SELECT (reported_at - ?) / 86400000 AS bar, channel, count(*) FROM incident_kpi
       WHERE reported_at >= ? AND reported_at < ?${where.sql} GROUP BY 1, 2`,
      [from, from, to, ...where.params],
    ),
    run(
      `SELECT (resolved_at - ?) / 86400000 AS bar, count(*), sum(resolved_at - reported_at), sum(first_contact),
         sum(reopens > 0) FROM incident_kpi WHERE resolved_at >= ? AND resolved_at < ?${where.sql} GROUP BY 1`,
      [from, from, to, ...where.params],
    ),
    run(
      `SELECT resolved_at - reported_at AS ms FROM incident_kpi
       WHERE resolved_at >= ? AND resolved_at < ?${where.sql} ORDER BY ms`,
      [from, to, ...where.params],
    ),
    run(
      `SELECT assignee_id, group_id, count(*), sum(resolved_at >= ? AND resolved_at < ?),
         sum(CASE WHEN acknowledged_at >= ? AND acknowledged_at < ? THEN acknowledged_at - reported_at END)
       FROM incident_kpi WHERE reported_at < ? AND (active_until IS NULL OR active_until >= ?)${where.sql}
       GROUP BY 1, 2`,
      [from, to, from, to, to, from, ...where.params],
    ),
    run(
      `SELECT sum(reported_at < ? AND (resolved_at IS NULL OR resolved_at >= ?)),
         sum(reported_at < ? AND (resolved_at IS NULL OR resolved_at >= ?))
       FROM incident_kpi WHERE reported_at < ? AND (active_until IS NULL OR active_until >= ?)${where.sql}`,
      [from, from, to, to, to, from, ...where.params],
    ),
    run(
      `SELECT category_id, service_id, priority, count(*) FROM incident_kpi
       WHERE reported_at >= ? AND reported_at < ?${where.sql} GROUP BY 1, 2, 3`,
      [from, to, ...where.params],
    ),
  ];
  return () => Promise.all([...window(current.from, current.to), ...window(previous.from, previous.to)]);
}

export async function benchKpi(
  core: Core,
  combos: readonly KpiCombo[],
  iterations: number,
): Promise<{ combos: KpiComboResult[]; all: { ours: Timing; floor: Timing } }> {
  const nowMs = core.store.now();
  const results: KpiComboResult[] = [];
  const ours: number[] = [];
  const floors: number[] = [];
  for (const combo of combos) {
    const first = await core.invoke('kpi/report', combo.input);
    if (!first.ok) throw new Error(`${combo.name}: ${first.error.message}`);
    const figures = (first.value as { figures: { created: number; resolved: number } }).figures;
    const floor = floorFor(core.store.db, combo, nowMs);
    const timing = await timePair(
      iterations,
      async () => {
        const outcome = await core.invoke('kpi/report', combo.input);
        if (!outcome.ok) throw new Error(outcome.error.message);
      },
      floor,
    );
    results.push({ name: combo.name, created: figures.created, resolved: figures.resolved, ...timing });
    ours.push(timing.ours.p95Ms);
    floors.push(timing.floor.p95Ms);
  }
  return { combos: results, all: { ours: summarise(ours), floor: summarise(floors) } };
}
