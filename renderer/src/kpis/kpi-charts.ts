import { CHANNELS } from '#shared/domain/enums.ts';
import type { Channel } from '#shared/domain/enums.ts';
import type { KpiReport, NamedShareRow } from '#shared/domain/kpi-answer.ts';
import { AGE_BUCKETS, RESOLVE_BUCKET_LABELS, RESOLVE_BUCKETS } from '#shared/domain/kpi-query.ts';
import type { AgeBucket } from '#shared/domain/kpi-query.ts';
import type { SlaClockName } from '#shared/domain/sla-input.ts';

/**
 * The report's series as rows a chart draws, one row per bar or point: charts only render. The same rows are
 * each chart's text alternative, so what a screen reader hears is what the chart shows.
 */
export type CreatedResolvedRow = { readonly label: string; readonly resolved: number } & Readonly<
  Record<Channel, number>
>;

export function createdResolvedRows(report: Pick<KpiReport, 'buckets' | 'series'>): CreatedResolvedRow[] {
  return report.buckets.map((bucket, i) => {
    const row: Record<string, number | string> = { label: bucket.label, resolved: report.series.resolved[i] ?? 0 };
    for (const c of CHANNELS) row[c] = report.series.created[c][i] ?? 0;
    return row as CreatedResolvedRow;
  });
}

/** Channels that brought at least one incident in the period: the others would be empty legend entries. */
export function channelsWithIncidents(report: Pick<KpiReport, 'series'>): Channel[] {
  return CHANNELS.filter((c) => report.series.created[c].some((n) => n > 0));
}

export type BacklogRow = { readonly label: string; readonly total: number } & Readonly<Record<AgeBucket, number>>;

export function backlogRows(report: Pick<KpiReport, 'buckets' | 'series'>): BacklogRow[] {
  return report.buckets.map((bucket, i) => {
    const row: Record<string, number | string> = { label: bucket.label };
    let total = 0;
    for (const age of AGE_BUCKETS) {
      const n = report.series.backlog[age][i] ?? 0;
      row[age] = n;
      total += n;
    }
    row.total = total;
    return row as BacklogRow;
  });
}

export interface DistributionRow {
  readonly label: string;
  readonly count: number;
}

export function resolveDistributionRows(report: Pick<KpiReport, 'resolveDistribution'>): DistributionRow[] {
  return RESOLVE_BUCKETS.map((bucket, i) => ({
    label: RESOLVE_BUCKET_LABELS[bucket],
    count: report.resolveDistribution[i] ?? 0,
  }));
}

/** SLA compliance per bar in percent; null (a gap in the line) where no clock finished. */
export type SlaRow = { readonly label: string } & Readonly<Record<'firstResponse' | 'resolution', number | null>>;

export function slaRows(report: Pick<KpiReport, 'buckets' | 'series'>): SlaRow[] {
  const percent = (clock: SlaClockName, i: number): number | null => {
    const met = report.series.sla[clock].met[i] ?? 0;
    const finished = met + (report.series.sla[clock].breached[i] ?? 0);
    return finished ? Number(((met / finished) * 100).toFixed(1)) : null;
  };
  return report.buckets.map((bucket, i) => ({
    label: bucket.label,
    firstResponse: percent('firstResponse', i),
    resolution: percent('resolution', i),
  }));
}

/** Whether any clock finished in the period: without one the compliance chart has nothing to draw. */
export function hasSlaClocks(report: Pick<KpiReport, 'series'>): boolean {
  return Object.values(report.series.sla).some(
    (clock) => clock.met.some((n) => n > 0) || clock.breached.some((n) => n > 0),
  );
}

/** A share's rows with incidents, the biggest first. */
export function shareRows(rows: readonly NamedShareRow[]): NamedShareRow[] {
  return rows.filter((row) => row.count > 0).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
