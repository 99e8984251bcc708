import { useCallback } from 'react';
import type { NotificationPreferences } from '#shared/domain/notifications.ts';
import { desktopNotifier } from './desktop-notifier.ts';
import { useDeskCommand } from './use-desk-command.ts';
import { useDeskQuery } from './use-desk-query.ts';

export interface NotificationPreferencesControl {
  /** The signed-in agent's choices (null until the desk answered). */
  readonly preferences: NotificationPreferences | null;
  /** Saves these choices; answers whether the desk kept them. */
  save(next: NotificationPreferences, options?: { readonly success?: string }): Promise<boolean>;
  /** Turns desktop notifications on (asking the browser first) or off; answers whether they are on. */
  setDesktop(on: boolean): Promise<boolean>;
}

/**
 * The signed-in agent's notification preferences, kept current when they change anywhere: on the settings
 * screen, from the bell, or on another of the agent's workstations through the hub.
 */
export function useNotificationPreferences(): NotificationPreferencesControl {
  const run = useDeskCommand();
  const query = useDeskQuery(
    'notification/preferences',
    {},
    { reloadWhen: (change) => Boolean(change.notifications), failures: 'notify' },
  );
  const preferences = query.load.kind === 'ready' ? query.load.value : null;
  const { adopt } = query;

  const save = useCallback(
    async (next: NotificationPreferences, options: { readonly success?: string } = {}) => {
      const outcome = await run('notification/savePreferences', next, options);
      if (outcome.ok) adopt(outcome.value);
      return outcome.ok;
    },
    [run, adopt],
  );

  const setDesktop = useCallback(
    async (on: boolean) => {
      if (!preferences) return false;
      // The browser asks the agent only now, when they turn notifications on, never at start.
      const allowed = on ? await desktopNotifier.request() : true;
      const desktop = on && allowed;
      const saved = await save({ ...preferences, desktop });
      return saved ? desktop : preferences.desktop;
    },
    [preferences, save],
  );

  return { preferences, save, setDesktop };
}
