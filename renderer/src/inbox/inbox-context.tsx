import { createContext, useContext, useMemo, useReducer } from 'react';
import type { Dispatch, ReactNode } from 'react';
import { useInboxPage } from '../api/use-inbox-page.ts';
import type { InboxPageLoad } from '../api/use-inbox-page.ts';
import { inboxQuery, inboxReducer, INITIAL_INBOX_STATE } from './inbox-state.ts';
import type { InboxAction, InboxViewState } from './inbox-state.ts';

export interface InboxContextValue {
  readonly state: InboxViewState;
  readonly dispatch: Dispatch<InboxAction>;
  readonly load: InboxPageLoad;
}

const InboxContext = createContext<InboxContextValue | null>(null);

/**
 * The inbox's filters, highlight, ticks and items live above the screens: opening a message and coming back
 * finds the inbox as it was, and the navigation's count is always current.
 */
export function InboxProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(inboxReducer, INITIAL_INBOX_STATE);
  const query = useMemo(() => inboxQuery(state), [state]);
  const load = useInboxPage(query);
  const value = useMemo(() => ({ state, dispatch, load }), [state, load]);
  return <InboxContext value={value}>{children}</InboxContext>;
}

export function useInbox(): InboxContextValue {
  const value = useContext(InboxContext);
  if (!value) throw new Error('useInbox needs an InboxProvider above it.');
  return value;
}
