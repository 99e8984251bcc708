import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { ResolutionCode } from '#shared/domain/enums.ts';
import { ACTION_LABELS, actionRequirement } from '#shared/domain/lifecycle.ts';
import type { TransitionAction } from '#shared/domain/lifecycle.ts';
import { incidentDraftKey } from '#shared/domain/workstation.ts';
import { useDraft } from '../api/use-draft.ts';
import type { DraftKeeper } from '../api/use-draft.ts';
import { RESOLUTION_CODE_OPTIONS } from '../common/select-options.ts';
import { useDrawnWhileOpen } from '../common/use-drawn-while-open.ts';
import { describeError } from '../feedback/describe-error.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';
import type { IncidentCommands } from './use-incident-commands.ts';

const REASON_HINTS: Partial<Record<TransitionAction, string>> = {
  cancel: 'Why is this incident no longer needed? The reason goes in the timeline.',
  reopen: 'What is still wrong? The reason goes in the timeline.',
};

interface TransitionDialogProps {
  readonly incidentId: string;
  /** The action that needs the agent's words; null when closed. */
  readonly action: TransitionAction | null;
  readonly commands: IncidentCommands;
  onClose(): void;
}

/** What the resolution dialog keeps on this workstation until the incident is resolved or it is thrown away. */
type ResolutionDraft = { readonly resolutionCode?: string | null; readonly cause?: string; readonly notes?: string };
const isBlank = (draft: ResolutionDraft) => !draft.resolutionCode && !draft.cause?.trim() && !draft.notes?.trim();
const text = (value: unknown) => (typeof value === 'string' ? value : '');

interface TransitionFormProps {
  readonly action: TransitionAction;
  readonly commands: IncidentCommands;
  onClose(): void;
  /** For a resolution: its draft, and what it held when the dialog opened. */
  readonly draft: DraftKeeper<ResolutionDraft> | null;
  readonly initial: ResolutionDraft | null;
}

/** The resolution starts from the draft kept on this workstation, once the desk has said whether there is one. */
function ResolutionForm(props: Omit<TransitionFormProps, 'draft' | 'initial'> & { incidentId: string }) {
  const draft = useDraft<ResolutionDraft>(incidentDraftKey(props.incidentId, 'resolution'), isBlank);
  if (!draft.loaded) return null;
  const found = draft.loaded.draft?.value ?? null;
  const initial = found
    ? {
        resolutionCode: text(found.resolutionCode) || null,
        cause: text(found.cause),
        notes: text(found.notes),
      }
    : null;
  return <TransitionForm {...props} draft={draft} initial={initial} />;
}

function TransitionForm({ action, commands, onClose, draft, initial }: TransitionFormProps) {
  const resolving = actionRequirement(action) === 'resolution';
  const [code, setCodeNow] = useState<ResolutionCode | null>((initial?.resolutionCode as ResolutionCode) ?? null);
  const [notes, setNotesNow] = useState(initial?.notes ?? '');
  const [cause, setCauseNow] = useState(initial?.cause ?? '');
  const [restored, setRestored] = useState(initial !== null);
  const keep = (next: ResolutionDraft) => draft?.keep({ resolutionCode: code, cause, notes, ...next });
  const setCode = (value: ResolutionCode | null) => {
    setCodeNow(value);
    keep({ resolutionCode: value });
  };
  const setNotes = (value: string) => {
    setNotesNow(value);
    keep({ notes: value });
  };
  const setCause = (value: string) => {
    setCauseNow(value);
    keep({ cause: value });
  };
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
    if (result.ok) {
      draft?.discard();
      return onClose();
    }
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
        {restored ? (
          <Alert color="blue" withCloseButton onClose={() => setRestored(false)} title="Your unsent resolution is back">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">What you wrote last time, kept on this workstation.</Text>
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() => {
                  draft?.discard();
                  setCodeNow(null);
                  setCauseNow('');
                  setNotesNow('');
                  setRestored(false);
                }}
              >
                Start afresh
              </Button>
            </Group>
          </Alert>
        ) : null}
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

/**
 * Asks for what an action needs before it can be taken: a resolution, or a reason. A resolution being written
 * is kept as a draft: closing the dialog (Esc, Cancel) keeps it; resolving, or "Start afresh", ends it.
 */
export function TransitionDialog({ incidentId, action, commands, onClose }: TransitionDialogProps) {
  const { drawn, closed } = useDrawnWhileOpen(action !== null);
  if (!drawn) return null;
  const form = !action ? null : actionRequirement(action) === 'resolution' ? (
    <ResolutionForm incidentId={incidentId} action={action} commands={commands} onClose={onClose} />
  ) : (
    <TransitionForm action={action} commands={commands} onClose={onClose} draft={null} initial={null} />
  );
  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      onExitTransitionEnd={closed}
      title={action ? ACTION_LABELS[action] : ''}
      size="lg"
    >
      {form}
    </Modal>
  );
}
