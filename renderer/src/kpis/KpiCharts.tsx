import { SimpleGrid } from '@mantine/core';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { channel } from '#shared/domain/enums.ts';
import type { KpiReport } from '#shared/domain/kpi-answer.ts';
import { KPI_DEFINITIONS } from '#shared/domain/kpi-definitions.ts';
import { formatCount } from '#shared/domain/kpi-format.ts';
import { AGE_BUCKET_LABELS, AGE_BUCKETS } from '#shared/domain/kpi-query.ts';
import type { DrillFigure, KpiSlice } from '#shared/domain/kpi-query.ts';
import { ChartFrame } from './ChartFrame.tsx';
import {
  backlogRows,
  channelsWithIncidents,
  createdResolvedRows,
  hasSlaClocks,
  resolveDistributionRows,
  shareRows,
  slaRows,
} from './kpi-charts.ts';
import type { BacklogRow, CreatedResolvedRow } from './kpi-charts.ts';

/** Mantine's palette through its CSS variables, so the charts follow the light or dark theme. */
const colour = (name: string, shade = 6) => `var(--mantine-color-${name}-${shade})`;
const SERIES_COLOURS = ['blue', 'teal', 'grape', 'orange', 'cyan', 'pink', 'lime', 'indigo'];
const AGE_COLOURS = ['green', 'lime', 'yellow', 'orange', 'red'];
const AXIS = { fill: 'var(--mantine-color-dimmed)', fontSize: 12 };
const TOOLTIP_STYLE = {
  background: 'var(--mantine-color-body)',
  border: '1px solid var(--mantine-color-default-border)',
  color: 'var(--mantine-color-text)',
};
const HEIGHT = 240;
const LEGEND_STYLE = { fontSize: 12 };
/** A vertical axis title, centred along the axis and clear of its numbers. */
const yLabel = (value: string) => ({
  value,
  angle: -90,
  position: 'insideLeft' as const,
  fill: AXIS.fill,
  fontSize: 12,
  style: { textAnchor: 'middle' as const },
});

interface KpiChartsProps {
  readonly report: KpiReport;
  /** A goal for team SLA compliance on resolution, in percent, drawn as a line. */
  readonly slaGoal: number | null;
  onDrill(label: string, figure: DrillFigure, slice?: KpiSlice, bucket?: number): void;
}

const count = (n: number) => formatCount(n);

