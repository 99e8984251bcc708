import { DeskError } from '#shared/errors.ts';
import type { Handlers } from '#shared/contract.ts';
import type { CoreContext } from '../context.ts';
import {
  findAgent,
  findCategory,
  findContact,
  findContacts,
  findGroup,
  findService,
  listAgents,
  listCategories,
  listGroups,
  listServices,
  loadPriorityMatrix,
  searchContacts,
} from './reference.repository.ts';
import {
  saveAgent,
  saveCategory,
  saveContact,
  saveGroup,
  savePriorityMatrix,
  saveService,
} from './reference.service.ts';

type ReferenceHandlers = Pick<
  Handlers,
  | 'reference/get'
  | 'agent/save'
  | 'group/save'
  | 'contact/save'
  | 'contact/search'
  | 'contact/get'
  | 'category/save'
  | 'service/save'
  | 'priority/saveMatrix'
>;

function found<T>(value: T | null, what: string): T {
  if (value === null) throw new DeskError('internal', `The ${what} was saved but could not be read back.`);
  return value;
}

export function referenceHandlers({ store, session }: Pick<CoreContext, 'store' | 'session'>): ReferenceHandlers {
  /** Agents, groups, categories, services and priorities shape the whole team's work: supervisors set them. */
  const supervisor = () => session.requireSupervisorId();

  return {
    'reference/get': async () => {
      const [agents, groups, categories, services, priorityMatrix] = await Promise.all([
        listAgents(store.db),
        listGroups(store.db),
        listCategories(store.db),
        listServices(store.db),
        loadPriorityMatrix(store.db),
      ]);
      return { agents, groups, categories, services, priorityMatrix };
    },
    'agent/save': async (input) => {
      const { value: id } = await store.command(await supervisor(), (tx, rec) => saveAgent(tx, rec, input));
      return found(await findAgent(store.db, id), 'agent');
    },
    'group/save': async (input) => {
      const { value: id } = await store.command(await supervisor(), (tx, rec) => saveGroup(tx, rec, input));
      return found(await findGroup(store.db, id), 'group');
    },
    'contact/save': async (input) => {
      const { value: id } = await store.command(await session.requireAgentId(), (tx, rec) =>
        saveContact(tx, rec, input),
      );
      return found(await findContact(store.db, id), 'contact');
    },
    'contact/search': (input) => searchContacts(store.db, input.text, input.limit),
    'contact/get': ({ ids }) => findContacts(store.db, ids),
    'category/save': async (input) => {
      const { value: id } = await store.command(await supervisor(), (tx, rec) => saveCategory(tx, rec, input));
      return found(await findCategory(store.db, id), 'category');
    },
    'service/save': async (input) => {
      const { value: id } = await store.command(await supervisor(), (tx, rec) => saveService(tx, rec, input));
      return found(await findService(store.db, id), 'service');
    },
    'priority/saveMatrix': async (matrix) => {
      await store.command(await supervisor(), async (_tx, rec) => savePriorityMatrix(rec, matrix));
      return loadPriorityMatrix(store.db);
    },
  };
}
