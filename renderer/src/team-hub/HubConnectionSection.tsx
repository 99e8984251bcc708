import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { SyncStatus } from '#shared/domain/sync-status.ts';
import { useSyncStatus } from '../api/sync-status-context.tsx';
import { useNow } from '../common/now-context.tsx';
import { describeSyncStatus } from '../sync/sync-status-view.ts';
import { SyncDot } from '../sync/SyncDot.tsx';
import { DisconnectDialog } from './DisconnectDialog.tsx';
import classes from './team-hub.module.css';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Where the workspace syncs, how that stands, and the two things an agent can do about it. */
export function HubConnectionSection({ status }: { status: SyncStatus }) {
  const { syncing, syncNow } = useSyncStatus();
  const now = useNow();
  const [disconnecting, setDisconnecting] = useState(false);
  const view = describeSyncStatus(status, now);
  return (
    <section aria-labelledby="hub-connection-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="hub-connection-heading">
          Connection
        </Title>
        <dl className={classes.facts}>
          <Fact label="Hub address">
            <span className={classes.address}>{status.hubUrl}</span>
          </Fact>
          <Fact label="Team">{status.team ?? 'Not known yet'}</Fact>
          <Fact label="Status">
            <span className={classes.state} data-tone={view.tone}>
              <SyncDot tone={view.tone} />
              <span data-testid="hub-status">{view.text}</span>
            </span>
          </Fact>
          <Fact label="Last synced">{view.lastSyncFull ?? 'Not yet'}</Fact>
          {view.duties ? <Fact label="Always-on duties">{view.duties}</Fact> : null}
          {view.refused ? (
            <Fact label="Refused">
              <Text span size="sm" c="red.8">
                {view.refused}: they stay in this workspace, but the team does not see them.
              </Text>
            </Fact>
          ) : null}
        </dl>
        <Group gap="sm">
          <Button onClick={() => void syncNow()} aria-disabled={syncing}>
            Sync now
          </Button>
          <Button variant="default" color="red" onClick={() => setDisconnecting(true)}>
            Disconnect…
          </Button>
        </Group>
      </Stack>
      <DisconnectDialog opened={disconnecting} pending={status.pending} onClose={() => setDisconnecting(false)} />
    </section>
  );
}
