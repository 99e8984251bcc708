import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { saveViewInput } from '#shared/domain/queue.ts';
import type { QueueFilter, QueueSort, QueueView } from '#shared/domain/queue.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { checkForm, fieldErrorsFromMessage, NO_FIELD_ERRORS } from '../forms/field-errors.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';

interface SaveViewDialogProps {
  readonly opened: boolean;
  readonly filter: QueueFilter;
  readonly sort: QueueSort;
  onClose(): void;
  onSaved(view: QueueView): void;
}

/** Names the current filters and sort as one of the agent's own views. */
export function SaveViewDialog({ opened, filter, sort, onClose, onSaved }: SaveViewDialogProps) {
  const [name, setName] = useState('');
  const [errors, setErrors] = useFieldErrors({ name });
  const run = useDeskCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(saveViewInput, { name, filter, sort });
    if (!checked.ok) return setErrors(checked.errors);
    const saved = await run('view/save', checked.value, { success: `View “${checked.value.name}” saved` });
    if (!saved.ok) return setErrors(fieldErrorsFromMessage(saved.error.message));
    setName('');
    setErrors(NO_FIELD_ERRORS);
    onSaved(saved.value);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Save as view">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="View name"
            description="Your views are listed under My views, with their counts."
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            data-autofocus
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">Save view</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
