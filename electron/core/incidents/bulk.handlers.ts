import type { Handlers } from '#shared/contract.ts';
import { BULK_UNDO_SECONDS } from '#shared/domain/bulk.ts';
import { DeskError } from '#shared/errors.ts';
import type { CoreContext } from '../context.ts';
import { changeIncidents, undoIncidentChanges } from './bulk.service.ts';
import { RecentBulkChanges } from './recent-bulk-changes.ts';

type BulkHandlers = Pick<Handlers, 'incident/bulkChange' | 'incident/undoBulk'>;

/** Changes to many incidents at once from the queue, and undoing them while the agent still can. */
export function bulkHandlers({ store, session }: Pick<CoreContext, 'store' | 'session'>): BulkHandlers {
  const recent = new RecentBulkChanges(() => store.now());
  return {
    'incident/bulkChange': async ({ ids, change }) => {
      const actorId = await session.requireAgentId();
      const { value } = await store.command(actorId, (tx, rec) => changeIncidents(tx, rec, ids, change, actorId));
      return { changed: value.changed, skipped: value.skipped, undoId: recent.remember(actorId, value.undo) };
    },
    'incident/undoBulk': async ({ undoId }) => {
      const actorId = await session.requireAgentId();
      const items = recent.take(undoId, actorId);
      if (!items) {
        throw new DeskError(
          'not_found',
          `That change can no longer be undone (undo lasts ${BULK_UNDO_SECONDS} seconds after the change).`,
        );
      }
      const { value } = await store.command(actorId, (tx, rec) => undoIncidentChanges(tx, rec, items));
      return value;
    },
  };
}