export function KpiCharts({ report, slaGoal, onDrill }: KpiChartsProps) {
  const created = createdResolvedRows(report);
  const channels = channelsWithIncidents(report);
  const backlog = backlogRows(report);
  const distribution = resolveDistributionRows(report);
  const sla = slaRows(report);
  const byChannel = shareRows(report.shares.channel);
  const byCategory = shareRows(report.shares.category);
  const unit = report.bucketUnit === 'day' ? 'per day' : report.bucketUnit === 'week' ? 'per week' : 'per month';
  const period = report.period.label;

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <ChartFrame
        title={`Created and resolved ${unit}`}
        description="Created bars are stacked by channel; click a bar to open its incidents in the queue."
        rows={created}
        columns={[
          { label: 'When', value: (row) => row.label },
          ...channels.map((c) => ({
            label: `Created by ${channel.labels[c]}`,
            value: (row: CreatedResolvedRow) => count(row[c]),
          })),
          { label: 'Resolved', value: (row) => count(row.resolved) },
        ]}
        empty={report.figures.created + report.figures.resolved === 0 ? 'No incidents in this period.' : null}
      >
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={created} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
            <XAxis dataKey="label" tick={AXIS} />
            <YAxis allowDecimals={false} tick={AXIS} width={64} label={yLabel('Incidents')} />
            <Tooltip contentStyle={TOOLTIP_STYLE} />
            <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
            {channels.map((c, i) => (
              <Bar
                key={c}
                dataKey={c}
                name={`Created: ${channel.labels[c]}`}
                stackId="created"
                fill={colour(SERIES_COLOURS[i % SERIES_COLOURS.length]!)}
                cursor="pointer"
                onClick={(_, index) =>
                  onDrill(
                    `Created by ${channel.labels[c]} · ${created[index]?.label ?? ''}`,
                    'created',
                    { channel: c },
                    index,
                  )
                }
              />
            ))}
            <Bar
              dataKey="resolved"
              name="Resolved"
              fill={colour('gray', 5)}
              cursor="pointer"
              onClick={(_, index) => onDrill(`Resolved · ${created[index]?.label ?? ''}`, 'resolved', undefined, index)}
            />
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>

      <ChartFrame
        title="Backlog over time, by age"
        description={`${KPI_DEFINITIONS.backlog} ${KPI_DEFINITIONS.backlogAge}`}
        rows={backlog}
        columns={[
          { label: 'At the end of', value: (row) => row.label },
          ...AGE_BUCKETS.map((age) => ({ label: AGE_BUCKET_LABELS[age], value: (row: BacklogRow) => count(row[age]) })),
          { label: 'Open', value: (row) => count(row.total) },
        ]}
        empty={backlog.every((row) => row.total === 0) ? 'Nothing was open in this period.' : null}
      >
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <AreaChart data={backlog} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
            <XAxis dataKey="label" tick={AXIS} />
            <YAxis allowDecimals={false} tick={AXIS} width={64} label={yLabel('Open incidents')} />
            <Tooltip contentStyle={TOOLTIP_STYLE} />
            <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
            {AGE_BUCKETS.map((age, i) => (
              <Area
                key={age}
                dataKey={age}
                name={AGE_BUCKET_LABELS[age]}
                stackId="age"
                type="monotone"
                stroke={colour(AGE_COLOURS[i]!)}
                fill={colour(AGE_COLOURS[i]!, 4)}
              />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      </ChartFrame>

      <ChartFrame
        title="Time to resolve"
        description="Incidents resolved in the period, by how long they took from being reported."
        rows={distribution}
        columns={[
          { label: 'Took', value: (row) => row.label },
          { label: 'Incidents', value: (row) => count(row.count) },
        ]}
        empty={report.figures.resolved === 0 ? 'Nothing was resolved in this period.' : null}
      >
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={distribution} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
            <XAxis dataKey="label" tick={AXIS} />
            <YAxis allowDecimals={false} tick={AXIS} width={64} label={yLabel('Resolved')} />
            <Tooltip contentStyle={TOOLTIP_STYLE} />
            <Bar dataKey="count" name="Resolved incidents" fill={colour('teal')} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>

      <ChartFrame
        title="SLA compliance over time"
        description={KPI_DEFINITIONS.slaCompliance}
        rows={sla}
        columns={[
          { label: 'When', value: (row) => row.label },
          { label: 'First response', value: (row) => (row.firstResponse === null ? '—' : `${row.firstResponse}%`) },
          { label: 'Resolution', value: (row) => (row.resolution === null ? '—' : `${row.resolution}%`) },
        ]}
        empty={
          hasSlaClocks(report)
            ? null
            : 'No service levels yet: no service-level clock was met or breached in this period.'
        }
      >
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={sla} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
            <XAxis dataKey="label" tick={AXIS} />
            <YAxis domain={[0, 100]} unit="%" tick={AXIS} />
            <Tooltip contentStyle={TOOLTIP_STYLE} />
            <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
            <Line dataKey="firstResponse" name="First response" stroke={colour('blue')} connectNulls={false} />
            <Line dataKey="resolution" name="Resolution" stroke={colour('grape')} connectNulls={false} />
            {slaGoal === null ? null : (
              <ReferenceLine
                y={slaGoal}
                stroke={colour('red')}
                strokeDasharray="6 3"
                label={{ value: `Goal ${slaGoal}%`, fill: AXIS.fill }}
              />
            )}
          </LineChart>
        </ResponsiveContainer>
      </ChartFrame>

      {[
        { title: 'Created by channel', rows: byChannel, key: 'channel' as const },
        { title: 'Created by category', rows: byCategory, key: 'categoryId' as const },
      ].map((share) => (
        <ChartFrame
          key={share.title}
          title={share.title}
          description={`${KPI_DEFINITIONS.share} ${period}. Click a bar to open its incidents.`}
          rows={share.rows}
          columns={[
            { label: 'Name', value: (row) => row.name },
            { label: 'Incidents', value: (row) => count(row.count) },
          ]}
          empty={share.rows.length === 0 ? 'No incidents in this period.' : null}
        >
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <BarChart data={share.rows} layout="vertical" accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
              <XAxis type="number" allowDecimals={false} tick={AXIS} />
              <YAxis type="category" dataKey="name" width={130} tick={AXIS} />
              <Tooltip contentStyle={TOOLTIP_STYLE} />
              <Bar
                dataKey="count"
                name="Incidents"
                fill={colour('indigo')}
                cursor="pointer"
                onClick={(_, index) => {
                  const row = share.rows[index];
                  if (!row) return;
                  const slice: KpiSlice =
                    share.key === 'channel'
                      ? { channel: row.key as KpiSlice['channel'] & string }
                      : { categoryId: row.key };
                  onDrill(`Created · ${row.name}`, 'created', slice);
                }}
              />
            </BarChart>
          </ResponsiveContainer>
        </ChartFrame>
      ))}
    </SimpleGrid>
  );
}
