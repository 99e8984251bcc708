import { Alert, Button, Group, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { RuleListing } from '#shared/domain/automation-rules.ts';
import { describeAction } from '#shared/domain/rule-actions.ts';
import { describeCondition } from '#shared/domain/rule-conditions.ts';
import type { RuleNames } from '#shared/domain/rule-conditions.ts';
import { describeTrigger } from '#shared/domain/rule-triggers.ts';
import { useReference } from '../api/reference-context.tsx';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useDeskQuery } from '../api/use-desk-query.ts';
import { describeError } from '../feedback/describe-error.ts';
import { ConfirmDeleteDialog } from '../forms/ConfirmDeleteDialog.tsx';
import { ReasonedButton } from '../forms/ReasonedButton.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { ruleNames } from './rule-names.ts';

function whenText(rule: RuleListing, names: RuleNames): string {
  const conditions = rule.conditions.map((condition) => describeCondition(condition, names));
  return [describeTrigger(rule.trigger), ...conditions].join(', and ');
}

interface RuleRowProps {
  readonly rule: RuleListing;
  /** Where it runs, from 1. */
  readonly number: number;
  readonly first: boolean;
  readonly last: boolean;
  readonly names: RuleNames;
  readonly readOnly: boolean;
  onEdit(): void;
  onToggle(enabled: boolean): void;
  onMove(direction: 'up' | 'down'): void;
  onDelete(): void;
}

function RuleRow({ rule, number, first, last, names, readOnly, onEdit, onToggle, onMove, onDelete }: RuleRowProps) {
  const why = readOnly ? 'Only a supervisor can change the rules' : null;
  const locked = readOnly || rule.unreadable !== null;
  return (
    <Table.Tr>
      <Table.Td>{number}</Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {rule.name}
        </Text>
        {rule.builtIn ? (
          <Text size="xs" c="dimmed">
            Built in
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {rule.unreadable ? (
          <Text size="sm" c="orange">
            {rule.unreadable}
          </Text>
        ) : (
          <Stack gap={2}>
            <Text size="sm">{whenText(rule, names)}</Text>
            <Text size="xs" c="dimmed">
              {rule.actions.map((action) => describeAction(action, names)).join('; ')}
            </Text>
          </Stack>
        )}
      </Table.Td>
      <Table.Td>
        <Switch
          checked={rule.enabled}
          disabled={locked}
          title={why ?? undefined}
          aria-label={`${rule.name} on`}
          onChange={(event) => onToggle(event.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <ReasonedButton
            variant="subtle"
            size="compact-sm"
            reason={why}
            disabled={first}
            aria-label={`Move ${rule.name} up`}
            onClick={() => onMove('up')}
          >
            ↑
          </ReasonedButton>
          <ReasonedButton
            variant="subtle"
            size="compact-sm"
            reason={why}
            disabled={last}
            aria-label={`Move ${rule.name} down`}
            onClick={() => onMove('down')}
          >
            ↓
          </ReasonedButton>
          <Button
            variant="subtle"
            size="compact-sm"
            disabled={rule.unreadable !== null}
            aria-label={`${locked ? 'View' : 'Edit'} ${rule.name}`}
            onClick={onEdit}
          >
            {locked ? 'View' : 'Edit'}
          </Button>
          <ReasonedButton
            variant="subtle"
            color="red"
            size="compact-sm"
            reason={why}
            aria-label={`Delete ${rule.name}`}
            onClick={onDelete}
          >
            Delete
          </ReasonedButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Settings → Automation: the rules in the order they run, each in words, on or off; supervisors add, change,
 * move and delete them, agents read them.
 */
export function AutomationTab() {
  const me = useSignedInAgent();
  const readOnly = me.role !== 'supervisor';
  const reference = useReference();
  const rules = useDeskQuery('rule/list', {}, { reloadWhen: (change) => change.reference });
  const templates = useDeskQuery('template/list', {}, { reloadWhen: (change) => change.reference });
  const run = useDeskCommand();
  const [editing, setEditing] = useState<RuleListing | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RuleListing | null>(null);
  for (const load of [rules.load, templates.load]) {
    if (load.kind === 'failed') {
      return (
        <Alert color="red" title="The rules could not be loaded">
          {describeError(load.error).message}
        </Alert>
      );
    }
  }
  if (rules.load.kind !== 'ready' || templates.load.kind !== 'ready') return null;
  const list = rules.load.value;
  const names = ruleNames(reference, templates.load.value);
  const move = async (rule: RuleListing, direction: 'up' | 'down') => {
    const result = await run('rule/move', { id: rule.id, direction });
    if (result.ok) rules.adopt(result.value);
  };
  const remove = async (rule: RuleListing) => {
    const result = await run('rule/delete', { id: rule.id }, { quiet: true, success: `Rule “${rule.name}” deleted` });
    if (result.ok) rules.adopt((now) => (now ?? []).filter((r) => r.id !== rule.id));
    return result;
  };
  const toggle = async (rule: RuleListing, enabled: boolean) => {
    const { id, name, trigger, conditions, actions } = rule;
    const input = { id, name, enabled, trigger, conditions: [...conditions], actions: [...actions] };
    const result = await run('rule/save', input, { success: enabled ? `“${name}” is on` : `“${name}” is off` });
    if (result.ok) rules.adopt((now) => (now ?? []).map((r) => (r.id === id ? result.value : r)));
  };
  return (
    <Stack>
      {readOnly ? (
        <Alert color="blue" variant="light" title="Supervisors set the rules">
          Rules act on every incident for the whole team, so only a supervisor can change them. You can look at them
          here.
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Rules run in this order, each when its trigger happens and its conditions hold; what they do is on the
          incident’s timeline as “Automation”.
        </Text>
        <ReasonedButton reason={readOnly ? 'Only a supervisor can add rules' : null} onClick={() => setEditing('new')}>
          Add rule
        </ReasonedButton>
      </Group>
      {list.length === 0 ? (
        <Text c="dimmed" size="sm">
          No rules: the desk does nothing on its own.
        </Text>
      ) : (
        <Table striped aria-label="Rules" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>When, and what it does</Table.Th>
              <Table.Th>On</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((rule, index) => (
              <RuleRow
                key={rule.id}
                rule={rule}
                number={index + 1}
                first={index === 0}
                last={index === list.length - 1}
                names={names}
                readOnly={readOnly}
                onEdit={() => setEditing(rule)}
                onToggle={(enabled) => void toggle(rule, enabled)}
                onMove={(direction) => void move(rule, direction)}
                onDelete={() => setDeleting(rule)}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RuleEditor rule={editing} readOnly={readOnly} onClose={() => setEditing(null)} />
      <ConfirmDeleteDialog
        opened={deleting !== null}
        title="Delete rule"
        question={`Delete “${deleting?.name ?? ''}”? It stops acting at once, on every workstation. What it did stays on the timelines.`}
        blocked={null}
        onConfirm={() => remove(deleting!)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
