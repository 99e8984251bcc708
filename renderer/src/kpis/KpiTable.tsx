import { Anchor, Paper, SegmentedControl, Group as Row, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { GOAL_KPI_INFO } from '#shared/domain/goals.ts';
import type { KpiReport, NamedKpiRow } from '#shared/domain/kpi-answer.ts';
import { KPI_DEFINITIONS } from '#shared/domain/kpi-definitions.ts';
import { formatCount, formatDuration, formatPercent } from '#shared/domain/kpi-format.ts';
import type { DrillFigure, KpiSlice } from '#shared/domain/kpi-query.ts';
import { goalText } from './kpi-cards.ts';

interface KpiTableProps {
  readonly report: KpiReport;
  onDrill(label: string, figure: DrillFigure, slice: KpiSlice): void;
}

type Split = 'agent' | 'group';

function DrillCell({ count, label, onOpen }: { count: number; label: string; onOpen(): void }) {
  if (count === 0) return <>0</>;
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      onClick={onOpen}
      aria-label={`${label}: ${formatCount(count)}. Open them in the queue`}
    >
      {formatCount(count)}
    </Anchor>
  );
}

/** Each agent's or group's figures, with their goals: the per-agent table supervisors review with the team. */
export function KpiTable({ report, onDrill }: KpiTableProps) {
  const [split, setSplit] = useState<Split>('agent');
  const rows: readonly NamedKpiRow[] = split === 'agent' ? report.byAgent : report.byGroup;
  const sliceOf = (row: NamedKpiRow): KpiSlice => (split === 'agent' ? { agentId: row.key } : { groupId: row.key });

  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="kpi-table-title">
      <Row justify="space-between" mb="xs">
        <Title order={3} size="h5" id="kpi-table-title">
          {report.teamView ? (split === 'agent' ? 'By agent' : 'By group') : 'My figures'}
        </Title>
        {report.teamView ? (
          <SegmentedControl
            size="xs"
            aria-label="Show figures by"
            value={split}
            onChange={(value) => setSplit(value as Split)}
            data={[
              { value: 'agent', label: 'By agent' },
              { value: 'group', label: 'By group' },
            ]}
          />
        ) : null}
      </Row>
      <Text size="xs" c="dimmed" mb="xs">
        {KPI_DEFINITIONS.perAgent}
      </Text>
      <Table.ScrollContainer minWidth={800}>
        <Table
          striped
          highlightOnHover
          styles={{ td: { whiteSpace: 'nowrap' } }}
          aria-labelledby="kpi-table-title"
          data-testid="kpi-table"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{split === 'agent' ? 'Agent' : 'Group'}</Table.Th>
              <Table.Th scope="col">Handled</Table.Th>
              <Table.Th scope="col">Resolved</Table.Th>
              <Table.Th scope="col">MTTA</Table.Th>
              <Table.Th scope="col">Time to resolve (median)</Table.Th>
              <Table.Th scope="col">SLA resolution</Table.Th>
              <Table.Th scope="col">First contact resolution</Table.Th>
              <Table.Th scope="col">Reopen rate</Table.Th>
              <Table.Th scope="col">Goals</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const f = row.figures;
              return (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row" fw={500}>
                    {row.name}
                  </Table.Th>
                  <Table.Td>
                    <DrillCell
                      count={f.handled}
                      label={`Handled by ${row.name}`}
                      onOpen={() => onDrill(`Handled · ${row.name}`, 'handled', sliceOf(row))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <DrillCell
                      count={f.resolved}
                      label={`Resolved by ${row.name}`}
                      onOpen={() => onDrill(`Resolved · ${row.name}`, 'resolved', sliceOf(row))}
                    />
                  </Table.Td>
                  <Table.Td>{formatDuration(f.mtta.meanMinutes)}</Table.Td>
                  <Table.Td>{formatDuration(f.timeToResolve.medianMinutes)}</Table.Td>
                  <Table.Td>{formatPercent(f.slaCompliance.resolution.rate)}</Table.Td>
                  <Table.Td>{formatPercent(f.firstContactResolution.rate)}</Table.Td>
                  <Table.Td>{formatPercent(f.reopenRate.rate)}</Table.Td>
                  <Table.Td>
                    {row.goals.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        None
                      </Text>
                    ) : (
                      row.goals.map((goal) => (
                        <Text size="xs" key={goal.goal.id} c={goal.met === false ? 'red' : undefined}>
                          {GOAL_KPI_INFO[goal.goal.kpi].label}: {goalText(goal)}
                        </Text>
                      ))
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
