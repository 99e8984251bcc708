import { Badge, Button, Group, Kbd, Text, VisuallyHidden } from '@mantine/core';
import type { Ref } from 'react';
import { agentRole } from '#shared/domain/enums.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { NotificationBell } from './NotificationBell.tsx';
import { SearchBox } from './SearchBox.tsx';
import classes from './shell.module.css';

interface AppHeaderProps {
  readonly agent: Agent;
  readonly searchText: string;
  /** Changes when a view is opened, so the search box starts empty again. */
  readonly searchKey: number;
  readonly searchRef: Ref<HTMLInputElement>;
  /** The search results (the queue, or an incident opened from it) are not on screen. */
  readonly searchAway: boolean;
  onSearch(text: string): void;
  onGoToResults(): void;
  onNewIncident(): void;
  onLogContact(): void;
  onOpenIncident(id: string): void;
  onOpenNotificationSettings(): void;
}

export function AppHeader(props: AppHeaderProps) {
  const { agent } = props;
  return (
    <header className={classes.header}>
      <Text fw={700} size="lg" className={classes.brand}>
        Incident Desk
      </Text>
      <SearchBox
        key={props.searchKey}
        initialText={props.searchText}
        inputRef={props.searchRef}
        away={props.searchAway}
        onSearch={props.onSearch}
        onGoToResults={props.onGoToResults}
      />
      <Button
        onClick={props.onNewIncident}
        aria-keyshortcuts="c"
        title="New incident (C)"
        style={{ flexShrink: 0 }}
        rightSection={
          <Kbd size="xs" aria-hidden="true">
            C
          </Kbd>
        }
      >
        New incident
      </Button>
      <Button
        variant="default"
        onClick={props.onLogContact}
        aria-keyshortcuts="l"
        title="Log a call or walk-in (L)"
        style={{ flexShrink: 0 }}
        rightSection={
          <Kbd size="xs" aria-hidden="true">
            L
          </Kbd>
        }
      >
        Log a call
      </Button>
      <Group gap="xs" ml="auto" wrap="nowrap" style={{ flexShrink: 0 }}>
        <NotificationBell onOpenIncident={props.onOpenIncident} onOpenSettings={props.onOpenNotificationSettings} />
        <Text size="sm" fw={500} data-testid="signed-in-agent" style={{ whiteSpace: 'nowrap' }}>
          <VisuallyHidden>Signed in as </VisuallyHidden>
          {agent.name}
        </Text>
        <Badge variant="light" color="gray" tt="none">
          {agentRole.labels[agent.role]}
        </Badge>
      </Group>
    </header>
  );
}
