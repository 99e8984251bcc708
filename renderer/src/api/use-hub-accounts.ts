import { useCallback, useEffect, useState } from 'react';
import type { DeskError } from '#shared/errors.ts';
import type { HubAccount } from '#shared/domain/sync-status.ts';
import { asDeskError } from '../feedback/describe-error.ts';
import { desk } from './desk.ts';

export type HubAccountsLoad =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly accounts: readonly HubAccount[] }
  /** `forbidden` for anyone but a team admin; `invalid_input` when the hub cannot be reached. */
  | { readonly kind: 'failed'; readonly error: DeskError };

/** The team's accounts on the hub, asked for with this workstation's token (the hub answers admins only). */
export function useHubAccounts(): { load: HubAccountsLoad; reload: () => void } {
  const [load, setLoad] = useState<HubAccountsLoad>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    desk['team/agents']({}).then(
      (accounts) => current && setLoad({ kind: 'ready', accounts }),
      (error: unknown) => current && setLoad({ kind: 'failed', error: asDeskError(error) }),
    );
    return () => {
      current = false;
    };
  }, [generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { load, reload };
}
