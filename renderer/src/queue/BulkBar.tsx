import { Button, Group, Menu, Text } from '@mantine/core';
import { useState } from 'react';
import type { RefObject } from 'react';
import type { BulkChange } from '#shared/domain/bulk.ts';
import { PRIORITIES, priorityLabel } from '#shared/domain/enums.ts';
import type { Priority } from '#shared/domain/enums.ts';
import { ACTION_LABELS } from '#shared/domain/lifecycle.ts';
import type { TransitionAction } from '#shared/domain/lifecycle.ts';
import { useReference } from '../api/reference-context.tsx';
import { useSignedInAgent } from '../api/session-context.tsx';
import { agentOptions, namedOptions } from '../common/select-options.ts';
import { BulkDetailsDialog } from './BulkDetailsDialog.tsx';
import type { BulkDetailsKind } from './BulkDetailsDialog.tsx';

interface BulkBarProps {
  /** The bar itself, so the b key can bring the focus to its first control. */
  readonly barRef: RefObject<HTMLDivElement | null>;
  readonly ticked: number;
  /** How many incidents the filter matches; null until known. */
  readonly total: number | null;
  readonly busy: boolean;
  onChange(change: BulkChange): void;
  onTickAll(): void;
  onClear(): void;
}

/** Status changes that need nothing more than the click; the others ask for notes first. */
const PLAIN_ACTIONS: readonly TransitionAction[] = ['start', 'wait', 'resume', 'close'];
const ACTIONS_WITH_NOTES = ['resolve', 'cancel', 'reopen'] as const;

function incidents(count: number): string {
  return count === 1 ? '1 incident' : `${count.toLocaleString()} incidents`;
}

/**
 * What can be done to the ticked incidents at once. Each choice is a change per incident, made by the desk
 * as if on each incident; what cannot apply to one (a closed incident cannot be started) is skipped and said.
 */
export function BulkBar({ barRef, ticked, total, busy, onChange, onTickAll, onClear }: BulkBarProps) {
  const reference = useReference();
  const me = useSignedInAgent();
  const [details, setDetails] = useState<BulkDetailsKind | null>(null);
  const menuProps = { position: 'bottom-start', shadow: 'md', withinPortal: true } as const;

  return (
    <Group
      ref={barRef}
      aria-keyshortcuts="b"
      gap="xs"
      px="md"
      py={6}
      role="toolbar"
      aria-label="Bulk changes"
      style={{ background: 'var(--mantine-color-yellow-0)', borderTop: '1px solid var(--mantine-color-yellow-3)' }}
    >
      <Text size="sm" fw={600} aria-live="polite" data-testid="ticked-count">
        {incidents(ticked)} ticked
      </Text>
      <Menu {...menuProps}>
        <Menu.Target>
          <Button size="xs" variant="default" disabled={busy}>
            Assign
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label="Assign to" mah={320} style={{ overflowY: 'auto' }}>
          <Menu.Item onClick={() => onChange({ kind: 'assign', assigneeId: me.id })}>Assign to me</Menu.Item>
          <Menu.Item onClick={() => onChange({ kind: 'assign', assigneeId: null })}>Unassign</Menu.Item>
          <Menu.Divider />
          {agentOptions(reference.agents)
            .filter((option) => option.value !== me.id)
            .map((option) => (
              <Menu.Item key={option.value} onClick={() => onChange({ kind: 'assign', assigneeId: option.value })}>
                {option.label}
              </Menu.Item>
            ))}
        </Menu.Dropdown>
      </Menu>
      <Menu {...menuProps}>
        <Menu.Target>
          <Button size="xs" variant="default" disabled={busy}>
            Group
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label="Move to group" mah={320} style={{ overflowY: 'auto' }}>
          {namedOptions(reference.groups).map((option) => (
            <Menu.Item key={option.value} onClick={() => onChange({ kind: 'group', groupId: option.value })}>
              {option.label}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => onChange({ kind: 'group', groupId: null })}>No group</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Menu {...menuProps}>
        <Menu.Target>
          <Button size="xs" variant="default" disabled={busy}>
            Status
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label="Change status">
          {PLAIN_ACTIONS.map((action) => (
            <Menu.Item key={action} onClick={() => onChange({ kind: 'status', action })}>
              {ACTION_LABELS[action]}
            </Menu.Item>
          ))}
          <Menu.Divider />
          {ACTIONS_WITH_NOTES.map((action) => (
            <Menu.Item key={action} onClick={() => setDetails(action)}>
              {ACTION_LABELS[action]}…
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Menu {...menuProps}>
        <Menu.Target>
          <Button size="xs" variant="default" disabled={busy}>
            Priority
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label="Set priority">
          {PRIORITIES.map((priority: Priority) => (
            <Menu.Item key={priority} onClick={() => setDetails(priority)}>
              {priorityLabel(priority)}…
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Button size="xs" variant="default" disabled={busy} onClick={() => setDetails('tag')}>
        Add tag…
      </Button>
      {total !== null && ticked < total ? (
        <Button size="xs" variant="subtle" disabled={busy} onClick={onTickAll}>
          Tick all {total.toLocaleString()} in this filter
        </Button>
      ) : null}
      <Button size="xs" variant="subtle" color="gray" disabled={busy} onClick={onClear}>
        Clear ticks
      </Button>
      <BulkDetailsDialog
        kind={details}
        count={ticked}
        onClose={() => setDetails(null)}
        onSubmit={(change) => {
          setDetails(null);
          onChange(change);
        }}
      />
    </Group>
  );
}
