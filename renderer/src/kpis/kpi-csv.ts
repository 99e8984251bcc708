import type { KpiReport } from '#shared/domain/kpi-answer.ts';
import { TIME_MEASURE_LABELS } from '#shared/domain/kpi-query.ts';
import type { KpiFilters } from '#shared/domain/kpi-query.ts';
import { formatCount, formatDuration, formatPercent } from '#shared/domain/kpi-format.ts';
import type { KpiCard } from './kpi-cards.ts';

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (values: readonly (string | number)[]) => values.map(field).join(',');

const FILTER_LABELS: Record<keyof KpiFilters, string> = {
  groupIds: 'Groups',
  agentIds: 'Agents',
  channels: 'Channels',
  categoryIds: 'Categories',
  serviceIds: 'Services',
  priorities: 'Priorities',
};

/** "Groups: Service Desk; Channels: Email", or "None" for the whole team. */
export function filtersText(filters: KpiFilters, nameOf: (key: keyof KpiFilters, value: string) => string): string {
  const parts = (Object.keys(FILTER_LABELS) as (keyof KpiFilters)[])
    .filter((key) => (filters[key]?.length ?? 0) > 0)
    .map((key) => `${FILTER_LABELS[key]}: ${(filters[key] ?? []).map((v) => nameOf(key, String(v))).join(', ')}`);
  return parts.length ? parts.join('; ') : 'None';
}

/**
 * The dashboard's figures as CSV, as shown on screen: the period, comparison and filters in the first lines,
 * then each figure with its change, then the per-agent (or per-group) table.
 */
export function kpiCsv(
  report: Pick<KpiReport, 'period' | 'previousPeriod' | 'measure' | 'timeZone' | 'byAgent' | 'byGroup'>,
  cards: readonly KpiCard[],
  filters: string,
  split: 'agent' | 'group' = 'agent',
): string {
  const rows = split === 'agent' ? report.byAgent : report.byGroup;
  return [
    line(['Period', report.period.label, 'From', report.period.from, 'To', report.period.to]),
    line(['Compared with', report.previousPeriod.label]),
    line(['Filters', filters]),
    line(['Durations in', TIME_MEASURE_LABELS[report.measure], 'Time zone', report.timeZone]),
    '',
    line(['Figure', 'Value', 'Change', 'Detail']),
    ...cards.map((card) => line([card.label, card.value, card.change, card.detail])),
    '',
    line([
      split === 'agent' ? 'Agent' : 'Group',
      'Handled',
      'Resolved',
      'MTTA',
      'Time to resolve (median)',
      'SLA resolution',
      'First contact resolution',
      'Reopen rate',
    ]),
    ...rows.map((row) =>
      line([
        row.name,
        formatCount(row.figures.handled),
        formatCount(row.figures.resolved),
        formatDuration(row.figures.mtta.meanMinutes),
        formatDuration(row.figures.timeToResolve.medianMinutes),
        formatPercent(row.figures.slaCompliance.resolution.rate),
        formatPercent(row.figures.firstContactResolution.rate),
        formatPercent(row.figures.reopenRate.rate),
      ]),
    ),
  ].join('\r\n');
}
