import { Alert, Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Incident } from '#shared/domain/incident.ts';
import { PRIORITY_OPTIONS, toPriority } from '../common/select-options.ts';
import { useDrawnWhileOpen } from '../common/use-drawn-while-open.ts';
import { describeError } from '../feedback/describe-error.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';
import type { IncidentCommands } from './use-incident-commands.ts';

interface PriorityOverrideDialogProps {
  readonly opened: boolean;
  readonly incident: Incident;
  readonly commands: IncidentCommands;
  onClose(): void;
}

function OverrideForm({ incident, commands, onClose }: Omit<PriorityOverrideDialogProps, 'opened'>) {
  const [priority, setPriority] = useState<string | null>(String(incident.priority));
  const [reason, setReason] = useState(incident.priorityOverride?.reason ?? '');
  const [errors, setErrors] = useFieldErrors({ priority, reason });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = toPriority(priority);
    const problems = {
      ...(chosen ? {} : { priority: 'Choose a priority' }),
      ...(reason.trim() ? {} : { reason: 'Say why the matrix is wrong here' }),
    };
    if (!chosen || Object.keys(problems).length) return setErrors(problems);
    const result = await commands.update({ priorityOverride: { priority: chosen, reason } }, { quiet: true });
    if (result.ok) return onClose();
    setErrors({ desk: describeError(result.error).message });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {errors.desk ? (
          <Alert color="red" title="Not saved">
            {errors.desk}
          </Alert>
        ) : null}
        <Select
          label="Priority"
          data={PRIORITY_OPTIONS}
          value={priority}
          onChange={setPriority}
          error={errors.priority}
          allowDeselect={false}
          data-autofocus
        />
        <Textarea
          label="Reason for the override"
          description="Shown with the priority and in the timeline."
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={errors.reason}
          autosize
          minRows={2}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Override priority</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Sets the priority by hand, away from the impact × urgency matrix; a reason is always required. */
export function PriorityOverrideDialog(props: PriorityOverrideDialogProps) {
  const { drawn, closed } = useDrawnWhileOpen(props.opened);
  if (!drawn) return null;
  return (
    <Modal opened={props.opened} onClose={props.onClose} onExitTransitionEnd={closed} title="Override priority">
      {props.opened ? <OverrideForm {...props} /> : null}
    </Modal>
  );
}
