import { Alert, Button, Group, Loader, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { createIncidentInput } from '#shared/domain/incident.ts';
import type { Draft } from '#shared/domain/workstation.ts';
import { NEW_INCIDENT_DRAFT } from '#shared/domain/workstation.ts';
import { attachFiles } from '../api/incident-files.ts';
import { useReference } from '../api/reference-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useDraft } from '../api/use-draft.ts';
import type { DraftKeeper } from '../api/use-draft.ts';
import { PriorityBadge } from '../common/PriorityBadge.tsx';
import { ContactPicker } from '../contacts/ContactPicker.tsx';
import { describeError } from '../feedback/describe-error.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { checkForm, fieldErrorsFromMessage } from '../forms/field-errors.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';
import { incidentFilesProblem } from '../common/incident-file-checks.ts';
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
  fromDraft,
  isUntouched,
  NEW_INCIDENT_DEFAULTS,
  previewPriority,
  withCategory,
} from './new-incident-form.ts';
import type { NewIncidentValues } from './new-incident-form.ts';
import { NewIncidentFileDrop, NewIncidentFiles } from './NewIncidentFiles.tsx';

type NewIncidentDraft = NewIncidentValues & Readonly<Record<string, string | number | null>>;

interface NewIncidentFormProps {
  readonly restored: Draft | null;
  readonly draft: DraftKeeper<NewIncidentDraft>;
  onCancel(): void;
  onCreated(id: string): void;
}

function savedAtLabel(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function NewIncidentForm({ restored, draft, onCancel, onCreated }: NewIncidentFormProps) {
  const reference = useReference();
  const run = useDeskCommand();
  const toasts = useToasts();
  const [values, setValues] = useState<NewIncidentValues>(() => fromDraft(restored?.value ?? null));
  const [errors, setErrors] = useFieldErrors(createInput(values));
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Files are not part of the draft: a draft keeps text on this workstation, not copies of files.
  const [files, setFiles] = useState<File[]>([]);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [showRestored, setShowRestored] = useState(restored !== null);
  // The form appears once the draft is looked up, after the dialog has placed the focus: the title takes it.
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  const keepEditingRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmingCancel) keepEditingRef.current?.focus();
  }, [confirmingCancel]);
  const change = (next: NewIncidentValues) => {
    setValues(next);
    setConfirmingCancel(false);
    draft.keep(next as NewIncidentDraft);
  };
  const set = (patch: Partial<NewIncidentValues>) => change({ ...values, ...patch });

  // Cancel on purpose throws the text away, so it asks first; Esc closes and keeps the draft for next time.
  const cancel = () => {
    if (isUntouched(values)) {
      draft.discard();
      return onCancel();
    }
    setConfirmingCancel(true);
  };
  const discardAndClose = () => {
    draft.discard();
    onCancel();
  };
  const category = values.categoryId ? reference.categoriesById.get(values.categoryId) : undefined;
  const priority = previewPriority(reference.priorityMatrix, values);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (event && event.target !== event.currentTarget) return;
    const checked = checkForm(createIncidentInput, createInput(values));
    if (!checked.ok) return setErrors(checked.errors);
    const fileProblem = incidentFilesProblem(files);
    if (fileProblem) return setRefusal(fileProblem);
    setBusy(true);
    const created = await run('incident/create', createInput(values), { quiet: true });
    const added = created.ok && files.length ? await attachFiles(created.value.incident.id, files) : null;
    setBusy(false);
    if (created.ok) {
      draft.discard();
      toasts.show({ kind: 'success', ...createdNotice(created.value.incident) });
      if (added && !added.ok) {
        toasts.show({
          kind: 'error',
          title: 'The files were not added',
          message: `${describeError(added.error).message} Add them from the incident.`,
        });
      }
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
    <NewIncidentFileDrop onDropFiles={(dropped) => setFiles((chosen) => [...chosen, ...dropped])}>
      <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
        <Stack gap="sm">
          {showRestored && restored ? (
            <Alert color="blue" title="Your draft is back" withCloseButton onClose={() => setShowRestored(false)}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm">
                  What you were writing at {savedAtLabel(restored.savedAt)}, kept on this workstation.
                </Text>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  onClick={() => {
                    draft.discard();
                    setValues(NEW_INCIDENT_DEFAULTS);
                    setShowRestored(false);
                  }}
                >
                  Start afresh
                </Button>
              </Group>
            </Alert>
          ) : null}
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
            ref={titleRef}
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
              onChange={(categoryId) => change(withCategory(values, categoryId))}
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
          <NewIncidentFiles files={files} onChange={setFiles} disabled={busy} />
          <Group justify="space-between" mt="xs">
            <Text size="sm" aria-live="polite" data-testid="priority-preview">
              Priority: <PriorityBadge priority={priority} size="md" />
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={cancel}>
                Cancel
              </Button>
              <Button type="submit" disabled={busy} aria-keyshortcuts="Control+Enter">
                Create
              </Button>
            </Group>
          </Group>
          {confirmingCancel ? (
            <Alert
              color="orange"
              title="Discard this new incident?"
              role="alertdialog"
              aria-label="Discard this new incident?"
            >
              <Text size="sm">What you typed goes. Close with Esc instead to keep it as a draft for later.</Text>
              <Group justify="flex-end" gap="xs" mt="xs">
                <Button size="xs" variant="default" onClick={() => setConfirmingCancel(false)} ref={keepEditingRef}>
                  Keep editing
                </Button>
                <Button size="xs" color="red" onClick={discardAndClose}>
                  Discard
                </Button>
              </Group>
            </Alert>
          ) : null}
        </Stack>
      </form>
    </NewIncidentFileDrop>
  );
}

/** The form starts from the draft kept on this workstation, once the desk has said whether there is one. */
function NewIncidentDraftForm(props: { onCancel: () => void; onCreated: (id: string) => void }) {
  const draft = useDraft<NewIncidentDraft>(NEW_INCIDENT_DRAFT, isUntouched);
  if (!draft.loaded) return <Loader size="sm" aria-label="Looking for your draft" />;
  return <NewIncidentForm restored={draft.loaded.draft} draft={draft} {...props} />;
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
      {opened ? <NewIncidentDraftForm onCancel={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}
