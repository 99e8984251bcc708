import { useCallback, useEffect, useState } from 'react';
import type { MailboxView } from '#shared/domain/mailbox.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { desk } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';

/** How often the health is asked for again while it is on screen: a failing connection says nothing else. */
const HEALTH_REFRESH_MS = 10_000;

/**
 * The team's mailboxes with how each is doing from this workstation; null until the first answer. Settings
 * changed anywhere, and mail arriving (which is what a fetch does), reload them; so does a slow timer, as
 * the desk sends no event when a fetch fails.
 */
export function useMailboxes(): { mailboxes: readonly MailboxView[] | null; adopt: (view: MailboxView) => void } {
  const [mailboxes, setMailboxes] = useState<readonly MailboxView[] | null>(null);
  const [generation, setGeneration] = useState(0);
  const toasts = useToasts();

  useEffect(() => {
    let current = true;
    desk['mailbox/list']({}).then(
      (answer) => current && setMailboxes(answer),
      (error: unknown) => current && toasts.showError(error),
    );
    return () => {
      current = false;
    };
  }, [generation, toasts]);

  useDataChanged((change) => {
    if (change.reference || change.inbox) setGeneration((n) => n + 1);
  });
  useEffect(() => {
    const timer = setInterval(() => setGeneration((n) => n + 1), HEALTH_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  /** The answer of a save or a check is the mailbox as it now stands. */
  const adopt = useCallback((view: MailboxView) => {
    setMailboxes((now) => {
      if (!now) return [view];
      return now.some((m) => m.id === view.id) ? now.map((m) => (m.id === view.id ? view : m)) : [...now, view];
    });
  }, []);

  return { mailboxes, adopt };
}
