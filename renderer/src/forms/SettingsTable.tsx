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
}

/** A settings list: one row per item, its columns, and an Edit button named after the item. */
export function SettingsTable<T extends { id: string }>(props: SettingsTableProps<T>) {
  const { caption, items, columns, itemName, onEdit, empty } = props;
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
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
