import type { Handlers } from '#shared/contract.ts';
import type { CoreContext } from '../context.ts';
import { deleteDraft, findDraft, loadPreferences, saveDraft, savePreferences } from './workstation.repository.ts';

type WorkstationHandlers = Pick<
  Handlers,
  'draft/get' | 'draft/save' | 'draft/discard' | 'preferences/get' | 'preferences/save'
>;

/** The signed-in agent's drafts and preferences on this workstation. */
export function workstationHandlers({ store, session }: Pick<CoreContext, 'store' | 'session'>): WorkstationHandlers {
  const agent = () => session.requireAgentId();
  return {
    'draft/get': async ({ key }) => findDraft(store.db, await agent(), key),
    'draft/save': async ({ key, value }) =>
      saveDraft(store.db, await agent(), key, value, new Date(store.now()).toISOString()),
    'draft/discard': async ({ key }) => ({ discarded: await deleteDraft(store.db, await agent(), key) }),
    'preferences/get': async () => loadPreferences(store.db, await agent()),
    'preferences/save': async (preferences) => {
      const agentId = await agent();
      await store.db.transaction().execute((tx) => savePreferences(tx, agentId, preferences));
      return loadPreferences(store.db, agentId);
    },
  };
}
