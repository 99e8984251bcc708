import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSyncStatus } from '../api/sync-status-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';

interface DisconnectDialogProps {
  readonly opened: boolean;
  /** Changes made here that the hub has not accepted yet. */
  readonly pending: number;
  onClose(): void;
}

/** Asks before disconnecting, and says what stays (everything here) and what goes (the device token). */
export function DisconnectDialog({ opened, pending, onClose }: DisconnectDialogProps) {
  const { adopt } = useSyncStatus();
  const run = useDeskCommand();
  const [busy, setBusy] = useState(false);

  const disconnect = async () => {
    setBusy(true);
    const done = await run('sync/disconnect', {}, { success: 'Disconnected: this workspace now works on its own' });
    setBusy(false);
    if (!done.ok) return;
    adopt(done.value);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Disconnect from the team hub?">
      <Stack gap="sm">
        <Text size="sm">
          This workspace keeps all its incidents, contacts and settings and goes on working on its own. Nothing is
          deleted, here or on the hub; your team just stops seeing what you do here, and you stop seeing theirs.
        </Text>
        {pending > 0 ? (
          <Alert
            color="yellow"
            title={`${pending === 1 ? '1 change has' : `${pending} changes have`} not reached the hub`}
          >
            They stay in this workspace; your team sees them only if it connects again.
          </Alert>
        ) : null}
        <Text size="sm">
          This workstation forgets its device token: to connect again, you need the hub address and a token again.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Stay connected
          </Button>
          <Button color="red" onClick={disconnect} disabled={busy}>
            Disconnect
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
