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

interface PaletteOffers {
  offer(source: symbol, actions: readonly PaletteAction[]): void;
  withdraw(source: symbol): void;
}

/**
 * Apart: the screens that offer actions need only the (unchanging) ways to offer them, and only the palette the
 * list. With one context, every offer re-rendered every offering screen, and the shell with all its screens.
 */
const PaletteOffersContext = createContext<PaletteOffers | null>(null);
const PaletteActionsContext = createContext<readonly PaletteAction[] | null>(null);

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
  const ways = useMemo(() => ({ offer, withdraw }), [offer, withdraw]);
  const actions = useMemo(() => [...offers.values()].flat(), [offers]);
  return (
    <PaletteOffersContext.Provider value={ways}>
      <PaletteActionsContext.Provider value={actions}>{children}</PaletteActionsContext.Provider>
    </PaletteOffersContext.Provider>
  );
}

function usePaletteOffers(): PaletteOffers {
  const offers = useContext(PaletteOffersContext);
  if (!offers) throw new Error('usePaletteActions needs a PaletteActionsProvider above it');
  return offers;
}

/** Every action offered right now. */
export function useOfferedActions(): readonly PaletteAction[] {
  const actions = useContext(PaletteActionsContext);
  if (!actions) throw new Error('useOfferedActions needs a PaletteActionsProvider above it');
  return actions;
}

/**
 * Offers these actions to the palette while the calling component is mounted. `run` is read when the action is
 * chosen, so it may close over the latest state; the list itself is re-offered when its labels change.
 */
export function usePaletteActions(actions: readonly PaletteAction[]): void {
  const { offer, withdraw } = usePaletteOffers();
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
