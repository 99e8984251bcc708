import { Group, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { ReasonedButton } from '../forms/ReasonedButton.tsx';

export interface SettingsColumn<T> {
  readonly label: string;
  render(item: T): ReactNode;
}

interface SettingsTableProps<T> {
  /** What the table lists, for its accessible name ("Agents"). */
  readonly caption: string;
  readonly items: readonly T[];
  readonly columns: readonly SettingsColumn<T>[];
  itemName(item: T): string;
  onEdit(item: T): void;
  readonly empty: string;
  /**
   * `view`: the editor opens read-only, and the button says View. `locked`: why the agent cannot edit; the
   * button stays, greyed, and says why. By default it edits.
   */
  readonly access?:
    { readonly kind: 'edit' } | { readonly kind: 'view' } | { readonly kind: 'locked'; readonly why: string };
  /**
   * A Delete button per row, where the desk can delete the item: `why` says why this agent may not delete
   * this one (the button stays, greyed, and says so), null when they may.
   */
  readonly remove?: { onRemove(item: T): void; why(item: T): string | null };
}

/** A settings list: one row per item, its columns, and Edit (and Delete) buttons named after the item. */
export function SettingsTable<T extends { id: string }>(props: SettingsTableProps<T>) {
  const { caption, items, columns, itemName, onEdit, empty, remove } = props;
  const access = props.access ?? { kind: 'edit' };
  const verb = access.kind === 'view' ? 'View' : 'Edit';
  if (!items.length) {
    return (
      <Text c="dimmed" size="sm" py="md">
        {empty}
      </Text>
    );
  }
  return (
    <Table striped highlightOnHover aria-label={caption} verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column.label}>{column.label}</Table.Th>
          ))}
          <Table.Th>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id}>
            {columns.map((column) => (
              <Table.Td key={column.label}>{column.render(item)}</Table.Td>
            ))}
            <Table.Td>
              <Group justify="flex-end">
                <ReasonedButton
                  variant="subtle"
                  size="compact-sm"
                  reason={access.kind === 'locked' ? access.why : null}
                  onClick={() => onEdit(item)}
                  aria-label={`${verb} ${itemName(item)}`}
                >
                  {verb}
                </ReasonedButton>
                {remove ? (
                  <ReasonedButton
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    reason={remove.why(item)}
                    onClick={() => remove.onRemove(item)}
                    aria-label={`Delete ${itemName(item)}`}
                  >
                    Delete
                  </ReasonedButton>
                ) : null}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
