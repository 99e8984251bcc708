import { Alert, Button, Group, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { GOAL_KPI_INFO, GOAL_KPIS } from '#shared/domain/goals.ts';
import type { Goal, GoalKpi } from '#shared/domain/goals.ts';
import { useReference } from '../api/reference-context.tsx';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useDeskQuery } from '../api/use-desk-query.ts';
import { describeError } from '../feedback/describe-error.ts';
import { GoalDialog } from '../kpis/GoalDialog.tsx';
import { goalRows } from './goal-rows.ts';

const KPI_OPTIONS = GOAL_KPIS.map((kpi) => ({ value: kpi, label: GOAL_KPI_INFO[kpi].label }));

/**
 * Settings → Goals: every goal in one list, for the team, a group or an agent. Supervisors add, change and
 * remove them here (or from a card on the KPIs screen); agents see them, and are told why they cannot change them.
 */
export function GoalsTab() {
  const me = useSignedInAgent();
  const reference = useReference();
  const run = useDeskCommand();
  const supervisor = me.role === 'supervisor';
  const { load } = useDeskQuery('goal/list', {}, { reloadWhen: (change) => change.reference });
  const [editing, setEditing] = useState<{ kpi: GoalKpi; goal: Goal | null } | null>(null);
  if (load.kind === 'loading') return null;
  if (load.kind === 'failed') {
    return (
      <Alert color="red" title="The goals could not be loaded">
        {describeError(load.error).message}
      </Alert>
    );
  }
  const rows = goalRows(load.value, reference);
  const remove = (goal: Goal) =>
    run('goal/delete', { id: goal.id }, { success: `Goal removed: ${GOAL_KPI_INFO[goal.kpi].label}` });

  return (
    <Stack>
      {supervisor ? (
        <Group justify="flex-end">
          <Select
            label="Add a goal for"
            placeholder="Choose a figure"
            data={KPI_OPTIONS}
            value={null}
            onChange={(value) => value && setEditing({ kpi: value as GoalKpi, goal: null })}
            w={280}
          />
        </Group>
      ) : (
        <Alert color="blue" variant="light" title="Supervisors set goals">
          You can see the team’s goals and your own here and on the KPIs screen; only a supervisor can add, change or
          remove them, because goals are how the team’s work is judged.
        </Alert>
      )}
      {rows.length ? (
        <Table striped aria-label="Goals" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Figure</Table.Th>
              <Table.Th>For</Table.Th>
              <Table.Th>Target</Table.Th>
              {supervisor ? (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>{row.kpi}</Table.Td>
                <Table.Td>{row.who}</Table.Td>
                <Table.Td>{row.target}</Table.Td>
                {supervisor ? (
                  <Table.Td>
                    <Group justify="flex-end" gap="xs">
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        aria-label={`Edit the goal ${row.kpi}, ${row.who}`}
                        onClick={() => setEditing({ kpi: row.goal.kpi, goal: row.goal })}
                      >
                        Edit
                      </Button>
                      <Button
                        variant="subtle"
                        color="red"
                        size="compact-sm"
                        aria-label={`Delete the goal ${row.kpi}, ${row.who}`}
                        onClick={() => void remove(row.goal)}
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text c="dimmed" size="sm" py="md">
          No goals yet.{supervisor ? ' Choose a figure above, or set one from a card on the KPIs screen.' : ''}
        </Text>
      )}
      {supervisor ? (
        <GoalDialog kpi={editing?.kpi ?? null} current={editing?.goal ?? null} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  );
}
