import { channel as channelEnum, priorityLabel } from '#shared/domain/enums.ts';
import type { Priority } from '#shared/domain/enums.ts';
import { goalProgress } from '#shared/domain/goals.ts';
import type { Goal } from '#shared/domain/goals.ts';
import type { KpiReport, NamedKpiRow, NamedShareRow } from '#shared/domain/kpi-answer.ts';
import { bucketUnitFor, periodText } from '#shared/domain/kpi-period.ts';
import type { KpiDrill, KpiReportQuery } from '#shared/domain/kpi-query.ts';
import { computeKpis, drillIncidents } from '#shared/domain/kpi-report.ts';
import type { KpiRow, ShareRow } from '#shared/domain/kpi-report.ts';
import { emptyFigures } from '#shared/domain/kpi-tally.ts';
import { formatInstant } from '#shared/domain/instant.ts';
import { listGoals } from './goal.repository.ts';
import { planReport } from './kpi-plan.ts';
import type { KpiDeps, PlannedReport } from './kpi-plan.ts';

/** The KPI report a screen or the CLI asks for: computeKpis over the facts, with names, goals and the viewer's reach. */
export async function kpiReport(deps: KpiDeps, query: KpiReportQuery): Promise<KpiReport> {
  const planned = await planReport(deps, query);
  const { plan, viewer, reference, settings, filters } = planned;
  const [facts, goals] = await Promise.all([
    deps.kpi.factsFor(Math.min(plan.previous.from, plan.current.from), plan.current.to),
    listGoals(deps.store.db),
  ]);
  const result = computeKpis(facts, plan);
  const periodMs = plan.current.to - plan.current.from;
  const goalsFor = (scope: Goal['scope'], id: string | null, row: KpiRow) =>
    goals
      .filter((goal) => goal.scope === scope && goal.scopeId === id)
      .map((goal) => goalProgress(goal, row.figures, periodMs));

  const agentName = new Map(reference.agents.map((a) => [a.id, a]));
  const groupName = new Map(reference.groups.map((g) => [g.id, g.name]));
  const agentRows = withEveryone(result.byAgent, agentsInReach(planned)).map((row): NamedKpiRow => ({
    ...row,
    name: row.key === 'none' ? 'Unassigned' : (agentName.get(row.key)?.name ?? row.key),
    email: agentName.get(row.key)?.email ?? null,
    goals: goalsFor('agent', row.key, row),
  }));
  const groupRows = withEveryone(result.byGroup, groupsInReach(planned)).map((row): NamedKpiRow => ({
    ...row,
    name: row.key === 'none' ? 'No group' : (groupName.get(row.key) ?? row.key),
    email: null,
    goals: goalsFor('group', row.key, row),
  }));
  const byName = (a: NamedKpiRow, b: NamedKpiRow) =>
    a.key === 'none' ? 1 : b.key === 'none' ? -1 : a.name.localeCompare(b.name);
  const named = (rows: readonly ShareRow[], name: (key: string) => string): NamedShareRow[] =>
    rows.map((row) => ({ ...row, name: name(row.key) }));
  const categoryName = new Map(reference.categories.map((c) => [c.id, c.name]));
  const serviceName = new Map(reference.services.map((s) => [s.id, s.name]));

  return {
    period: { ...periodText(plan.current), label: plan.current.label },
    previousPeriod: { ...periodText(plan.previous), label: plan.previous.label },
    buckets: plan.buckets.map((b) => ({ ...periodText(b), label: b.label })),
    bucketUnit: bucketUnitFor(plan.current),
    timeZone: settings.timeZone,
    measure: query.measure,
    filters,
    figures: result.figures,
    previousFigures: result.previousFigures,
    series: result.series,
    resolveDistribution: result.resolveDistribution,
    shares: {
      channel: named(result.shares.channel, (key) => channelEnum.labels[key as keyof typeof channelEnum.labels] ?? key),
      category: named(result.shares.category, (key) =>
        key === 'none' ? 'No category' : (categoryName.get(key) ?? key),
      ),
      service: named(result.shares.service, (key) => (key === 'none' ? 'No service' : (serviceName.get(key) ?? key))),
      priority: named(result.shares.priority, (key) => priorityLabel(Number(key) as Priority)),
    },
    byAgent: agentRows.filter((row) => viewer.teamView || row.key === viewer.agent?.id).sort(byName),
    byGroup: groupRows.sort(byName),
    goals: goals.filter((goal) => goal.scope === 'team').map((goal) => goalProgress(goal, result.figures, periodMs)),
    teamView: viewer.teamView,
    generatedAt: formatInstant(plan.now),
  };
}

/** Rows for everyone in reach, with zeros for those who had nothing in the period. */
function withEveryone(rows: readonly KpiRow[], everyone: readonly string[]): KpiRow[] {
  const seen = new Set(rows.map((row) => row.key));
  const zero = emptyFigures();
  return [...rows, ...everyone.filter((key) => !seen.has(key)).map((key) => ({ key, figures: zero, previous: zero }))];
}

/** The active agents the filters cover: those named, or the members of the groups named, or everyone. */
function agentsInReach({ filters, reference, viewer }: PlannedReport): string[] {
  if (!viewer.teamView) return viewer.agent ? [viewer.agent.id] : [];
  if (filters.agentIds?.length) return filters.agentIds.filter((id) => id !== 'none');
  const active = reference.agents.filter((agent) => agent.active);
  const groups = filters.groupIds?.filter((id) => id !== 'none');
  if (filters.groupIds?.length)
    return active.filter((a) => a.groupIds.some((g) => groups?.includes(g))).map((a) => a.id);
  return active.map((agent) => agent.id);
}

function groupsInReach({ filters, reference }: PlannedReport): string[] {
  if (filters.groupIds?.length) return filters.groupIds.filter((id) => id !== 'none');
  return reference.groups.map((group) => group.id);
}

/** The ids of exactly the incidents behind a figure, for the queue's drill-down. */
export async function kpiDrillIds(deps: KpiDeps, drill: KpiDrill): Promise<string[]> {
  const { plan } = await planReport(deps, drill);
  const facts = await deps.kpi.factsFor(Math.min(plan.previous.from, plan.current.from), plan.current.to);
  return drillIncidents(facts, plan, drill);
}
