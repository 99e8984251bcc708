import { Alert, Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { ResolutionCode } from '#shared/domain/enums.ts';
import { ACTION_LABELS, actionRequirement } from '#shared/domain/lifecycle.ts';
import type { TransitionAction } from '#shared/domain/lifecycle.ts';
import { RESOLUTION_CODE_OPTIONS } from '../common/select-options.ts';
import { describeError } from '../feedback/describe-error.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';
import type { IncidentCommands } from './use-incident-commands.ts';

const REASON_HINTS: Partial<Record<TransitionAction, string>> = {
  cancel: 'Why is this incident no longer needed? The reason goes in the timeline.',
  reopen: 'What is still wrong? The reason goes in the timeline.',
};

interface TransitionDialogProps {
  /** The action that needs the agent's words; null when closed. */
  readonly action: TransitionAction | null;
  readonly commands: IncidentCommands;
  onClose(): void;
}

function TransitionForm({ action, commands, onClose }: TransitionDialogProps & { action: TransitionAction }) {
  const resolving = actionRequirement(action) === 'resolution';
  const [code, setCode] = useState<ResolutionCode | null>(null);
  const [notes, setNotes] = useState('');
  const [cause, setCause] = useState('');
  const [errors, setErrors] = useFieldErrors({ code, notes, cause });
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const problems = {
      ...(resolving && !code ? { code: 'Choose a resolution code' } : {}),
      ...(resolving && !cause.trim() ? { cause: 'The cause is required' } : {}),
      ...(!notes.trim() ? { notes: resolving ? 'Resolution notes are required' : 'A reason is required' } : {}),
    };
    if (Object.keys(problems).length) return setErrors(problems);
    setBusy(true);
    const details = resolving && code ? { notes, resolutionCode: code, cause } : { notes };
    const result = await commands.transition(action, details, { quiet: true });
    setBusy(false);
    if (result.ok) return onClose();
    setErrors({ desk: describeError(result.error).message });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    void submit();
  };

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <Stack>
        {errors.desk ? (
          <Alert color="red" title="Not done">
            {errors.desk}
          </Alert>
        ) : null}
        {resolving ? (
          <Select
            label="Resolution code"
            data={RESOLUTION_CODE_OPTIONS}
            value={code}
            onChange={(value) => setCode(value as ResolutionCode | null)}
            error={errors.code}
            required
            data-autofocus
          />
        ) : null}
        {resolving ? (
          <Textarea
            label="Cause"
            description="What caused it: the resolution mail tells the reporter."
            value={cause}
            onChange={(event) => setCause(event.currentTarget.value)}
            error={errors.cause}
            autosize
            minRows={2}
            maxRows={6}
            required
          />
        ) : null}
        <Textarea
          label={resolving ? 'Resolution notes' : 'Reason'}
          description={resolving ? 'What fixed it, for the reporter and the team.' : REASON_HINTS[action]}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          error={errors.notes}
          autosize
          minRows={4}
          maxRows={12}
          required
          data-autofocus={resolving ? undefined : true}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {action === 'cancel' ? 'Keep incident' : 'Cancel'}
          </Button>
          <Button type="submit" color={action === 'cancel' ? 'red' : undefined} disabled={busy}>
            {ACTION_LABELS[action]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Asks for what an action needs before it can be taken: a resolution, or a reason. */
export function TransitionDialog({ action, commands, onClose }: TransitionDialogProps) {
  return (
    <Modal opened={action !== null} onClose={onClose} title={action ? ACTION_LABELS[action] : ''} size="lg">
      {action ? <TransitionForm action={action} commands={commands} onClose={onClose} /> : null}
    </Modal>
  );
}
