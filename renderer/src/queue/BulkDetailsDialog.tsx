import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { bulkChangeSchema } from '#shared/domain/bulk.ts';
import type { BulkChange } from '#shared/domain/bulk.ts';
import { priorityLabel } from '#shared/domain/enums.ts';
import type { Priority, ResolutionCode } from '#shared/domain/enums.ts';
import { ACTION_LABELS } from '#shared/domain/lifecycle.ts';
import { RESOLUTION_CODE_OPTIONS } from '../common/select-options.ts';
import { checkForm, NO_FIELD_ERRORS } from '../forms/field-errors.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';

/** The bulk changes that need words from the agent: a priority's reason, a tag, or a status change's notes. */
export type BulkDetailsKind = Priority | 'tag' | 'resolve' | 'cancel' | 'reopen';

interface BulkDetailsDialogProps {
  readonly kind: BulkDetailsKind | null;
  readonly count: number;
  onClose(): void;
  onSubmit(change: BulkChange): void;
}

function titleOf(kind: BulkDetailsKind): string {
  if (typeof kind === 'number') return `Set priority ${priorityLabel(kind)}`;
  return kind === 'tag' ? 'Add a tag' : ACTION_LABELS[kind];
}

function changeOf(kind: BulkDetailsKind, text: string, code: ResolutionCode | null): unknown {
  if (typeof kind === 'number') return { kind: 'priority', priority: kind, reason: text };
  if (kind === 'tag') return { kind: 'tag', tag: text };
  if (kind === 'resolve') return { kind: 'status', action: kind, notes: text, resolutionCode: code ?? undefined };
  return { kind: 'status', action: kind, notes: text };
}

/** Asks for what the chosen bulk change needs, then hands the change back; Ctrl+Enter submits. */
export function BulkDetailsDialog({ kind, count, onClose, onSubmit }: BulkDetailsDialogProps) {
  const [text, setText] = useState('');
  const [code, setCode] = useState<ResolutionCode | null>(null);
  // The change's fields, and `notes` by itself for the check made before the schema's.
  const [errors, setErrors] = useFieldErrors(
    kind === null ? null : { notes: text, ...(changeOf(kind, text, code) as object) },
  );

  const close = () => {
    setText('');
    setCode(null);
    setErrors(NO_FIELD_ERRORS);
    onClose();
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (kind === null) return;
    if (kind === 'resolve' && code === null) return setErrors({ resolutionCode: 'Choose a resolution code' });
    if ((kind === 'cancel' || kind === 'reopen') && !text.trim()) return setErrors({ notes: 'Say why' });
    const checked = checkForm(bulkChangeSchema, changeOf(kind, text, code));
    if (!checked.ok) return setErrors(checked.errors);
    setText('');
    setCode(null);
    setErrors(NO_FIELD_ERRORS);
    onSubmit(checked.value);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    submit();
  };

  const incidents = count === 1 ? '1 ticked incident' : `${count.toLocaleString()} ticked incidents`;
  return (
    <Modal opened={kind !== null} onClose={close} title={kind === null ? '' : `${titleOf(kind)} · ${incidents}`}>
      {kind === null ? null : (
        <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
          <Stack>
            {kind === 'tag' ? (
              <TextInput
                label="Tag"
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                error={errors.tag}
                data-autofocus
                required
              />
            ) : null}
            {kind === 'resolve' ? (
              <Select
                label="Resolution code"
                data={RESOLUTION_CODE_OPTIONS}
                value={code}
                onChange={(value) => setCode(value as ResolutionCode | null)}
                error={errors.resolutionCode}
                data-autofocus
                required
              />
            ) : null}
            {typeof kind === 'number' ? (
              <Textarea
                label="Reason for the priority"
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                error={errors.reason}
                data-autofocus
                required
              />
            ) : null}
            {kind === 'resolve' || kind === 'cancel' || kind === 'reopen' ? (
              <Textarea
                label={kind === 'resolve' ? 'Resolution notes' : 'Reason'}
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                error={errors.notes}
                required={kind !== 'resolve'}
              />
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" aria-keyshortcuts="Control+Enter">
                {titleOf(kind)}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
