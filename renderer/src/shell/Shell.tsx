import { useCallback, useRef, useState } from 'react';
import { useSignedInAgent } from '../api/session-context.tsx';
import { IncidentScreen } from '../incident/IncidentScreen.tsx';
import { NewIncidentDialog } from '../new-incident/NewIncidentDialog.tsx';
import { useQueue } from '../queue/queue-context.tsx';
import { SEARCH_VIEW_ID } from '../queue/queue-state.ts';
import type { ViewDefinition } from '../queue/queue-state.ts';
import { QueueScreen } from '../queue/QueueScreen.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { SyncStatusBar } from '../sync/SyncStatusBar.tsx';
import { useOverwriteToasts } from '../sync/use-overwrite-toasts.ts';
import { AppHeader } from './AppHeader.tsx';
import { QueueNav } from './QueueNav.tsx';
import { QUEUE_ROUTE } from './route.ts';
import classes from './shell.module.css';
import { useRoute } from './use-route.ts';
import { useShortcuts } from './use-shortcuts.ts';

/**
 * The signed-in app: header with search and "New incident", the queues on the left, one screen in the middle,
 * and the team sync status along the bottom.
 */
export function Shell() {
  const agent = useSignedInAgent();
  const { route, navigate } = useRoute();
  const { state, dispatch, viewById } = useQueue();
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useOverwriteToasts();

  useShortcuts({
    search: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    'new-incident': () => setCreating(true),
  });

  const search = useCallback(
    (text: string) => {
      dispatch({ type: 'search', text, returnView: viewById(state.returnViewId) });
      if (route.screen !== 'queue' && text.trim()) navigate(QUEUE_ROUTE);
    },
    [dispatch, viewById, state.returnViewId, route.screen, navigate],
  );

  const openView = (view: ViewDefinition) => {
    dispatch({ type: 'open-view', view });
    navigate(QUEUE_ROUTE);
  };
  const openIncident = useCallback((id: string) => navigate({ screen: 'incident', id }), [navigate]);

  return (
    <div className={classes.shell}>
      <AppHeader
        agent={agent}
        searchText={state.filter.text ?? ''}
        searchKey={state.openedViews}
        searchRef={searchRef}
        onSearch={search}
        onGoToResults={() => {
          navigate(QUEUE_ROUTE);
          requestAnimationFrame(() => document.getElementById('queue-grid')?.focus());
        }}
        onNewIncident={() => setCreating(true)}
      />
      <QueueNav
        activeViewId={route.screen === 'queue' && state.viewId !== SEARCH_VIEW_ID ? state.viewId : null}
        settingsActive={route.screen === 'settings'}
        onOpenView={openView}
        onOpenSettings={() => navigate({ screen: 'settings', tab: 'agents' })}
      />
      <main className={classes.main}>
        {route.screen === 'queue' ? <QueueScreen onOpenIncident={openIncident} /> : null}
        {route.screen === 'incident' ? (
          <IncidentScreen key={route.id} id={route.id} onBack={() => navigate(QUEUE_ROUTE)} />
        ) : null}
        {route.screen === 'settings' ? (
          <SettingsScreen tab={route.tab} onTab={(tab) => navigate({ screen: 'settings', tab })} />
        ) : null}
      </main>
      <SyncStatusBar />
      <NewIncidentDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          openIncident(id);
        }}
      />
    </div>
  );
}
