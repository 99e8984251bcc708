import { Group, Kbd, Modal, Stack, Table, Title } from '@mantine/core';
import { DIALOG_KEYS, LIST_MOVES, SHORTCUT_PLACES, SHORTCUTS } from '../navigation/shortcuts.ts';

interface ShortcutRow {
  readonly shown: readonly string[];
  readonly does: string;
}

/** The help reads the same list the key handlers do, so it cannot promise a key that does nothing. */
function rowsFor(place: string): ShortcutRow[] {
  const rows: ShortcutRow[] = Object.values(SHORTCUTS).filter((shortcut) => shortcut.place === place);
  if (place === 'Lists (queue and inbox)') {
    rows.push(...Object.values(LIST_MOVES).map((move) => ({ shown: [move.shown], does: move.does })));
  }
  return rows;
}

function ShortcutTable({ title, rows }: { title: string; rows: readonly ShortcutRow[] }) {
  return (
    <section aria-label={title}>
      <Title order={3} size="h6" mb={4}>
        {title}
      </Title>
      <Table withRowBorders={false} verticalSpacing={3}>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.shown.join()}${row.does}`}>
              <Table.Td w={150}>
                <Group gap={4} wrap="nowrap">
                  {row.shown.map((key, index) => (
                    <span key={key}>
                      {index > 0 ? ' or ' : null}
                      <Kbd size="sm">{key}</Kbd>
                    </span>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{row.does}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

/** "?": every keyboard shortcut, by where it works. */
export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg">
      <Stack gap="md">
        {SHORTCUT_PLACES.map((place) => (
          <ShortcutTable key={place} title={place} rows={rowsFor(place)} />
        ))}
        <ShortcutTable title="In a dialog" rows={DIALOG_KEYS} />
      </Stack>
    </Modal>
  );
}
