import { Button, Group, Modal, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { GOAL_KPI_INFO, GOAL_PERIOD_LABELS, GOAL_PERIODS } from '#shared/domain/goals.ts';
import type { Goal, GoalKpi, GoalPeriod } from '#shared/domain/goals.ts';
import { useReference } from '../api/reference-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { agentOptions, namedOptions } from '../common/select-options.ts';
import { describeError } from '../feedback/describe-error.ts';
import { fieldErrorsFromMessage } from '../forms/field-errors.ts';

const UNIT_WORDS = { count: 'incidents', minutes: 'minutes', hours: 'hours', percent: '%' } as const;

interface GoalDialogProps {
  /** The figure being given a goal; null while the dialog is closed. */
  readonly kpi: GoalKpi | null;
  /** The team's current goal for it, to change rather than add. */
  readonly current: Goal | null;
  onClose(): void;
}

/** "team", "group:<id>" or "agent:<id>": one select for whose goal it is. */
function scopeValue(goal: Goal | null): string {
  return goal && goal.scopeId ? `${goal.scope}:${goal.scopeId}` : 'team';
}

function GoalForm({ kpi, current, onClose }: { kpi: GoalKpi; current: Goal | null; onClose(): void }) {
  const info = GOAL_KPI_INFO[kpi];
  const reference = useReference();
  const run = useDeskCommand();
  const [target, setTarget] = useState<number | string>(current?.target ?? '');
  const [period, setPeriod] = useState<GoalPeriod>(current?.period ?? 'month');
  const [scope, setScope] = useState(scopeValue(current));
  const [problem, setProblem] = useState<string | null>(null);

  const scopes = [
    { group: 'Team', items: [{ value: 'team', label: 'The whole team' }] },
    {
      group: 'Groups',
      items: namedOptions(reference.groups).map((o) => ({ value: `group:${o.value}`, label: o.label })),
    },
    {
      group: 'Agents',
      items: agentOptions(reference.agents).map((o) => ({ value: `agent:${o.value}`, label: o.label })),
    },
  ];

  const save = async () => {
    if (typeof target !== 'number') {
      setProblem('Enter a target: a whole number, 0 or more.');
      return;
    }
    const [kind, id] = scope.split(':') as ['team' | 'group' | 'agent', string | undefined];
    const keep = current && scopeValue(current) === scope ? { id: current.id } : {};
    const saved = await run(
      'goal/save',
      { ...keep, kpi, target, scope: kind, scopeId: id ?? null, period },
      { quiet: true, success: `Goal set for ${info.label}` },
    );
    if (saved.ok) onClose();
    else {
      const message = describeError(saved.error).message;
      const fields = fieldErrorsFromMessage(message);
      setProblem(fields.target ?? Object.values(fields)[0] ?? message);
    }
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {info.better === 'higher'
          ? 'Met when the figure is at or above the target.'
          : 'Met when the figure is at or below the target.'}
        {info.perPeriod ? ' A count per period is scaled to the length of the report.' : ''}
      </Text>
      <Select
        label="For"
        data={scopes}
        value={scope}
        onChange={(value) => setScope(value ?? 'team')}
        allowDeselect={false}
      />
      <NumberInput
        label={`Target (${UNIT_WORDS[info.unit]})`}
        value={target}
        onChange={setTarget}
        allowDecimal={false}
        error={problem}
        data-autofocus
      />
      {info.perPeriod ? (
        <Select
          label="Per"
          data={GOAL_PERIODS.map((value) => ({ value, label: GOAL_PERIOD_LABELS[value] }))}
          value={period}
          onChange={(value) => setPeriod((value as GoalPeriod | null) ?? 'month')}
          allowDeselect={false}
        />
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={save}>Save goal</Button>
      </Group>
    </Stack>
  );
}

/** Sets a goal on one figure, for the team, a group or an agent (supervisors only; the core checks too). */
export function GoalDialog({ kpi, current, onClose }: GoalDialogProps) {
  return (
    <Modal opened={kpi !== null} onClose={onClose} title={kpi ? `Goal: ${GOAL_KPI_INFO[kpi].label}` : 'Goal'}>
      {kpi ? <GoalForm key={`${kpi}:${current?.id ?? ''}`} kpi={kpi} current={current} onClose={onClose} /> : null}
    </Modal>
  );
}
