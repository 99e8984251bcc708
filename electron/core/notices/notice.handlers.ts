import type { Handlers } from '#shared/contract.ts';
import { getIncident, getIncidentDetail } from '#core/incidents/incident.repository.ts';
import type { CoreContext } from '../context.ts';
import { noticeAudience, notifyAffected } from './notice.service.ts';

type NoticeHandlers = Pick<Handlers, 'incident/noticeAudience' | 'incident/notifyAffected'>;

export function noticeHandlers({ store, session }: Pick<CoreContext, 'store' | 'session'>): NoticeHandlers {
  return {
    'incident/noticeAudience': async ({ id }) => noticeAudience(store.db, await getIncident(store.db, id)),
    'incident/notifyAffected': async (command) => {
      const actorId = await session.requireAgentId();
      await store.command(actorId, (tx, rec) => notifyAffected(tx, rec, command, actorId));
      return getIncidentDetail(store.db, command.incidentId);
    },
  };
}
