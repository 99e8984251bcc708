import { Button, Checkbox, Popover, Stack, Text } from '@mantine/core';
import { QUEUE_COLUMN_LABELS, QUEUE_COLUMNS } from '#shared/domain/queue.ts';
import type { QueueColumn } from '#shared/domain/queue.ts';
import { ALWAYS_SHOWN } from './queue-columns.ts';

interface ColumnChooserProps {
  readonly columns: readonly QueueColumn[];
  onChoose(columns: readonly QueueColumn[]): void;
}

/** "Columns": which the queue shows, kept on this workstation; the title always shows and takes the room left. */
export function ColumnChooser({ columns, onChoose }: ColumnChooserProps) {
  const toggle = (column: QueueColumn, shown: boolean) =>
    onChoose(QUEUE_COLUMNS.filter((c) => (c === column ? shown : columns.includes(c))));
  return (
    <Popover position="bottom-end" shadow="md" withArrow trapFocus>
      <Popover.Target>
        <Button variant="default" size="xs">
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6} role="group" aria-label="Columns to show">
          {QUEUE_COLUMNS.map((column) => (
            <Checkbox
              key={column}
              size="xs"
              label={QUEUE_COLUMN_LABELS[column]}
              checked={columns.includes(column)}
              disabled={column === ALWAYS_SHOWN}
              onChange={(event) => toggle(column, event.currentTarget.checked)}
            />
          ))}
          <Text size="xs" c="dimmed" maw={180}>
            The title always shows; it takes the room the others leave.
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
