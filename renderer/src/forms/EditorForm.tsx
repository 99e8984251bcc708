import { Alert, Button, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

interface EditorFormProps {
  readonly submitLabel: string;
  /** A refusal that belongs to no single field (forbidden, conflict). */
  readonly refusal: string | null;
  onSubmit(): void;
  onCancel(): void;
  readonly children: ReactNode;
}

/** The frame every settings editor shares: its fields, the desk's refusal if any, Cancel and Save. */
export function EditorForm({ submitLabel, refusal, onSubmit, onCancel, children }: EditorFormProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {refusal ? (
          <Alert color="red" title="Not saved" role="alert">
            {refusal}
          </Alert>
        ) : null}
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit">{submitLabel}</Button>
        </Group>
      </Stack>
    </form>
  );
}
