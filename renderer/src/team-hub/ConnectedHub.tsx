import { Stack } from '@mantine/core';
import type { SyncStatus } from '#shared/domain/sync-status.ts';
import { HubAdminSection } from './HubAdminSection.tsx';
import { HubConnectionSection } from './HubConnectionSection.tsx';
import { ReplacedChangesSection } from './ReplacedChangesSection.tsx';

/** A connected workspace: the connection itself, what the team replaced of this agent's work, and the team. */
export function ConnectedHub({ status }: { status: SyncStatus }) {
  return (
    <Stack gap={40} maw={900}>
      <HubConnectionSection status={status} />
      <ReplacedChangesSection />
      <HubAdminSection status={status} />
    </Stack>
  );
}
