import { createSpotlight } from '@mantine/spotlight';
import { memo, useCallback, useRef, useState } from 'react';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import { BUILT_IN_VIEWS } from '#shared/domain/queue.ts';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import { prefetchIncident } from '../api/incident-prefetch.ts';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskReachable } from '../api/use-desk-reachable.ts';
import { useStableHandler } from '../common/use-stable-handler.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { useInbox } from '../inbox/inbox-context.tsx';
import { untriagedTotal } from '../inbox/inbox-state.ts';
import { InboxScreen } from '../inbox/InboxScreen.tsx';
import { IncidentScreen } from '../incident/IncidentScreen.tsx';
import { FileDropZone } from '../intake/FileDropZone.tsx';
import { ImportDialog } from '../intake/ImportDialog.tsx';
import { INITIAL_KPI_CHOICE } from '../kpis/kpi-choice.ts';
import { KpiScreen } from '../kpis/KpiScreen.tsx';
import { MessageScreen } from '../message/MessageScreen.tsx';
import { INBOX_ROUTE, KPIS_ROUTE, QUEUE_ROUTE, routeHash } from '../navigation/route.ts';
import { useDialogSubmitKey } from '../navigation/use-dialog-submit-key.ts';
import { useRoute } from '../navigation/use-route.ts';
import { useLandingFocus } from './landing-focus.ts';
import { useShortcuts } from '../navigation/use-shortcuts.ts';
import { NewIncidentDialog } from '../new-incident/NewIncidentDialog.tsx';
import { CommandPalette } from './CommandPalette.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { useQueue } from '../queue/queue-context.tsx';
import { SEARCH_VIEW_ID } from '../queue/queue-state.ts';
import type { ViewDefinition } from '../queue/queue-state.ts';
import { QueueScreen } from '../queue/QueueScreen.tsx';
import { QuickLogDialog } from '../quick-log/QuickLogDialog.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { SyncStatusBar } from '../sync/SyncStatusBar.tsx';
import { useOverwriteToasts } from '../sync/use-overwrite-toasts.ts';
import { AppHeader } from './AppHeader.tsx';
import { DeskNotRunning } from './DeskNotRunning.tsx';
import { QueueNav } from './QueueNav.tsx';
import { screenActions } from './screen-actions.ts';
import { SEARCH_BOX_ID } from './SearchBox.tsx';
import classes from './shell.module.css';

// One palette per window; its open state lives outside React so any key handler can open it.
const [paletteStore, palette] = createSpotlight();

// The shell is drawn again on every navigation (an incident opened, a view changed); what stays on screen
// around the screens is drawn again only when its own props change, so an incident opened at 100,000 does not
// wait for the header, the dialogs and the status bar to be drawn again unchanged.
const Header = memo(AppHeader);
const Nav = memo(QueueNav);
const NewIncident = memo(NewIncidentDialog);
const QuickLog = memo(QuickLogDialog);
const EmailImport = memo(ImportDialog);
const DropZone = memo(FileDropZone);
const Shortcuts = memo(ShortcutHelp);
const StatusBar = memo(SyncStatusBar);

/**
 * The signed-in app: header with search, "New incident" and "Log a call", the inbox and queues on the left,
 * one screen in the middle, and the team sync status along the bottom. Email files dropped anywhere are
 * imported.
 */
