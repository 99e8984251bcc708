import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { Channel } from '#shared/domain/enums.ts';
import { createIncidentInput } from '#shared/domain/incident.ts';
import { useReference } from '../api/reference-context.tsx';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { PriorityBadge } from '../common/PriorityBadge.tsx';
import {
  agentOptions,
  CHANNEL_OPTIONS,
  LEVEL_OPTIONS,
  namedOptions,
  subcategoryOptions,
  toLevel,
} from '../common/select-options.ts';
import { ContactPicker } from '../contacts/ContactPicker.tsx';
import { describeError } from '../feedback/describe-error.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { checkForm, fieldErrorsFromMessage, NO_FIELD_ERRORS } from '../feedback/field-errors.ts';
import type { FieldErrors } from '../feedback/field-errors.ts';
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
  const me = useSignedInAgent();
  const run = useDeskCommand();
  const toasts = useToasts();
  const [values, setValues] = useState<NewIncidentValues>(NEW_INCIDENT_DEFAULTS);
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<NewIncidentValues>) => setValues({ ...values, ...patch });
  const category = values.categoryId ? reference.categoriesById.get(values.categoryId) : undefined;
  const priority = previewPriority(reference.priorityMatrix, values);
  const assignees = agentOptions(reference.agents).map((option) =>
    option.value === me.id ? { ...option, label: `${option.label} (me)` } : option,
  );

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
          <Select
            label="Channel"
            data={CHANNEL_OPTIONS}
            value={values.channel}
            allowDeselect={false}
            onChange={(channel) => channel && set({ channel: channel as Channel })}
            error={errors.channel}
          />
          <ContactPicker
            label="Reporter"
            value={values.reporterId}
            onChange={(reporterId) => set({ reporterId })}
            error={errors.reporterId}
          />
          <Select
            label="Category"
            placeholder="Not categorised"
            searchable
            clearable
            data={namedOptions(reference.categories)}
            value={values.categoryId}
            onChange={(categoryId) => setValues(withCategory(values, categoryId))}
            error={errors.categoryId}
          />
          <Select
            label="Subcategory"
            placeholder={category ? 'None' : 'Choose a category first'}
            searchable
            clearable
            data={subcategoryOptions(category)}
            value={values.subcategory}
            onChange={(subcategory) => set({ subcategory })}
            disabled={!category?.subcategories.length}
            error={errors.subcategory}
          />
          <Select
            label="Affected service"
            placeholder="None"
            searchable
            clearable
            data={namedOptions(reference.services)}
            value={values.serviceId}
            onChange={(serviceId) => set({ serviceId })}
            error={errors.serviceId}
          />
          <Group grow gap="xs" align="flex-start">
            <Select
              label="Impact"
              data={LEVEL_OPTIONS}
              value={String(values.impact)}
              allowDeselect={false}
              onChange={(value) => set({ impact: toLevel(value) ?? values.impact })}
            />
            <Select
              label="Urgency"
              data={LEVEL_OPTIONS}
              value={String(values.urgency)}
              allowDeselect={false}
              onChange={(value) => set({ urgency: toLevel(value) ?? values.urgency })}
            />
          </Group>
          <Select
            label="Group"
            placeholder="No group"
            searchable
            clearable
            data={namedOptions(reference.groups)}
            value={values.groupId}
            onChange={(groupId) => set({ groupId })}
            error={errors.groupId}
          />
          <Select
            label="Assignee"
            placeholder="Unassigned"
            searchable
            clearable
            data={assignees}
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
