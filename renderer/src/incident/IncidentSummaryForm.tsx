import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { updateIncidentInput } from '#shared/domain/incident.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { checkForm, fieldErrorsFromMessage, NO_FIELD_ERRORS } from '../forms/field-errors.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';
import type { IncidentCommands } from './use-incident-commands.ts';

interface Drafts {
  /** null: not being edited, so the field shows the incident as it stands (live updates included). */
  readonly title: string | null;
  readonly description: string | null;
}

const UNTOUCHED: Drafts = { title: null, description: null };

/** Title and description, edited in place and saved together ("Save changes" or Ctrl+Enter). */
export function IncidentSummaryForm({
  incident,
  commands,
  readOnly,
}: {
  incident: Incident;
  commands: IncidentCommands;
  readOnly: boolean;
}) {
  const [drafts, setDrafts] = useState<Drafts>(UNTOUCHED);
  const title = drafts.title ?? incident.title;
  const description = drafts.description ?? incident.description;
  const [errors, setErrors] = useFieldErrors({ fields: { title, description } });
  const dirty = title !== incident.title || description !== incident.description;

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!dirty) return;
    const fields = {
      ...(title !== incident.title ? { title } : {}),
      ...(description !== incident.description ? { description } : {}),
    };
    const checked = checkForm(updateIncidentInput, { id: incident.id, fields });
    if (!checked.ok) return setErrors(checked.errors);
    const result = await commands.update(fields, { quiet: true });
    if (result.ok) {
      setDrafts(UNTOUCHED);
      setErrors(NO_FIELD_ERRORS);
    } else {
      const byField = fieldErrorsFromMessage(result.error.message);
      setErrors(Object.keys(byField).length ? byField : { 'fields.title': result.error.message });
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  };

  return (
    <form onSubmit={save} onKeyDown={onKeyDown} noValidate aria-label="Title and description">
      <Stack gap="sm">
        <TextInput
          label="Title"
          value={title}
          onChange={(event) => setDrafts({ ...drafts, title: event.currentTarget.value })}
          error={errors['fields.title']}
          readOnly={readOnly}
        />
        <Textarea
          label="Description"
          value={description}
          onChange={(event) => setDrafts({ ...drafts, description: event.currentTarget.value })}
          error={errors['fields.description']}
          autosize
          minRows={3}
          maxRows={16}
          readOnly={readOnly}
        />
        {dirty ? (
          <Group gap="xs">
            <Button type="submit" size="xs">
              Save changes
            </Button>
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                setDrafts(UNTOUCHED);
                setErrors(NO_FIELD_ERRORS);
              }}
            >
              Discard changes
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
