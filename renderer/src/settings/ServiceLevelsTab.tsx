import { Alert, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { ruleNamesText, rulesNamingPolicy } from '#shared/domain/policy-uses.ts';
import type { SlaPolicyView } from '#shared/domain/sla-settings.ts';
import { useReference } from '../api/reference-context.tsx';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useDeskQuery } from '../api/use-desk-query.ts';
import { describeError } from '../feedback/describe-error.ts';
import { SupervisorNotice } from '../forms/SupervisorNotice.tsx';
import { ReasonedButton } from '../forms/ReasonedButton.tsx';
import { ConfirmDeleteDialog } from '../forms/ConfirmDeleteDialog.tsx';
import { policyConditionsText, policyTargetsText } from './service-level-text.ts';
import { ServiceLevelEditor } from './ServiceLevelEditor.tsx';

/**
 * Settings → Service levels: the policies in order, the first that matches an incident applies; supervisors
 * move them up and down and edit them, agents read them.
 */
export function ServiceLevelsTab() {
  const me = useSignedInAgent();
  const readOnly = me.role !== 'supervisor';
  const reference = useReference();
  const policies = useDeskQuery('sla/policies', {}, { reloadWhen: (change) => change.reference });
  const calendars = useDeskQuery('calendar/list', {}, { reloadWhen: (change) => change.reference });
  const run = useDeskCommand();
  const rules = useDeskQuery('rule/list', {}, { reloadWhen: (change) => change.reference });
  const [editing, setEditing] = useState<SlaPolicyView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SlaPolicyView | null>(null);
  for (const load of [policies.load, calendars.load]) {
    if (load.kind === 'failed') {
      return (
        <Alert color="red" title="The service levels could not be loaded">
          {describeError(load.error).message}
        </Alert>
      );
    }
  }
  if (policies.load.kind !== 'ready' || calendars.load.kind !== 'ready') return null;
  const list = policies.load.value;
  const move = async (policy: SlaPolicyView, direction: 'up' | 'down') => {
    const result = await run('sla/movePolicy', { id: policy.id, direction });
    if (result.ok) policies.adopt(result.value);
  };
  const why = readOnly ? 'Only a supervisor can change service levels' : null;
  const namedBy = (policy: SlaPolicyView) =>
    rules.load.kind === 'ready' ? rulesNamingPolicy(rules.load.value, policy.id) : [];
  const blockingRules = deleting ? namedBy(deleting) : [];
  const deletingBlocked = blockingRules.length
    ? `${deleting!.name} is named by ${ruleNamesText(blockingRules)}. Change ${
        blockingRules.length > 1 ? 'them' : 'it'
      } under Automation first.`
    : null;
  return (
    <Stack>
      <SupervisorNotice what="the service levels" />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          The first service level that matches an incident applies.
        </Text>
        <ReasonedButton reason={why} onClick={() => setEditing('new')}>
          Add service level
        </ReasonedButton>
      </Group>
      {list.length === 0 ? (
        <Text c="dimmed" size="sm">
          No service levels yet: no incident has a due time.
        </Text>
      ) : (
        <Table striped aria-label="Service levels" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Applies to</Table.Th>
              <Table.Th>Targets (business time)</Table.Th>
              <Table.Th>Calendar</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((policy, index) => (
              <Table.Tr key={policy.id}>
                <Table.Td>{policy.rank}</Table.Td>
                <Table.Td>{policy.name}</Table.Td>
                <Table.Td>{policyConditionsText(policy, reference)}</Table.Td>
                <Table.Td>{policyTargetsText(policy)}</Table.Td>
                <Table.Td>{policy.calendarName}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      disabled={readOnly || index === 0}
                      title={why ?? undefined}
                      aria-label={`Move ${policy.name} up`}
                      onClick={() => void move(policy, 'up')}
                    >
                      ↑
                    </Button>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      disabled={readOnly || index === list.length - 1}
                      title={why ?? undefined}
                      aria-label={`Move ${policy.name} down`}
                      onClick={() => void move(policy, 'down')}
                    >
                      ↓
                    </Button>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      aria-label={`${readOnly ? 'View' : 'Edit'} ${policy.name}`}
                      onClick={() => setEditing(policy)}
                    >
                      {readOnly ? 'View' : 'Edit'}
                    </Button>
                    <ReasonedButton
                      variant="subtle"
                      color="red"
                      size="compact-sm"
                      reason={readOnly ? 'Only a supervisor can delete a service level' : null}
                      aria-label={`Delete ${policy.name}`}
                      onClick={() => setDeleting(policy)}
                    >
                      Delete
                    </ReasonedButton>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ServiceLevelEditor
        policy={editing}
        calendars={calendars.load.value}
        readOnly={readOnly}
        onClose={() => setEditing(null)}
      />
      <ConfirmDeleteDialog
        opened={deleting !== null}
        title="Delete service level"
        question={`Delete “${deleting?.name ?? ''}”? The incidents it applies to take the next service level that matches them, or have no due time if none does. Their clocks are worked out again.`}
        blocked={deletingBlocked}
        onConfirm={() =>
          run(
            'sla/deletePolicy',
            { id: deleting!.id },
            { quiet: true, success: `Service level “${deleting!.name}” deleted` },
          )
        }
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
