import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { indexReference } from './reference-index.ts';
import type { ReferenceIndex } from './reference-index.ts';
import { useDeskQuery } from './use-desk-query.ts';

const ReferenceContext = createContext<ReferenceIndex | null>(null);

/**
 * Agents, groups, categories, services and the priority matrix: small, used on every screen, reloaded when
 * any of them changes anywhere. Children render once the first load has arrived, so no screen has to
 * handle "not loaded yet".
 */
export function ReferenceProvider({ children }: { children: ReactNode }) {
  const { load } = useDeskQuery('reference/get', {}, { reloadWhen: (change) => change.reference, failures: 'notify' });
  const reference = useMemo(() => (load.kind === 'ready' ? indexReference(load.value) : null), [load]);
  return reference ? <ReferenceContext value={reference}>{children}</ReferenceContext> : null;
}

export function useReference(): ReferenceIndex {
  const reference = useContext(ReferenceContext);
  if (!reference) throw new Error('useReference needs a ReferenceProvider above it.');
  return reference;
}
