import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { Session } from '#shared/contract.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { useDeskQuery } from './use-desk-query.ts';
import type { DeskLoad } from './use-desk-query.ts';

export interface SessionValue {
  readonly load: DeskLoad<Session>;
  /** The answer of a session call (sign in, register, demo) becomes the session: no second round trip. */
  adopt(session: Session): void;
  reload(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  // A supervisor may rename or deactivate the signed-in agent from another window.
  const { load, adopt, reload } = useDeskQuery('session/get', {}, { reloadWhen: (change) => change.reference });
  const value = useMemo(() => ({ load, adopt, reload }), [load, adopt, reload]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider above it.');
  return value;
}

/** The signed-in agent; only for screens that are shown after someone has signed in. */
export function useSignedInAgent(): Agent {
  const { load } = useSession();
  if (load.kind !== 'ready' || !load.value.agent) throw new Error('No agent is signed in.');
  return load.value.agent;
}
