import type { Handlers } from '#shared/contract.ts';
import type { CoreContext } from '../context.ts';
import { attachFiles, readIncidentFile } from './incident-files.service.ts';

type IncidentFileHandlers = Pick<Handlers, 'incident/attach' | 'incident/attachment'>;

export function incidentFileHandlers(
  context: Pick<CoreContext, 'store' | 'session' | 'uploads'>,
): IncidentFileHandlers {
  const { store, session } = context;
  return {
    'incident/attach': async (command) => attachFiles(context, command, await session.requireAgentId()),
    // A read, like the incident itself: open to the workstation, signed in or not.
    'incident/attachment': ({ incidentId, hash }) => readIncidentFile(store.db, incidentId, hash),
  };
}