export function Shell() {
  const agent = useSignedInAgent();
  const { route, previous, navigate } = useRoute();
  useLandingFocus(routeHash(route));
  const { state, dispatch, viewById, views } = useQueue();
  const inbox = useInbox();
  const toasts = useToasts();
  const [creating, setCreating] = useState(false);
  const [logging, setLogging] = useState(false);
  const [kpiChoice, setKpiChoice] = useState(INITIAL_KPI_CHOICE);
  const [showingShortcuts, setShowingShortcuts] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const reachable = useDeskReachable();
  useOverwriteToasts();
  useDialogSubmitKey();

  const focusSearch = () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  };
  useShortcuts({
    'command-palette': palette.open,
    'show-shortcuts': () => setShowingShortcuts(true),
    search: focusSearch,
    'new-incident': () => setCreating(true),
    'log-contact': () => setLogging(true),
    'open-kpis': () => navigate(KPIS_ROUTE),
  });

  const search = useStableHandler((text: string) => {
    dispatch({ type: 'search', text, returnView: viewById(state.returnViewId) });
    if (route.screen !== 'queue' && text.trim()) navigate(QUEUE_ROUTE);
  });

  const openView = useCallback(
    (view: ViewDefinition) => {
      dispatch({ type: 'open-view', view });
      navigate(QUEUE_ROUTE);
    },
    [dispatch, navigate],
  );
  // The screens' own offers are added by the palette itself: a new offer re-renders the palette, not the shell.
  const paletteActions = [
    ...screenActions(views ?? BUILT_IN_VIEWS, {
      openView,
      openInbox: () => navigate(INBOX_ROUTE),
      openKpis: () => navigate(KPIS_ROUTE),
      openSettings: (tab) => navigate({ screen: 'settings', tab }),
      // After the palette has closed and handed the focus back, or the search box would lose it at once.
      search: () => requestAnimationFrame(() => document.getElementById(SEARCH_BOX_ID)?.focus()),
      newIncident: () => setCreating(true),
      logContact: () => setLogging(true),
      showShortcuts: () => setShowingShortcuts(true),
    }),
  ];
  const openIncident = useCallback(
    (id: string) => {
      prefetchIncident(id);
      navigate({ screen: 'incident', id });
    },
    [navigate],
  );
  const openMessage = useCallback((id: string) => navigate({ screen: 'message', id }), [navigate]);

  const logged = useStableHandler((detail: IncidentDetail) => {
    setLogging(false);
    const number = formatIncidentNumber(detail.incident.number, detail.incident.provisionalNumber);
    toasts.show({ kind: 'success', title: `Logged on ${number}`, message: detail.incident.title });
    openIncident(detail.incident.id);
  });
  const goToResults = useCallback(() => {
    navigate(QUEUE_ROUTE);
    requestAnimationFrame(() => document.getElementById('queue-grid')?.focus());
  }, [navigate]);
  const startCreating = useCallback(() => setCreating(true), []);
  const stopCreating = useCallback(() => setCreating(false), []);
  const created = useCallback(
    (id: string) => {
      setCreating(false);
      openIncident(id);
    },
    [openIncident],
  );
  const startLogging = useCallback(() => setLogging(true), []);
  const stopLogging = useCallback(() => setLogging(false), []);
  const hideShortcuts = useCallback(() => setShowingShortcuts(false), []);
  const openKpis = useCallback(() => navigate(KPIS_ROUTE), [navigate]);
  const openInbox = useCallback(() => navigate(INBOX_ROUTE), [navigate]);
  const openSettings = useCallback(() => navigate({ screen: 'settings', tab: 'agents' }), [navigate]);
  const openNotificationSettings = useCallback(
    () => navigate({ screen: 'settings', tab: 'notifications' }),
    [navigate],
  );
  const inboxOnScreen = route.screen === 'inbox';

  // A message opened from an incident's timeline goes back there; otherwise to the inbox.
  const messageBack = previous?.screen === 'incident' ? previous : INBOX_ROUTE;

  return (
    <div className={classes.shell}>
      <Header
        agent={agent}
        searchText={state.filter.text ?? ''}
        searchKey={state.openedViews}
        searchRef={searchRef}
        searchAway={route.screen !== 'queue' && route.screen !== 'incident'}
        onSearch={search}
        onGoToResults={goToResults}
        onNewIncident={startCreating}
        onLogContact={startLogging}
        onOpenIncident={openIncident}
        onOpenNotificationSettings={openNotificationSettings}
      />
      <Nav
        activeViewId={route.screen === 'queue' && state.viewId !== SEARCH_VIEW_ID ? state.viewId : null}
        inboxActive={route.screen === 'inbox' || route.screen === 'message'}
        untriaged={untriagedTotal(inbox.load.page)}
        settingsActive={route.screen === 'settings'}
        kpisActive={route.screen === 'kpis'}
        stale={!reachable}
        onOpenKpis={openKpis}
        onOpenView={openView}
        onOpenInbox={openInbox}
        onOpenSettings={openSettings}
      />
      <main className={classes.main} data-stale={!reachable} aria-busy={!reachable || undefined}>
        {reachable ? null : <DeskNotRunning />}
        {route.screen === 'queue' ? (
          <QueueScreen onOpenIncident={openIncident} onBackToKpis={() => navigate(KPIS_ROUTE)} />
        ) : null}
        {route.screen === 'inbox' ? <InboxScreen onOpenMessage={openMessage} /> : null}
        {route.screen === 'message' ? (
          <MessageScreen
            key={route.id}
            id={route.id}
            backLabel={messageBack.screen === 'incident' ? 'Back to incident' : 'Back to inbox'}
            onBack={() => navigate(messageBack)}
          />
        ) : null}
        {route.screen === 'incident' ? (
          <IncidentScreen key={route.id} id={route.id} onBack={() => navigate(QUEUE_ROUTE)} />
        ) : null}
        {route.screen === 'kpis' ? (
          <KpiScreen
            choice={kpiChoice}
            onChoice={setKpiChoice}
            onDrill={(name, drill) => {
              dispatch({ type: 'drill', name, drill });
              navigate(QUEUE_ROUTE);
            }}
          />
        ) : null}
        {route.screen === 'settings' ? (
          <SettingsScreen tab={route.tab} onTab={(tab) => navigate({ screen: 'settings', tab })} />
        ) : null}
      </main>
      <StatusBar />
      <NewIncident opened={creating} onClose={stopCreating} onCreated={created} />
      <QuickLog opened={logging} onClose={stopLogging} onLogged={logged} />
      <EmailImport onOpenInbox={inboxOnScreen ? null : openInbox} />
      <DropZone />
      <CommandPalette store={paletteStore} actions={paletteActions} />
      <Shortcuts opened={showingShortcuts} onClose={hideShortcuts} />
    </div>
  );
}
