import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { indexReference } from '../common/reference-index.ts';
import type { ReferenceIndex } from '../common/reference-index.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { desk } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';

const ReferenceContext = createContext<ReferenceIndex | null>(null);

/**
 * Agents, groups, categories, services and the priority matrix: small, used on every screen, reloaded when
 * any of them changes anywhere. Children render once the first load has arrived, so no screen has to
 * handle "not loaded yet".
 */
export function ReferenceProvider({ children }: { children: ReactNode }) {
  const [reference, setReference] = useState<ReferenceIndex | null>(null);
  const [generation, setGeneration] = useState(0);
  const toasts = useToasts();

  useEffect(() => {
    let current = true;
    desk['reference/get']({}).then(
      (data) => current && setReference(indexReference(data)),
      (error: unknown) => current && toasts.showError(error),
    );
    return () => {
      current = false;
    };
  }, [generation, toasts]);

  useDataChanged((change) => {
    if (change.reference) setGeneration((n) => n + 1);
  });

  return reference ? <ReferenceContext value={reference}>{children}</ReferenceContext> : null;
}

export function useReference(): ReferenceIndex {
  const reference = useContext(ReferenceContext);
  if (!reference) throw new Error('useReference needs a ReferenceProvider above it.');
  return reference;
}
