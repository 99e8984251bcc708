import { v7 as uuidv7 } from 'uuid';
import { DeskError } from '#shared/errors.ts';
import type { Handlers } from '#shared/contract.ts';
import { BUILT_IN_VIEWS } from '#shared/domain/queue.ts';
import type { QueueView, ViewDefinition } from '#shared/domain/queue.ts';
import type { CoreContext } from '../context.ts';
import { recordFieldChanges } from '../store/record-fields.ts';
import type { QueueContext } from './queue.repository.ts';
import { findSavedView, listSavedViews } from './view.repository.ts';
import type { SavedView } from './view.repository.ts';

type QueueHandlers = Pick<
  Handlers,
  'queue/page' | 'queue/ids' | 'queue/views' | 'view/save' | 'view/delete' | 'view/reorder'
>;

export function queueHandlers({
  store,
  session,
  queue: reader,
}: Pick<CoreContext, 'store' | 'session' | 'queue'>): QueueHandlers {
  const context = async (): Promise<QueueContext> => ({ agentId: await session.agentId(), nowMs: store.now() });

  const withCount = async (view: ViewDefinition, queue: QueueContext): Promise<QueueView> => ({
    id: view.id,
    name: view.name,
    filter: view.filter,
    sort: view.sort,
    builtIn: view.builtIn,
    shared: view.shared,
    mine: view.mine,
    count: await reader.count(view.filter, queue),
  });

  /** A saved view the signed-in agent may change: their own. Someone else's shared view is theirs to change. */
  const ownView = async (id: string, agentId: string): Promise<SavedView> => {
    const view = await findSavedView(store.db, id, agentId);
    if (!view || (!view.mine && !view.shared)) throw new DeskError('not_found', `No saved view with id ${id}.`);
    if (!view.mine) {
      throw new DeskError(
        'forbidden',
        `“${view.name}” is shared with the team by someone else: only they can change it.`,
      );
    }
    return view;
  };

  return {
    'queue/page': async (query) => reader.page(query, await context()),
    'queue/ids': async ({ filter, sort, limit }) => {
      const page = await reader.page({ filter, sort, offset: 0, limit }, await context());
      return { ids: page.rows.map((row) => row.id), total: page.total };
    },
    'queue/views': async () => {
      const queue = await context();
      const views = [...BUILT_IN_VIEWS, ...(await listSavedViews(store.db, queue.agentId))];
      return Promise.all(views.map((view) => withCount(view, queue)));
    },
    'view/save': async (input) => {
      const me = await session.requireAgent();
      const ownerId = me.id;
      const current = input.id ? await ownView(input.id, ownerId) : null;
      const shared = input.shared ?? current?.shared ?? false;
      if (shared && !current?.shared && me.role !== 'supervisor') {
        throw new DeskError('forbidden', 'Only a supervisor can share a view with the team.');
      }
      const id = input.id ?? uuidv7();
      await store.command(ownerId, async (_tx, rec) => {
        recordFieldChanges(rec, 'view', id, current ? { ...current, deleted: false } : null, {
          ownerId,
          name: input.name,
          filter: input.filter,
          sort: input.sort,
          deleted: false,
          shared,
        });
      });
      const saved = await findSavedView(store.db, id, ownerId);
      if (!saved) throw new DeskError('internal', 'The view was saved but could not be read back.');
      return withCount(saved, await context());
    },
    'view/delete': async ({ id }) => {
      const ownerId = await session.requireAgentId();
      const current = await findSavedView(store.db, id, ownerId);
      if (!current?.mine) return { deleted: false };
      await store.command(ownerId, async (_tx, rec) => rec.set('view', id, 'deleted', true));
      return { deleted: true };
    },
    'view/reorder': async ({ ids }) => {
      const ownerId = await session.requireAgentId();
      const views = await Promise.all(ids.map((id) => ownView(id, ownerId)));
      await store.command(ownerId, async (_tx, rec) => {
        views.forEach((view, index) => {
          if (view.position !== index + 1) rec.set('view', view.id, 'position', index + 1);
        });
      });
      const queue = await context();
      return Promise.all((await listSavedViews(store.db, ownerId)).map((view) => withCount(view, queue)));
    },
  };
}
