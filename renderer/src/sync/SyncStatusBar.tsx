import { Anchor, Button, Group, Text, VisuallyHidden } from '@mantine/core';
import { useSyncStatus } from '../api/sync-status-context.tsx';
import { useNow } from '../common/now-context.tsx';
import { routeHash } from '../navigation/route.ts';
import { describeSyncStatus } from './sync-status-view.ts';
import { SyncDot } from './SyncDot.tsx';
import classes from './sync-status-bar.module.css';

/**
 * The workspace's standing with its team hub, always in view at the bottom of the window: calm when all is
 * well, tinted (never flashing) when the hub is away or refuses, with "Sync now" for an agent who will not wait.
 */
export function SyncStatusBar() {
  const { status, syncing, syncNow } = useSyncStatus();
  const now = useNow();
  if (!status) return <footer className={classes.bar} aria-label="Team sync" />;
  const view = describeSyncStatus(status, now);
  return (
    <footer className={classes.bar} data-tone={view.tone} aria-label="Team sync" title={view.detail}>
      <Group gap={8} wrap="nowrap" miw={0}>
        <SyncDot tone={view.tone} />
        <Text
          size="xs"
          fw={500}
          className={classes.text}
          role="status"
          aria-description={view.detail}
          data-testid="sync-status"
        >
          {view.text}
        </Text>
        {view.refused ? (
          <Text size="xs" c="red.8" className={classes.text}>
            <span aria-hidden="true">· </span>
            {view.refused}
          </Text>
        ) : null}
        {view.lastSync ? (
          <Text size="xs" c="dimmed" className={classes.text}>
            <span aria-hidden="true">· </span>
            <time dateTime={status.lastSyncAt ?? undefined} title={view.lastSyncFull ?? undefined}>
              {view.lastSync}
            </time>
          </Text>
        ) : null}
      </Group>
      <Group gap={8} wrap="nowrap" ml="auto">
        {view.connected ? (
          <>
            {status.team ? (
              <Text size="xs" c="dimmed" className={classes.text}>
                <VisuallyHidden>Team: </VisuallyHidden>
                {status.team}
              </Text>
            ) : null}
            {/* aria-disabled, not disabled, while a round runs: a disabled button would drop the keyboard focus. */}
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => void syncNow()}
              aria-disabled={syncing}
              title="Send this workspace's changes and fetch the team's now"
            >
              Sync now
            </Button>
          </>
        ) : (
          <Anchor href={routeHash({ screen: 'settings', tab: 'hub' })} size="xs">
            Connect to a team hub
          </Anchor>
        )}
      </Group>
    </footer>
  );
}
