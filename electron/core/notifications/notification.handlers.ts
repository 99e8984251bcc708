import type { Handlers } from '#shared/contract.ts';
import type { CoreContext } from '../context.ts';
import { listNotifications, loadPreferences, unreadCount } from './notification.repository.ts';
import { markNotificationsRead, saveNotificationPreferences } from './notification.service.ts';

type NotificationHandlers = Pick<
  Handlers,
  'notification/list' | 'notification/markRead' | 'notification/preferences' | 'notification/savePreferences'
>;

/** Each agent reads, marks and chooses only their own notifications: the agent comes from the session. */
export function notificationHandlers({ store, session }: Pick<CoreContext, 'store' | 'session'>): NotificationHandlers {
  const preferencesOf = async (agentId: string) => (await loadPreferences(store.db, [agentId])).get(agentId)!;
  return {
    'notification/list': async (input) => {
      const agentId = await session.requireAgentId();
      const [notifications, unread] = await Promise.all([
        listNotifications(store.db, agentId, input),
        unreadCount(store.db, agentId),
      ]);
      return { notifications, unread };
    },
    'notification/markRead': async (input) => {
      const agentId = await session.requireAgentId();
      const ids = 'all' in input ? 'all' : input.ids;
      const { value: marked } = await store.command(agentId, (tx, rec) => markNotificationsRead(tx, rec, agentId, ids));
      return { marked, unread: await unreadCount(store.db, agentId) };
    },
    'notification/preferences': async () => preferencesOf(await session.requireAgentId()),
    'notification/savePreferences': async (preferences) => {
      const agentId = await session.requireAgentId();
      await store.command(agentId, async (_tx, rec) => saveNotificationPreferences(rec, agentId, preferences));
      return preferencesOf(agentId);
    },
  };
}
