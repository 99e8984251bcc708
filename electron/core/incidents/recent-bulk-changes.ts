import { v7 as uuidv7 } from 'uuid';
import { BULK_UNDO_SECONDS } from '#shared/domain/bulk.ts';
import type { UndoItem } from './bulk.service.ts';

interface Recent {
  readonly actorId: string;
  readonly expiresAt: number;
  readonly items: readonly UndoItem[];
}

/**
 * The bulk changes that can still be undone, for a short while after they were made, by the agent who made
 * them. Kept in memory: an undo is a second thought, not a record; a restarted desk has forgotten it.
 */
export class RecentBulkChanges {
  readonly #recent = new Map<string, Recent>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  remember(actorId: string, items: readonly UndoItem[]): string | null {
    this.#forgetExpired();
    if (!items.length) return null;
    const undoId = uuidv7();
    this.#recent.set(undoId, { actorId, expiresAt: this.#now() + BULK_UNDO_SECONDS * 1000, items });
    return undoId;
  }

  /** The changes to undo, handed over once; null when too late, unknown, or someone else's. */
  take(undoId: string, actorId: string): readonly UndoItem[] | null {
    this.#forgetExpired();
    const recent = this.#recent.get(undoId);
    if (!recent || recent.actorId !== actorId) return null;
    this.#recent.delete(undoId);
    return recent.items;
  }

  #forgetExpired(): void {
    const now = this.#now();
    for (const [id, recent] of this.#recent) if (recent.expiresAt <= now) this.#recent.delete(id);
  }
}
