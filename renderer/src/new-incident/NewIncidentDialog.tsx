import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { createIncidentInput } from '#shared/domain/incident.ts';
import { useReference } from '../api/reference-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { PriorityBadge } from '../common/PriorityBadge.tsx';
import { ContactPicker } from '../contacts/ContactPicker.tsx';
import { describeError } from '../feedback/describe-error.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { checkForm, fieldErrorsFromMessage, NO_FIELD_ERRORS } from '../forms/field-errors.ts';
import type { FieldErrors } from '../forms/field-errors.ts';
import {
  AssigneeSelect,
  CategorySelect,
  ChannelSelect,
  GroupSelect,
  LevelSelect,
  ServiceSelect,
  SubcategorySelect,
} from '../forms/IncidentFields.tsx';
import {
  createdNotice,
  createInput,
  NEW_INCIDENT_DEFAULTS,
  previewPriority,
  withCategory,
} from './new-incident-form.ts';
import type { NewIncidentValues } from './new-incident-form.ts';

function NewIncidentForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (id: string) => void }) {
  const reference = useReference();
  const run = useDeskCommand();
  const toasts = useToasts();
  const [values, setValues] = useState<NewIncidentValues>(NEW_INCIDENT_DEFAULTS);
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<NewIncidentValues>) => setValues({ ...values, ...patch });
  const category = values.categoryId ? reference.categoriesById.get(values.categoryId) : undefined;
  const priority = previewPriority(reference.priorityMatrix, values);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (event && event.target !== event.currentTarget) return;
    const checked = checkForm(createIncidentInput, createInput(values));
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    const created = await run('incident/create', createInput(values), { quiet: true });
    setBusy(false);
    if (created.ok) {
      toasts.show({ kind: 'success', ...createdNotice(created.value.incident) });
      return onCreated(created.value.incident.id);
    }
    const byField = fieldErrorsFromMessage(created.error.message);
    setErrors(byField);
    setRefusal(Object.keys(byField).length ? null : describeError(created.error).message);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // Keys from a dialog opened over this one (New contact) reach here through React, not through the DOM.
    if (!event.currentTarget.contains(event.target as Node)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <Stack gap="sm">
        {refusal ? (
          <Alert color="red" title="Not created">
            {refusal}
          </Alert>
        ) : null}
        <TextInput
          label="Title"
          placeholder="What is wrong, in a few words"
          value={values.title}
          onChange={(event) => set({ title: event.currentTarget.value })}
          error={errors.title}
          required
          data-autofocus
        />
        <Textarea
          label="Description"
          placeholder="What the reporter said, what they tried, error messages"
          value={values.description}
          onChange={(event) => set({ description: event.currentTarget.value })}
          error={errors.description}
          autosize
          minRows={3}
          maxRows={10}
        />
        <SimpleGrid cols={2} spacing="sm">
          <ChannelSelect value={values.channel} onChange={(channel) => set({ channel })} error={errors.channel} />
          <ContactPicker
            label="Reporter"
            value={values.reporterId}
            onChange={(reporterId) => set({ reporterId })}
            error={errors.reporterId}
          />
          <CategorySelect
            value={values.categoryId}
            onChange={(categoryId) => setValues(withCategory(values, categoryId))}
            error={errors.categoryId}
          />
          <SubcategorySelect
            category={category}
            value={values.subcategory}
            onChange={(subcategory) => set({ subcategory })}
            error={errors.subcategory}
          />
          <ServiceSelect
            value={values.serviceId}
            onChange={(serviceId) => set({ serviceId })}
            error={errors.serviceId}
          />
          <Group grow gap="xs" align="flex-start">
            <LevelSelect label="Impact" value={values.impact} onChange={(impact) => set({ impact })} />
            <LevelSelect label="Urgency" value={values.urgency} onChange={(urgency) => set({ urgency })} />
          </Group>
          <GroupSelect value={values.groupId} onChange={(groupId) => set({ groupId })} error={errors.groupId} />
          <AssigneeSelect
            value={values.assigneeId}
            onChange={(assigneeId) => set({ assigneeId })}
            error={errors.assigneeId}
          />
        </SimpleGrid>
        <Group justify="space-between" mt="xs">
          <Text size="sm" aria-live="polite" data-testid="priority-preview">
            Priority: <PriorityBadge priority={priority} size="md" />
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy}>
              Create
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** Logs a new incident (from the header's "New incident" or C) and opens it. */
export function NewIncidentDialog({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="New incident" size="xl">
      {opened ? <NewIncidentForm onCancel={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}
