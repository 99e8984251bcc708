import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import type { IncidentSummary } from '#shared/domain/incident.ts';
import type { InboxItem } from '#shared/domain/intake.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { IncidentPicker } from '../common/IncidentPicker.tsx';
import { describeError } from '../feedback/describe-error.ts';

interface AddToIncidentDialogProps {
  /** The items to add; empty when the dialog is closed. */
  readonly items: readonly InboxItem[];
  onClose(): void;
  onAdded(incident: IncidentSummary): void;
}

function AddForm({ items, onClose, onAdded }: AddToIncidentDialogProps) {
  const run = useDeskCommand();
  const [incident, setIncident] = useState<IncidentSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!incident) return setError('Choose the incident first');
    setBusy(true);
    const added = await run(
      'inbox/addToIncident',
      { ids: items.map((item) => item.id), incidentId: incident.id },
      { quiet: true },
    );
    setBusy(false);
    if (added.ok) return onAdded(incident);
    setRefusal(describeError(added.error).message);
  };

  const what = items.length === 1 ? `“${items[0]!.subject || items[0]!.preview}”` : `${items.length} items`;
  return (
    <form onSubmit={submit} noValidate aria-label="Add to an incident">
      <Stack gap="sm">
        {refusal ? (
          <Alert color="red" title="Not added" role="alert">
            {refusal}
          </Alert>
        ) : null}
        <Text size="sm">
          {what} will show in the incident’s timeline; replies to {items.length === 1 ? 'it' : 'them'} will follow.
        </Text>
        <IncidentPicker
          label="Incident"
          value={incident}
          onChange={(chosen) => {
            setIncident(chosen);
            setError(null);
          }}
          error={error ?? undefined}
          autoFocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            {incident
              ? `Add to ${formatIncidentNumber(incident.number, incident.provisionalNumber)}`
              : 'Add to incident'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Add to incident": the items join an incident found by number or title. */
export function AddToIncidentDialog(props: AddToIncidentDialogProps) {
  const opened = props.items.length > 0;
  return (
    <Modal opened={opened} onClose={props.onClose} title="Add to incident" size="lg">
      {opened ? <AddForm {...props} /> : null}
    </Modal>
  );
}
