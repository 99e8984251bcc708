import type { Handlers } from '#shared/contract.ts';
import type { CoreContext } from '../context.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import { getIncidentDetail } from './incident.repository.ts';
import { addNote, assignIncident, createIncident, transitionIncident, updateIncident } from './incident.service.ts';

type IncidentHandlers = Pick<
  Handlers,
  | 'incident/create'
  | 'incident/get'
  | 'incident/update'
  | 'incident/assign'
  | 'incident/transition'
  | 'incident/addNote'
>;

type IncidentCommand = (tx: Db, recorder: ChangeRecorder, actorId: string) => Promise<void>;

export function incidentHandlers({ store, session }: Pick<CoreContext, 'store' | 'session'>): IncidentHandlers {
  /** Runs a command as the signed-in agent and answers with the incident as it now stands. */
  const work = async (id: string, run: IncidentCommand) => {
    const actorId = await session.requireAgentId();
    await store.command(actorId, (tx, recorder) => run(tx, recorder, actorId));
    return getIncidentDetail(store.db, id);
  };

  return {
    'incident/create': async (command) => {
      const actorId = await session.requireAgentId();
      const { value: id } = await store.command(actorId, (tx, rec) => createIncident(tx, rec, command, actorId));
      return getIncidentDetail(store.db, id);
    },
    'incident/get': ({ id }) => getIncidentDetail(store.db, id),
    'incident/update': (command) => work(command.id, (tx, rec, actor) => updateIncident(tx, rec, command, actor)),
    'incident/assign': (command) => work(command.id, (tx, rec, actor) => assignIncident(tx, rec, command, actor)),
    'incident/transition': (command) =>
      work(command.id, (tx, rec, actor) => transitionIncident(tx, rec, command, actor)),
    'incident/addNote': (command) => work(command.id, (tx, rec, actor) => addNote(tx, rec, command, actor)),
  };
}
