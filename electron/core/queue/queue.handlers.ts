import { v7 as uuidv7 } from 'uuid';
import { DeskError } from '#shared/errors.ts';
import type { Handlers } from '#shared/contract.ts';
import { BUILT_IN_VIEWS } from '#shared/domain/queue.ts';
import type { QueueView } from '#shared/domain/queue.ts';
import type { CoreContext } from '../context.ts';
import { recordFieldChanges } from '../store/record-fields.ts';
import type { QueueContext } from './queue.repository.ts';
import { findSavedView, listSavedViews } from './view.repository.ts';

type QueueHandlers = Pick<Handlers, 'queue/page' | 'queue/views' | 'view/save' | 'view/delete'>;

export function queueHandlers({
  store,
  session,
  queue: reader,
}: Pick<CoreContext, 'store' | 'session' | 'queue'>): QueueHandlers {
  const context = async (): Promise<QueueContext> => ({ agentId: await session.agentId(), nowMs: store.now() });

  const withCount = async (view: Omit<QueueView, 'count'>, queue: QueueContext): Promise<QueueView> => ({
    id: view.id,
    name: view.name,
    filter: view.filter,
    sort: view.sort,
    builtIn: view.builtIn,
    count: await reader.count(view.filter, queue),
  });

  return {
    'queue/page': async (query) => reader.page(query, await context()),
    'queue/views': async () => {
      const queue = await context();
      const views = [...BUILT_IN_VIEWS, ...(await listSavedViews(store.db, queue.agentId))];
      return Promise.all(views.map((view) => withCount(view, queue)));
    },
    'view/save': async (input) => {
      const ownerId = await session.requireAgentId();
      const current = input.id ? await findSavedView(store.db, input.id) : null;
      if (input.id && current?.ownerId !== ownerId)
        throw new DeskError('not_found', `No saved view with id ${input.id}.`);
      const id = input.id ?? uuidv7();
      await store.command(ownerId, async (_tx, rec) => {
        recordFieldChanges(rec, 'view', id, current ? { ...current, deleted: false } : null, {
          ownerId,
          name: input.name,
          filter: input.filter,
          sort: input.sort,
          deleted: false,
        });
      });
      const saved = await findSavedView(store.db, id);
      if (!saved) throw new DeskError('internal', 'The view was saved but could not be read back.');
      return withCount(saved, await context());
    },
    'view/delete': async ({ id }) => {
      const ownerId = await session.requireAgentId();
      const current = await findSavedView(store.db, id);
      if (current?.ownerId !== ownerId) return { deleted: false };
      await store.command(ownerId, async (_tx, rec) => rec.set('view', id, 'deleted', true));
      return { deleted: true };
    },
  };
}
