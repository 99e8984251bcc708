import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { InboxItem } from '#shared/domain/intake.ts';

interface MarkNoiseDialogProps {
  /** The items to mark; empty when the dialog is closed. */
  readonly items: readonly InboxItem[];
  onClose(): void;
  onConfirm(): void;
}

/** Asks before marking several items as noise at once: they leave the inbox and cannot be triaged again. */
export function MarkNoiseDialog({ items, onClose, onConfirm }: MarkNoiseDialogProps) {
  return (
    <Modal opened={items.length > 0} onClose={onClose} title={`Mark ${items.length} items as noise?`}>
      <Stack gap="sm">
        <Text size="sm">
          They leave the inbox and make no incident. They are kept: “Noise” in the inbox’s filter shows them.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm} data-autofocus>
            Mark as noise
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
