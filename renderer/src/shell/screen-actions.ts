import { SETTINGS_TAB_LABELS, SETTINGS_TABS } from '../navigation/route.ts';
import type { SettingsTab } from '../navigation/route.ts';
import type { PaletteAction } from '../navigation/palette-actions.tsx';
import type { ViewDefinition } from '../queue/queue-state.ts';

/** Other words an agent may type for a settings page. */
const SETTINGS_TAB_KEYWORDS: Partial<Record<SettingsTab, readonly string[]>> = {
  notifications: ['notification settings', 'bell', 'desktop', 'alerts', 'preferences'],
};

/** What the shell does when the palette asks for a screen or a dialog. */
export interface ScreenOpeners {
  openView(view: ViewDefinition): void;
  openInbox(): void;
  openKpis(): void;
  openSettings(tab: SettingsTab): void;
  search(): void;
  newIncident(): void;
  logContact(): void;
  showShortcuts(): void;
}

/** The palette's screens and the header's actions: every queue view, the inbox, the KPIs, each settings page. */
export function screenActions(views: readonly ViewDefinition[], open: ScreenOpeners): PaletteAction[] {
  return [
    { id: 'go/inbox', label: 'Inbox', group: 'Go to', keywords: ['triage', 'email', 'mail'], run: open.openInbox },
    {
      id: 'go/kpis',
      label: 'KPIs',
      group: 'Go to',
      keywords: ['figures', 'dashboard', 'reports'],
      shortcut: 'open-kpis',
      run: open.openKpis,
    },
    {
      id: 'go/search',
      label: 'Search incidents',
      group: 'Go to',
      keywords: ['find'],
      shortcut: 'search',
      run: open.search,
    },
    ...views.map((view): PaletteAction => ({
      id: `view/${view.id}`,
      label: view.name,
      group: 'Queues',
      keywords: ['queue', 'view'],
      run: () => open.openView(view),
    })),
    ...SETTINGS_TABS.map((tab): PaletteAction => ({
      id: `settings/${tab}`,
      label: SETTINGS_TAB_LABELS[tab],
      group: 'Settings',
      keywords: ['settings', ...(SETTINGS_TAB_KEYWORDS[tab] ?? [])],
      run: () => open.openSettings(tab),
    })),
    {
      id: 'create/incident',
      label: 'New incident',
      group: 'Create',
      keywords: ['create', 'ticket'],
      shortcut: 'new-incident',
      run: open.newIncident,
    },
    {
      id: 'create/call',
      label: 'Log a call or walk-in',
      group: 'Create',
      keywords: ['phone', 'contact'],
      shortcut: 'log-contact',
      run: open.logContact,
    },
    {
      id: 'help/shortcuts',
      label: 'Keyboard shortcuts',
      group: 'Help',
      keywords: ['keys', 'help'],
      shortcut: 'show-shortcuts',
      run: open.showShortcuts,
    },
  ];
}
