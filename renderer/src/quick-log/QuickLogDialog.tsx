import { Alert, Button, Group, Kbd, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { Level } from '#shared/domain/enums.ts';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import type { IncidentDetail, IncidentSummary } from '#shared/domain/incident.ts';
import { logContactInput } from '#shared/domain/intake.ts';
import type { LogContactInput } from '#shared/domain/intake.ts';
import { priorityFor } from '#shared/domain/priority.ts';
import { useReference } from '../api/reference-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { IncidentPicker } from '../common/IncidentPicker.tsx';
import { PriorityBadge } from '../common/PriorityBadge.tsx';
import { ContactPicker } from '../contacts/ContactPicker.tsx';
import { describeError } from '../feedback/describe-error.ts';
import { checkForm, fieldErrorsFromMessage, NO_FIELD_ERRORS } from '../forms/field-errors.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';
import { LevelSelect } from '../forms/IncidentFields.tsx';
import { SegmentedField } from '../forms/SegmentedField.tsx';

type LogChannel = 'phone' | 'walk_in';
type Outcome = 'create' | 'add';

interface QuickLogValues {
  readonly channel: LogChannel;
  readonly contactId: string | null;
  readonly subject: string;
  readonly notes: string;
  readonly outcome: Outcome;
  readonly impact: Level;
  readonly urgency: Level;
  readonly incident: IncidentSummary | null;
}

/** Medium until the agent knows better, as for any new incident. */
const START: QuickLogValues = {
  channel: 'phone',
  contactId: null,
  subject: '',
  notes: '',
  outcome: 'create',
  impact: 2,
  urgency: 2,
  incident: null,
};

function logInput(values: QuickLogValues): LogContactInput {
  return {
    channel: values.channel,
    contactId: values.contactId,
    subject: values.subject,
    notes: values.notes,
    incidentId: values.outcome === 'add' ? (values.incident?.id ?? null) : null,
    impact: values.impact,
    urgency: values.urgency,
  };
}

function QuickLogForm({ onClose, onLogged }: { onClose: () => void; onLogged: (detail: IncidentDetail) => void }) {
  const reference = useReference();
  const run = useDeskCommand();
  const [values, setValues] = useState<QuickLogValues>(START);
  const [errors, setErrors] = useFieldErrors(logInput(values));
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<QuickLogValues>) => setValues({ ...values, ...patch });
  const what = values.channel === 'phone' ? 'call' : 'walk-in';

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    // The New contact dialog opens over this one: its submit is its own.
    if (event && event.target !== event.currentTarget) return;
    if (values.outcome === 'add' && !values.incident) return setErrors({ incidentId: 'Choose the incident' });
    const checked = checkForm(logContactInput, logInput(values));
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    const logged = await run('intake/logContact', logInput(values), { quiet: true });
    setBusy(false);
    if (logged.ok) return onLogged(logged.value);
    const byField = fieldErrorsFromMessage(logged.error.message);
    setErrors(byField);
    setRefusal(Object.keys(byField).length ? null : describeError(logged.error).message);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.currentTarget.contains(event.target as Node)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const number = values.incident
    ? formatIncidentNumber(values.incident.number, values.incident.provisionalNumber)
    : null;
  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label={`Log a ${what}`}>
      <Stack gap="sm">
        {refusal ? (
          <Alert color="red" title="Not logged" role="alert">
            {refusal}
          </Alert>
        ) : null}
        <SegmentedField<LogChannel>
          label="How they got in touch"
          value={values.channel}
          onChange={(channel) => set({ channel })}
          data={[
            { value: 'phone', label: 'Phone call' },
            { value: 'walk_in', label: 'Walk-in' },
          ]}
        />
        <ContactPicker
          label={values.channel === 'phone' ? 'Caller' : 'Visitor'}
          value={values.contactId}
          onChange={(contactId) => set({ contactId })}
          error={errors.contactId}
          autoFocus
        />
        <TextInput
          label="Subject"
          placeholder="What it is about, in a few words"
          value={values.subject}
          onChange={(event) => set({ subject: event.currentTarget.value })}
          error={errors.subject}
          required
        />
        <Textarea
          label="Notes"
          placeholder="What they said, what you tried"
          value={values.notes}
          onChange={(event) => set({ notes: event.currentTarget.value })}
          error={errors.notes}
          autosize
          minRows={3}
          maxRows={10}
        />
        <SegmentedField<Outcome>
          label="Then"
          value={values.outcome}
          onChange={(outcome) => {
            set({ outcome });
            setErrors(NO_FIELD_ERRORS);
          }}
          data={[
            { value: 'create', label: 'Create incident' },
            { value: 'add', label: 'Add to incident' },
          ]}
        />
        {values.outcome === 'create' ? (
          <SimpleGrid cols={2} spacing="sm">
            <LevelSelect label="Impact" value={values.impact} onChange={(impact) => set({ impact })} />
            <LevelSelect label="Urgency" value={values.urgency} onChange={(urgency) => set({ urgency })} />
          </SimpleGrid>
        ) : (
          <IncidentPicker
            label="Incident"
            value={values.incident}
            onChange={(incident) => {
              set({ incident });
              setErrors(NO_FIELD_ERRORS);
            }}
            error={errors.incidentId}
          />
        )}
        <Group justify="space-between" mt="xs">
          {values.outcome === 'create' ? (
            <Text size="sm" aria-live="polite" data-testid="priority-preview">
              Priority:{' '}
              <PriorityBadge
                priority={priorityFor(reference.priorityMatrix, values.impact, values.urgency)}
                size="md"
              />
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> logs it
            </Text>
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy}>
              {values.outcome === 'create'
                ? `Log ${what} and create incident`
                : `Log ${what} and add to ${number ?? 'incident'}`}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * A call or a walk-in, logged while it happens (`l` anywhere, or "Log a call"): who, what, and either a new
 * incident, assigned to the agent who took it, or an existing one. The incident opens afterwards.
 */
export function QuickLogDialog({
  opened,
  onClose,
  onLogged,
}: {
  opened: boolean;
  onClose: () => void;
  onLogged: (detail: IncidentDetail) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Log a call or walk-in" size="lg">
      {opened ? <QuickLogForm onClose={onClose} onLogged={onLogged} /> : null}
    </Modal>
  );
}
