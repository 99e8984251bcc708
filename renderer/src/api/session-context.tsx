import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Session } from '#shared/contract.ts';
import type { DeskError } from '#shared/errors.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { asDeskError } from '../feedback/describe-error.ts';
import { desk } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';

type SessionLoad =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly session: Session }
  | { readonly kind: 'failed'; readonly error: DeskError };

export interface SessionValue {
  readonly load: SessionLoad;
  /** The answer of a session call (sign in, register, demo) becomes the session: no second round trip. */
  adopt(session: Session): void;
  reload(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [load, setLoad] = useState<SessionLoad>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    desk['session/get']({}).then(
      (session) => current && setLoad({ kind: 'ready', session }),
      (error: unknown) => current && setLoad({ kind: 'failed', error: asDeskError(error) }),
    );
    return () => {
      current = false;
    };
  }, [generation]);

  // A supervisor may rename or deactivate the signed-in agent from another window.
  useDataChanged((change) => {
    if (change.reference) setGeneration((n) => n + 1);
  });

  const adopt = useCallback((session: Session) => setLoad({ kind: 'ready', session }), []);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
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
  if (load.kind !== 'ready' || !load.session.agent) throw new Error('No agent is signed in.');
  return load.session.agent;
}
