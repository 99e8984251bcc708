import type { KpiReport } from '#shared/domain/kpi-answer.ts';
import { formatChange, formatCount, formatDuration, formatPercent } from '#shared/domain/kpi-format.ts';
import type { KpiFilters, KpiReportInput } from '#shared/domain/kpi-query.ts';
import type { KpiFigures } from '#shared/domain/kpi-tally.ts';
import type { Core } from '#core/index.ts';
import { ask, dataDir, dataOption, withCore } from './command.ts';
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';

/**
 * `desk kpi`: the dashboard's figures for scripts and scheduled reports. It asks the core the same
 * `kpi/report` the KPIs screen asks, so the definitions and the numbers are the same.
 */

/** The figures as `--json` prints them: for the team, and for each agent and group. */
export function figuresJson(f: KpiFigures) {
  return {
    created: f.created,
    resolved: f.resolved,
    timeToResolve: {
      meanMinutes: f.timeToResolve.meanMinutes,
      medianMinutes: f.timeToResolve.medianMinutes,
      p90Minutes: f.timeToResolve.p90Minutes,
    },
    mtta: { meanMinutes: f.mtta.meanMinutes },
    backlog: { atStart: f.backlog.atStart, atEnd: f.backlog.atEnd },
    slaCompliance: { firstResponse: f.slaCompliance.firstResponse.rate, resolution: f.slaCompliance.resolution.rate },
    firstContactResolution: f.firstContactResolution.rate,
    reopenRate: f.reopenRate.rate,
  };
}

export function kpiJson(report: KpiReport) {
  return {
    period: { from: report.period.from, to: report.period.to, timeZone: report.timeZone, measure: report.measure },
    ...figuresJson(report.figures),
    byAgent: report.byAgent.map((row) => ({ agent: row.email, name: row.name, ...figuresJson(row.figures) })),
    byGroup: report.byGroup.map((row) => ({ group: row.name, ...figuresJson(row.figures) })),
  };
}

function line(label: string, value: string, change = ''): string {
  return `${label.padEnd(26)}${value}${change ? `   (${change} on the period before)` : ''}`;
}

export function formatKpiReport(report: KpiReport): string {
  const f = report.figures;
  const p = report.previousFigures;
  const ttr = f.timeToResolve;
  const sla = f.slaCompliance;
  const measure = report.measure === 'business' ? 'business hours' : 'calendar time';
  const table = (title: string, rows: KpiReport['byAgent']) => [
    '',
    title,
    `  ${'Name'.padEnd(24)}${['Created', 'Resolved', 'MTTA', 'Median TTR', 'FCR', 'Reopen'].map((h) => h.padStart(12)).join('')}`,
    ...rows.map(
      (row) =>
        `  ${row.name.slice(0, 23).padEnd(24)}${[
          formatCount(row.figures.created),
          formatCount(row.figures.resolved),
          formatDuration(row.figures.mtta.meanMinutes),
          formatDuration(row.figures.timeToResolve.medianMinutes),
          formatPercent(row.figures.firstContactResolution.rate),
          formatPercent(row.figures.reopenRate.rate),
        ]
          .map((v) => v.padStart(12))
          .join('')}`,
    ),
  ];
  return [
    `KPIs for ${report.period.label} (${report.period.from} to ${report.period.to}, days in ${report.timeZone}, ${measure})`,
    '',
    line('Created', formatCount(f.created), formatChange(f.created, p.created, 'count')),
    line('Resolved', formatCount(f.resolved), formatChange(f.resolved, p.resolved, 'count')),
    line(
      'Time to resolve',
      `mean ${formatDuration(ttr.meanMinutes)}, median ${formatDuration(ttr.medianMinutes)}, 90th percentile ${formatDuration(ttr.p90Minutes)}`,
    ),
    line(
      'Mean time to acknowledge',
      formatDuration(f.mtta.meanMinutes),
      formatChange(f.mtta.meanMinutes, p.mtta.meanMinutes, 'duration'),
    ),
    line('Backlog', `${formatCount(f.backlog.atStart)} at the start, ${formatCount(f.backlog.atEnd)} at the end`),
    line(
      'SLA compliance',
      sla.firstResponse.of || sla.resolution.of
        ? `first response ${formatPercent(sla.firstResponse.rate)}, resolution ${formatPercent(sla.resolution.rate)}`
        : 'no service-level clocks finished or breached in the period',
    ),
    line('First contact resolution', formatPercent(f.firstContactResolution.rate)),
    line('Reopen rate', formatPercent(f.reopenRate.rate)),
    ...table('By agent', report.byAgent),
    ...table('By group', report.byGroup),
  ].join('\n');
}

function lookUp<T extends { id: string }>(
  items: readonly T[],
  wanted: string,
  keys: (item: T) => string[],
  option: string,
): string {
  const key = wanted.trim().toLowerCase();
  const match = items.find((item) => item.id === wanted || keys(item).some((k) => k.toLowerCase() === key));
  if (!match) throw new UsageError(`--${option} "${wanted}" matches nobody in this workspace.`);
  return match.id;
}

/** The same question the KPIs screen asks, from the command line's names (group names, agents' emails). */
export async function kpiQueryFromOptions(core: Core, values: Record<string, unknown>): Promise<KpiReportInput> {
  const { from, to } = values as { from?: string; to?: string };
  if ((from === undefined) !== (to === undefined)) {
    throw new UsageError('--from and --to go together: the period is [from, to).');
  }
  const reference = await ask(core, 'reference/get', {});
  const filters: KpiFilters = {};
  if (typeof values.group === 'string') {
    filters.groupIds = [lookUp(reference.groups, values.group, (g) => [g.name], 'group')];
  }
  if (typeof values.agent === 'string') {
    filters.agentIds = [lookUp(reference.agents, values.agent, (a) => [a.email, a.name], 'agent')];
  }
  return {
    period: from !== undefined && to !== undefined ? { from, to } : { preset: 'last30Days' },
    filters,
    measure: values['business-time'] ? 'business' : 'calendar',
  };
}

export const KPI_COMMANDS: Record<string, Command> = {
  kpi: {
    summary: 'print the KPIs (the KPIs screen’s figures) for a period',
    usage:
      'desk kpi [--data DIR] [--json] [--from WHEN --to WHEN] [--group NAME] [--agent EMAIL] [--business-time]\n' +
      '  WHEN is a date (YYYY-MM-DD, in the workspace’s time zone) or an ISO 8601 instant; the period is [from, to),\n' +
      '  the last 30 days when not given.',
    options: {
      ...dataOption,
      json: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      group: { type: 'string' },
      agent: { type: 'string' },
      'business-time': { type: 'boolean' },
    },
    async run(values) {
      await withCore(dataDir(values), async (core) => {
        const report = await ask(core, 'kpi/report', await kpiQueryFromOptions(core, values));
        console.log(values.json ? JSON.stringify(kpiJson(report), null, 2) : formatKpiReport(report));
      });
    },
  },
};
