import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '#shared/domain/sync-status.ts';
import { describeSyncStatus } from '../../renderer/src/sync/sync-status-view.ts';

const NOW = Date.parse('2026-03-02T09:30:00Z');
const HUB = 'https://hub.example.com';

const status = (fields: Partial<SyncStatus>): SyncStatus => ({
  state: 'online',
  hubUrl: HUB,
  team: 'Service Desk',
  pending: 0,
  rejected: 0,
  lastSyncAt: '2026-03-02T09:28:00.000Z',
  error: null,
  automation: false,
  ...fields,
});

describe('the sync status bar', () => {
  it('says how the workspace stands in a few words, and how loudly', () => {
    const cases: [Partial<SyncStatus>, string, string][] = [
      [{ state: 'local', hubUrl: null, team: null, lastSyncAt: null }, 'Local workspace', 'local'],
      [{ state: 'connecting' }, 'Connecting to the team hub…', 'busy'],
      [{}, 'Online', 'online'],
      [{ pending: 2 }, 'Online, sending 2 changes', 'online'],
      [{ state: 'offline', pending: 3 }, 'Offline, 3 changes waiting', 'offline'],
      [
        { state: 'error', error: 'The hub refused: token revoked.' },
        'Sync error: The hub refused: token revoked.',
        'error',
      ],
    ];
    for (const [fields, text, tone] of cases) {
      expect(describeSyncStatus(status(fields), NOW)).toMatchObject({ text, tone });
    }
  });

  it('offers Sync now only when connected, and tells a local workspace where to connect', () => {
    const local = describeSyncStatus(status({ state: 'local', hubUrl: null, team: null, lastSyncAt: null }), NOW);
    expect(local.connected).toBe(false);
    expect(local.lastSync).toBeNull();
    expect(local.detail).toMatch(/not connected to a team hub.*Settings → Team hub/);
    expect(describeSyncStatus(status({ state: 'offline' }), NOW).connected).toBe(true);
  });

  it('keeps the last successful sync in view, and the reason and reassurance in the detail', () => {
    const offline = describeSyncStatus(
      status({ state: 'offline', pending: 3, error: `The hub at ${HUB} cannot be reached (ECONNREFUSED).` }),
      NOW,
    );
    expect(offline.lastSync).toBe('Last synced 2 min ago');
    expect(offline.detail).toContain(`The hub at ${HUB} cannot be reached (ECONNREFUSED).`);
    expect(offline.detail).toContain('Your work is saved on this computer');
    expect(offline.detail).toContain(`Last synced ${offline.lastSyncFull}.`);
    expect(describeSyncStatus(status({ lastSyncAt: null }), NOW).detail).toContain('Not synced yet.');
  });

  it('counts changes the hub refused', () => {
    expect(describeSyncStatus(status({ rejected: 1 }), NOW).refused).toBe('1 change refused by the hub');
    expect(describeSyncStatus(status({ rejected: 4 }), NOW).refused).toBe('4 changes refused by the hub');
    expect(describeSyncStatus(status({}), NOW).refused).toBeNull();
  });

  it("says where the team's always-on duties run", () => {
    expect(describeSyncStatus(status({ automation: true }), NOW).duties).toBe('Run on this workstation');
    expect(describeSyncStatus(status({}), NOW).duties).toBe('Run by another workstation');
    expect(describeSyncStatus(status({ state: 'offline' }), NOW).duties).toBe(
      'Not run here while the hub cannot be reached',
    );
    expect(describeSyncStatus(status({ state: 'error', error: 'token revoked' }), NOW).duties).toBe(
      'Not run here while syncing is stopped',
    );
    expect(describeSyncStatus(status({ state: 'local' }), NOW).duties).toBeNull();
  });
});
