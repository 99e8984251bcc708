import { describeSync } from '#shared/domain/sync-status.ts';
import type { SyncState, SyncStatus } from '#shared/domain/sync-status.ts';
import { formatFullTime, formatRelativeTime } from '../common/time-format.ts';

/** How loudly the status bar speaks: offline and errors stand out, but nothing flashes or spins. */
export type SyncTone = 'local' | 'online' | 'busy' | 'offline' | 'error';

export interface SyncStatusView {
  readonly tone: SyncTone;
  /** The status in a few words: "Online", "Offline, 3 changes waiting", "Sync error: …". */
  readonly text: string;
  /** Everything else worth knowing, for the title: where the hub is, what to do, when it last worked. */
  readonly detail: string;
  /** "Last synced 2 min ago", or null before the first sync. */
  readonly lastSync: string | null;
  readonly lastSyncFull: string | null;
  /** "2 changes refused by the hub", or null. */
  readonly refused: string | null;
  readonly connected: boolean;
  /** Where the team's always-on duties (mailbox polling, SLA timers) run, seen from here; null when local. */
  readonly duties: string | null;
}

const TONES: Record<SyncState, SyncTone> = {
  local: 'local',
  connecting: 'busy',
  online: 'online',
  offline: 'offline',
  error: 'error',
};

function plural(count: number, one: string, many: string): string {
  return count === 1 ? `1 ${one}` : `${count.toLocaleString()} ${many}`;
}

/** "Service Desk team hub at https://hub.example.com", to follow "the". */
function hubPhrase(status: SyncStatus): string {
  const team = status.team ? `${status.team} ` : '';
  return `${team}team hub${status.hubUrl ? ` at ${status.hubUrl}` : ''}`;
}

function explain(status: SyncStatus): string {
  switch (status.state) {
    case 'local':
      return 'This workspace is not connected to a team hub: everything stays on this computer. Connect one in Settings → Team hub.';
    case 'connecting':
      return `Connecting to the ${hubPhrase(status)}.`;
    case 'online':
      return `Connected to the ${hubPhrase(status)}.`;
    case 'offline':
      // The reason already names the hub ("The hub at … cannot be reached (ECONNREFUSED)."), when there is one.
      return `${status.error ?? `The ${hubPhrase(status)} cannot be reached.`} Your work is saved on this computer and is sent when the hub is back.`;
    case 'error':
      return `Syncing with the ${hubPhrase(status)} stopped: ${status.error ?? 'unknown'}`;
  }
}

function dutiesOf(status: SyncStatus): string | null {
  if (status.state === 'local') return null;
  if (status.automation) return 'Run on this workstation';
  // Only the hub can confirm who holds the lease; without it, this workstation stands down.
  switch (status.state) {
    case 'online':
      return 'Run by another workstation';
    case 'offline':
      return 'Not run here while the hub cannot be reached';
    case 'connecting':
      return 'Not run here yet';
    case 'error':
      return 'Not run here while syncing is stopped';
  }
}

/** The status bar's words for a sync status, at `nowMs`. */
export function describeSyncStatus(status: SyncStatus, nowMs: number): SyncStatusView {
  const connected = status.state !== 'local';
  const lastSync = status.lastSyncAt ? `Last synced ${formatRelativeTime(status.lastSyncAt, nowMs)}` : null;
  const lastSyncFull = status.lastSyncAt ? formatFullTime(status.lastSyncAt) : null;
  const refused = status.rejected > 0 ? `${plural(status.rejected, 'change', 'changes')} refused by the hub` : null;
  const detail = [
    explain(status),
    connected ? (lastSyncFull ? `Last synced ${lastSyncFull}.` : 'Not synced yet.') : null,
    refused ? `${refused}: they stay in this workspace, but the team does not see them.` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    tone: TONES[status.state],
    // describeSync's long form of "local" fits a tooltip, not a status bar.
    text: status.state === 'local' ? 'Local workspace' : describeSync(status),
    detail,
    lastSync,
    lastSyncFull,
    refused,
    connected,
    duties: dutiesOf(status),
  };
}
