import type { HubAccount } from '#shared/domain/sync-status.ts';
import { useDeskQuery } from './use-desk-query.ts';
import type { DeskLoad } from './use-desk-query.ts';

/** `failed` with `forbidden` for anyone but a team admin; with `invalid_input` when the hub cannot be reached. */
export type HubAccountsLoad = DeskLoad<readonly HubAccount[]>;

/** The team's accounts on the hub, asked for with this workstation's token (the hub answers admins only). */
export function useHubAccounts(): { load: HubAccountsLoad; reload: () => void } {
  const { load, reload } = useDeskQuery('team/agents', {});
  return { load, reload };
}
