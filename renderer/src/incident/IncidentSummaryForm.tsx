import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { updateIncidentInput } from '#shared/domain/incident.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { incidentDraftKey } from '#shared/domain/workstation.ts';
import { useDraft } from '../api/use-draft.ts';
import type { DraftKeeper } from '../api/use-draft.ts';
import { checkForm, fieldErrorsFromMessage, NO_FIELD_ERRORS } from '../forms/field-errors.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';
import type { IncidentCommands } from './use-incident-commands.ts';

interface Drafts {
  /** null: not being edited, so the field shows the incident as it stands (live updates included). */
  readonly title: string | null;
  readonly description: string | null;
}

const UNTOUCHED: Drafts = { title: null, description: null };

/** What is kept on this workstation: only the fields that differ from the incident as it was when edited. */
type SummaryDraft = { readonly title?: string; readonly description?: string };
const isUnchanged = (draft: SummaryDraft) => draft.title === undefined && draft.description === undefined;

function draftOf(drafts: Drafts, incident: Incident): SummaryDraft {
  return {
    ...(drafts.title !== null && drafts.title !== incident.title ? { title: drafts.title } : {}),
    ...(drafts.description !== null && drafts.description !== incident.description
      ? { description: drafts.description }
      : {}),
  };
}

function restoredDrafts(value: Readonly<Record<string, unknown>>): Drafts {
  return {
    title: typeof value.title === 'string' ? value.title : null,
    description: typeof value.description === 'string' ? value.description : null,
  };
}

interface SummaryFormProps {
  readonly incident: Incident;
  readonly commands: IncidentCommands;
  readonly readOnly: boolean;
}

/**
 * Title and description, edited in place and saved together ("Save changes" or Ctrl+Enter). Edits not saved
 * yet are kept as this workstation's draft of the incident, so leaving it or reloading loses nothing; the
 * form appears once the desk has said whether there is one.
 */
export function IncidentSummaryForm(props: SummaryFormProps) {
  const draft = useDraft<SummaryDraft>(incidentDraftKey(props.incident.id, 'summary'), isUnchanged);
  if (!draft.loaded) return null;
  const found = draft.loaded.draft;
  return <SummaryForm {...props} draft={draft} initial={found ? restoredDrafts(found.value) : UNTOUCHED} />;
}

function SummaryForm({
  incident,
  commands,
  readOnly,
  draft,
  initial,
}: SummaryFormProps & { draft: DraftKeeper<SummaryDraft>; initial: Drafts }) {
  const [drafts, setDraftsNow] = useState<Drafts>(initial);
  const [restored, setRestored] = useState(initial !== UNTOUCHED);
  const setDrafts = (next: Drafts) => {
    setDraftsNow(next);
    draft.keep(draftOf(next, incident));
  };
  const forget = () => {
    setDraftsNow(UNTOUCHED);
    setRestored(false);
    draft.discard();
  };
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
      forget();
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
            {restored ? (
              <Text size="sm" c="blue">
                Your unsaved changes are back.
              </Text>
            ) : null}
            <Button type="submit" size="xs">
              Save changes
            </Button>
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                forget();
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
