import { useCallback, useEffect } from 'react';
import type { MailboxView } from '#shared/domain/mailbox.ts';
import { useDeskQuery } from './use-desk-query.ts';

/** How often the health is asked for again while it is on screen: a failing connection says nothing else. */
const HEALTH_REFRESH_MS = 10_000;

/**
 * The team's mailboxes with how each is doing from this workstation; null until the first answer. Settings
 * changed anywhere, and mail arriving (which is what a fetch does), reload them; so does a slow timer, as
 * the desk sends no event when a fetch fails.
 */
export function useMailboxes(): { mailboxes: readonly MailboxView[] | null; adopt: (view: MailboxView) => void } {
  const { load, reload, adopt } = useDeskQuery(
    'mailbox/list',
    {},
    { reloadWhen: (change) => change.reference || Boolean(change.inbox), failures: 'notify' },
  );

  useEffect(() => {
    const timer = setInterval(reload, HEALTH_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  /** The answer of a save or a check is the mailbox as it now stands. */
  const adoptView = useCallback(
    (view: MailboxView) =>
      adopt((now) => {
        if (!now) return [view];
        return now.some((m) => m.id === view.id) ? now.map((m) => (m.id === view.id ? view : m)) : [...now, view];
      }),
    [adopt],
  );

  return { mailboxes: load.kind === 'ready' ? load.value : null, adopt: adoptView };
}
