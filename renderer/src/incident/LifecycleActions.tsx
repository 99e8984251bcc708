import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { isOpenStatus } from '#shared/domain/enums.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { ACTION_LABELS, actionRequirement, availableActions } from '#shared/domain/lifecycle.ts';
import type { TransitionAction } from '#shared/domain/lifecycle.ts';
import { useSignedInAgent } from '../api/session-context.tsx';
import { usePaletteActions } from '../navigation/palette-actions.tsx';
import type { PaletteAction } from '../navigation/palette-actions.tsx';
import { TransitionDialog } from './TransitionDialog.tsx';
import type { IncidentCommands } from './use-incident-commands.ts';

/** The step most agents take next from each status is the filled button; the rest are quieter. */
const MAIN_ACTIONS: ReadonlySet<TransitionAction> = new Set(['start', 'resume', 'close']);

function buttonLook(action: TransitionAction) {
  if (action === 'cancel') return { variant: 'subtle', color: 'red' } as const;
  if (MAIN_ACTIONS.has(action)) return { variant: 'filled' } as const;
  return { variant: 'default' } as const;
}

/** "Assign to me" and the lifecycle actions the incident's status allows, from the shared rules. */
export function LifecycleActions({ incident, commands }: { incident: Incident; commands: IncidentCommands }) {
  const me = useSignedInAgent();
  const [asking, setAsking] = useState<TransitionAction | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (action: TransitionAction) => {
    if (actionRequirement(action) !== 'nothing') return setAsking(action);
    setBusy(true);
    await commands.transition(action);
    setBusy(false);
  };

  const takeIt = async () => {
    setBusy(true);
    await commands.assign(me.id);
    setBusy(false);
  };

  const canTakeIt = isOpenStatus(incident.status) && incident.assigneeId !== me.id;
  const actions = availableActions(incident.status);
  usePaletteActions([
    ...(canTakeIt
      ? [
          {
            id: 'incident/assign-me',
            label: 'Assign to me',
            group: 'This incident',
            keywords: ['take'],
            run: takeIt,
          } as const,
        ]
      : []),
    ...actions.map((action): PaletteAction => ({
      id: `incident/${action}`,
      label: ACTION_LABELS[action],
      group: 'This incident',
      keywords: ['status'],
      run: () => void act(action),
    })),
  ]);

  return (
    <Group gap="xs" role="toolbar" aria-label="Incident actions">
      {canTakeIt ? (
        <Button variant="light" onClick={() => void takeIt()} disabled={busy}>
          Assign to me
        </Button>
      ) : null}
      {actions.map((action) => (
        <Button key={action} {...buttonLook(action)} onClick={() => act(action)} disabled={busy}>
          {ACTION_LABELS[action]}
        </Button>
      ))}
      <TransitionDialog incidentId={incident.id} action={asking} commands={commands} onClose={() => setAsking(null)} />
    </Group>
  );
}
