import { Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { LEVEL_LABELS, LEVELS } from '#shared/domain/enums.ts';
import type { PriorityMatrix } from '#shared/domain/priority.ts';
import { useReference } from '../api/reference-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { PRIORITY_OPTIONS, toPriority } from '../common/select-options.ts';
import { SupervisorNotice } from '../forms/SupervisorNotice.tsx';
import { matrixInput, sameMatrix, withCell } from './priority-matrix-draft.ts';

/** Impact × urgency → priority. Changing it applies to incidents from now on, not to existing ones. */
export function PriorityMatrixTab() {
  const reference = useReference();
  const run = useDeskCommand();
  const [draft, setDraft] = useState<PriorityMatrix | null>(null);
  const matrix = draft ?? reference.priorityMatrix;
  const changed = draft !== null && !sameMatrix(draft, reference.priorityMatrix);

  const save = async () => {
    const saved = await run('priority/saveMatrix', matrixInput(matrix), { success: 'Priority matrix saved' });
    if (saved.ok) setDraft(null);
  };

  return (
    <Stack maw={720}>
      <SupervisorNotice what="the priority matrix" />
      <Text size="sm" c="dimmed">
        The priority of a new or re-triaged incident comes from its impact and urgency. Agents can still override it on
        an incident, with a reason.
      </Text>
      <Table withTableBorder withColumnBorders aria-label="Priority matrix">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Impact \ Urgency</Table.Th>
            {LEVELS.map((urgency) => (
              <Table.Th key={urgency}>{`${urgency} - ${LEVEL_LABELS[urgency]} urgency`}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {LEVELS.map((impact) => (
            <Table.Tr key={impact}>
              <Table.Th>{`${impact} - ${LEVEL_LABELS[impact]} impact`}</Table.Th>
              {LEVELS.map((urgency) => (
                <Table.Td key={urgency}>
                  <Select
                    aria-label={`Priority for ${LEVEL_LABELS[impact]} impact and ${LEVEL_LABELS[urgency]} urgency`}
                    data={PRIORITY_OPTIONS}
                    value={String(matrix.cells[impact - 1]?.[urgency - 1] ?? '')}
                    allowDeselect={false}
                    onChange={(value) => {
                      const priority = toPriority(value);
                      if (priority) setDraft(withCell(matrix, impact, urgency, priority));
                    }}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button onClick={save} disabled={!changed}>
          Save priority matrix
        </Button>
        {changed ? (
          <Button variant="default" onClick={() => setDraft(null)}>
            Discard changes
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
