import { useEffect, useState } from 'react';
import type { InboxListInput, InboxPage } from '#shared/domain/intake.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { desk } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';
import { useWhenDeskBack } from './use-desk-reachable.ts';

export interface InboxPageLoad {
  /** The latest answer; until the first answer for a new query, the previous query's (no flash of nothing). */
  readonly page: InboxPage | null;
  /** Whether `page` answers the query asked for now. */
  readonly current: boolean;
}

/**
 * One page of the inbox for a query, kept current: whatever arrives or is triaged anywhere (here, another
 * tab, another workstation) reloads it.
 */
export function useInboxPage(query: InboxListInput): InboxPageLoad {
  const key = JSON.stringify(query);
  const [answer, setAnswer] = useState<{ key: string; page: InboxPage } | null>(null);
  const [generation, setGeneration] = useState(0);
  const toasts = useToasts();

  useEffect(() => {
    let current = true;
    void desk['inbox/list'](JSON.parse(key) as InboxListInput).then((outcome) => {
      if (!current) return;
      if (outcome.ok) setAnswer({ key, page: outcome.value });
      else if (outcome.error.code !== 'unreachable') toasts.showError(outcome.error);
    });
    return () => {
      current = false;
    };
  }, [key, generation, toasts]);

  useDataChanged((change) => {
    if (change.inbox) setGeneration((n) => n + 1);
  });
  useWhenDeskBack(() => setGeneration((n) => n + 1));

  return { page: answer?.page ?? null, current: answer?.key === key };
}
