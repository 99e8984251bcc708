import { Alert, Button, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

interface SupervisorEditorFormProps {
  /** An agent may open the editor to look, not to change: the fields are locked and there is no Save. */
  readonly readOnly: boolean;
  /** What an agent who opened it is told, up front, rather than finding out on Save. */
  readonly notice: { readonly title: string; readonly text: string };
  /** A refusal that belongs to no single field (forbidden, conflict). */
  readonly refusal: string | null;
  readonly submitLabel: string;
  /** Saves; answers what was saved, or null when the desk refused (the editor stays open). */
  onSave(): Promise<object | null>;
  onClose(): void;
  /** The fields, locked together for an agent. */
  readonly children: ReactNode;
  /** Below the fields and not part of them (a calendar's import): the caller leaves it out when read-only. */
  readonly after?: ReactNode;
}

/**
 * The frame of an editor for what only a supervisor changes (rules, service levels, calendars): the notice for
 * an agent, the desk's refusal if any, the fields, Close or Cancel and Save.
 */
export function SupervisorEditorForm(props: SupervisorEditorFormProps) {
  const { readOnly, notice, refusal, onSave, onClose } = props;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (!readOnly && (await onSave()) !== null) onClose();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {readOnly ? (
          <Alert color="blue" variant="light" title={notice.title}>
            {notice.text}
          </Alert>
        ) : null}
        {refusal ? (
          <Alert color="red" title="Not saved" role="alert">
            {refusal}
          </Alert>
        ) : null}
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="sm">{props.children}</Stack>
        </fieldset>
        {props.after}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {readOnly ? 'Close' : 'Cancel'}
          </Button>
          {readOnly ? null : <Button type="submit">{props.submitLabel}</Button>}
        </Group>
      </Stack>
    </form>
  );
}
