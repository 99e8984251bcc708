import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { DeskOutcome } from '../api/desk.ts';
import { describeError } from '../feedback/describe-error.ts';

interface ConfirmDeleteDialogProps {
  /** Open while there is something to delete. */
  readonly opened: boolean;
  /** "Delete calendar": the dialog's title and its button. */
  readonly title: string;
  /** What happens, in a sentence or two, asked as a question. */
  readonly question: string;
  /** What stands in the way, when something does: the question is not asked and the button stays greyed. */
  readonly blocked: string | null;
  /** Asks the desk; a refusal is shown here, in the dialog, rather than as a notification. */
  onConfirm(): Promise<DeskOutcome<unknown>>;
  onClose(): void;
}

/**
 * Confirms a delete on a settings page, saying what happens, or what stands in the way (a calendar a policy
 * still uses). The focus starts on Cancel, so Enter never deletes by accident.
 */
export function ConfirmDeleteDialog({
  opened,
  title,
  question,
  blocked,
  onConfirm,
  onClose,
}: ConfirmDeleteDialogProps) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The next item's dialog starts without this one's refusal.
  const close = () => {
    setRefusal(null);
    onClose();
  };

  const confirm = async () => {
    setBusy(true);
    try {
      const outcome = await onConfirm();
      if (outcome.ok) close();
      else setRefusal(describeError(outcome.error).message);
    } finally {
      setBusy(false);
    }
  };

  const problem = refusal ?? blocked;
  return (
    <Modal opened={opened} onClose={close} title={title}>
      <Stack>
        {problem ? (
          <Alert color="orange" variant="light" title="It cannot be deleted now">
            {problem}
          </Alert>
        ) : (
          <Text size="sm">{question}</Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {problem ? 'Close' : 'Cancel'}
          </Button>
          <Button color="red" disabled={problem !== null} loading={busy} onClick={() => void confirm()}>
            {title}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
