import { ActionIcon, Badge, Button, Divider, Group, Kbd, Modal, NavLink, Stack, Text } from '@mantine/core';
import { memo, useState } from 'react';
import { BUILT_IN_VIEWS } from '#shared/domain/queue.ts';
import type { QueueView } from '#shared/domain/queue.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useQueue } from '../queue/queue-context.tsx';
import { savedViewSections } from '../queue/saved-views.ts';
import { SavedViewMenu } from '../queue/SavedViewMenu.tsx';
import type { ViewDefinition } from '../queue/queue-state.ts';
import classes from './shell.module.css';

interface QueueNavProps {
  /** The open view's id, or null when the queue is not on screen (or the agent is searching). */
  readonly activeViewId: string | null;
  readonly inboxActive: boolean;
  /** Items waiting for triage; null until known. */
  readonly untriaged: number | null;
  readonly settingsActive: boolean;
  readonly kpisActive: boolean;
  /** The desk does not answer: the counts may be out of date. */
  readonly stale: boolean;
  onOpenView(view: ViewDefinition): void;
  onOpenInbox(): void;
  onOpenSettings(): void;
  onOpenKpis(): void;
}

interface ViewLinkProps {
  readonly view: ViewDefinition;
  readonly active: boolean;
  onOpenView(view: ViewDefinition): void;
}

/** Drawn again only when its view, count or highlight changes: the shell is drawn on every filter change. */
const ViewLink = memo(function ViewLink({ view, active, onOpenView }: ViewLinkProps) {
  const listed = 'count' in view ? (view as QueueView) : null;
  const count = listed?.count ?? null;
  return (
    <NavLink
      component="button"
      label={view.name}
      description={listed?.shared && listed.mine ? 'Shared with the team' : undefined}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={() => onOpenView(view)}
      rightSection={
        count === null ? null : (
          <Badge size="sm" variant={active ? 'filled' : 'light'} color="gray" data-testid="view-count">
            {count.toLocaleString()}
          </Badge>
        )
      }
      style={{ borderRadius: 'var(--mantine-radius-sm)' }}
    />
  );
});

export function QueueNav(props: QueueNavProps) {
  const { activeViewId, settingsActive, onOpenView, onOpenSettings } = props;
  const { views } = useQueue();
  const [deleting, setDeleting] = useState<QueueView | null>(null);
  const run = useDeskCommand();
  const builtIn: readonly ViewDefinition[] = views?.filter((v) => v.builtIn) ?? BUILT_IN_VIEWS;
  const { mine, team } = savedViewSections(views);

  const confirmDelete = async () => {
    if (!deleting) return;
    const done = await run('view/delete', { id: deleting.id }, { success: `View “${deleting.name}” deleted` });
    if (!done.ok) return;
    if (deleting.id === activeViewId) onOpenView(builtIn[0]!);
    setDeleting(null);
  };

  return (
    <nav className={classes.nav} aria-label="Queues" data-stale={props.stale}>
      <NavLink
        component="button"
        label="Inbox"
        active={props.inboxActive}
        aria-current={props.inboxActive ? 'page' : undefined}
        onClick={props.onOpenInbox}
        rightSection={
          props.untriaged === null ? null : (
            <Badge
              size="sm"
              variant={props.untriaged ? 'filled' : 'light'}
              color={props.untriaged ? 'indigo' : 'gray'}
              data-testid="inbox-count"
            >
              {props.untriaged.toLocaleString()}
            </Badge>
          )
        }
        style={{ borderRadius: 'var(--mantine-radius-sm)' }}
      />
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" className={classes.section}>
        Queues
      </Text>
      {builtIn.map((view) => (
        <ViewLink key={view.id} view={view} active={view.id === activeViewId} onOpenView={onOpenView} />
      ))}
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" className={classes.section}>
        My views
      </Text>
      {mine.map((view) => (
        <Group key={view.id} gap={2} wrap="nowrap">
          <div style={{ flex: 1, minWidth: 0 }}>
            <ViewLink view={view} active={view.id === activeViewId} onOpenView={onOpenView} />
          </div>
          <SavedViewMenu view={view} mine={mine} />
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={`Delete view ${view.name}`}
            title={`Delete view ${view.name}`}
            onClick={() => setDeleting(view)}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      {mine.length === 0 ? (
        <Text size="xs" c="dimmed" px="sm">
          Filter the queue, then “Save as view” to keep it here.
        </Text>
      ) : null}
      {team.length > 0 ? (
        <>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" className={classes.section}>
            Team views
          </Text>
          {team.map((view) => (
            <ViewLink key={view.id} view={view} active={view.id === activeViewId} onOpenView={onOpenView} />
          ))}
        </>
      ) : null}
      <Divider my="sm" />
      <NavLink
        component="button"
        label="KPIs"
        active={props.kpisActive}
        aria-current={props.kpisActive ? 'page' : undefined}
        aria-keyshortcuts="Shift+K"
        title="KPIs (Shift+K)"
        onClick={props.onOpenKpis}
        rightSection={
          <Kbd size="xs" aria-hidden="true">
            ⇧K
          </Kbd>
        }
        style={{ borderRadius: 'var(--mantine-radius-sm)' }}
      />
      <NavLink
        component="button"
        label="Settings"
        active={settingsActive}
        aria-current={settingsActive ? 'page' : undefined}
        onClick={onOpenSettings}
        style={{ borderRadius: 'var(--mantine-radius-sm)' }}
      />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete view">
        <Stack>
          <Text size="sm">Delete “{deleting?.name}”? The incidents stay as they are; only the saved filters go.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button color="red" onClick={confirmDelete}>
              Delete view
            </Button>
          </Group>
        </Stack>
      </Modal>
    </nav>
  );
}
