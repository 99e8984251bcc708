import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Shortcut } from './shortcuts.ts';

/** The palette's sections, in the order it lists them. */
export const PALETTE_GROUPS = ['This incident', 'Go to', 'Queues', 'Settings', 'Create', 'Help'] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

/** One thing the command palette can do, named the way the button for it is. */
export interface PaletteAction {
  readonly id: string;
  readonly label: string;
  readonly group: PaletteGroup;
  readonly description?: string;
  /** Other words an agent may type for it ("take" for "Assign to me"). */
  readonly keywords?: readonly string[];
  /** Its key, shown beside it. */
  readonly shortcut?: Shortcut;
  run(): void;
}

interface PaletteRegistry {
  readonly actions: readonly PaletteAction[];
  offer(source: symbol, actions: readonly PaletteAction[]): void;
  withdraw(source: symbol): void;
}

const PaletteContext = createContext<PaletteRegistry | null>(null);

/**
 * Where screens offer their actions to the palette while they are on screen (the open incident's "Assign to
 * me"), so the palette reaches what the agent sees without knowing every screen.
 */
export function PaletteActionsProvider({ children }: { children: ReactNode }) {
  const [offers, setOffers] = useState<ReadonlyMap<symbol, readonly PaletteAction[]>>(new Map());
  const offer = useCallback((source: symbol, actions: readonly PaletteAction[]) => {
    setOffers((current) => new Map(current).set(source, actions));
  }, []);
  const withdraw = useCallback((source: symbol) => {
    setOffers((current) => {
      const next = new Map(current);
      next.delete(source);
      return next;
    });
  }, []);
  const registry = useMemo(
    () => ({ actions: [...offers.values()].flat(), offer, withdraw }),
    [offers, offer, withdraw],
  );
  return <PaletteContext.Provider value={registry}>{children}</PaletteContext.Provider>;
}

function usePaletteRegistry(): PaletteRegistry {
  const registry = useContext(PaletteContext);
  if (!registry) throw new Error('usePaletteActions needs a PaletteActionsProvider above it');
  return registry;
}

/** Every action offered right now. */
export function useOfferedActions(): readonly PaletteAction[] {
  return usePaletteRegistry().actions;
}

/**
 * Offers these actions to the palette while the calling component is mounted. `run` is read when the action is
 * chosen, so it may close over the latest state; the list itself is re-offered when its labels change.
 */
export function usePaletteActions(actions: readonly PaletteAction[]): void {
  const { offer, withdraw } = usePaletteRegistry();
  const [source] = useState(() => Symbol('palette source'));
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  const signature = actions
    .map((action) => `${action.id}\u0000${action.label}\u0000${action.description ?? ''}`)
    .join('\u0001');
  useEffect(() => {
    offer(
      source,
      latest.current.map((action) => ({
        ...action,
        run: () => latest.current.find((current) => current.id === action.id)?.run(),
      })),
    );
  }, [signature, offer, source]);
  useEffect(() => () => withdraw(source), [withdraw, source]);
}
