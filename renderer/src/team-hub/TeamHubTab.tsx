import { useSyncStatus } from '../api/sync-status-context.tsx';
import { ConnectHubForm } from './ConnectHubForm.tsx';
import { ConnectedHub } from './ConnectedHub.tsx';

/** Settings → Team hub: connect a local workspace, or look after the connection and the team it syncs with. */
export function TeamHubTab() {
  const { status } = useSyncStatus();
  if (!status) return null;
  return status.state === 'local' ? <ConnectHubForm /> : <ConnectedHub status={status} />;
}
