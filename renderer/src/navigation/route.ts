/**
 * Screens are addressed by the URL hash (`#/incident/<id>`), so the browser's back button, a reload and a
 * copied address all work in both hosts without a router.
 */
export const SETTINGS_TABS = [
  'agents',
  'groups',
  'contacts',
  'categories',
  'services',
  'priorities',
  'calendars',
  'service-levels',
  'goals',
  'mailboxes',
  'automation',
  'templates',
  'hub',
  'notifications',
] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

export const SETTINGS_TAB_LABELS: Record<SettingsTab, string> = {
  agents: 'Agents',
  groups: 'Groups',
  contacts: 'Contacts',
  categories: 'Categories',
  services: 'Services',
  priorities: 'Priority matrix',
  calendars: 'Calendars',
  'service-levels': 'Service levels',
  goals: 'Goals',
  mailboxes: 'Mailboxes',
  automation: 'Automation',
  templates: 'Templates',
  hub: 'Team hub',
  notifications: 'Notifications',
};

export type Route =
  | { readonly screen: 'queue' }
  | { readonly screen: 'incident'; readonly id: string }
  | { readonly screen: 'inbox' }
  /** One inbound message (an email, a logged call, an alert), from the inbox or an incident's timeline. */
  | { readonly screen: 'message'; readonly id: string }
  | { readonly screen: 'settings'; readonly tab: SettingsTab }
  /** The supervisors' figures (an agent's own, for an agent). */
  | { readonly screen: 'kpis' };

export const QUEUE_ROUTE: Route = { screen: 'queue' };
export const INBOX_ROUTE: Route = { screen: 'inbox' };
export const KPIS_ROUTE: Route = { screen: 'kpis' };

function isSettingsTab(value: string | undefined): value is SettingsTab {
  return (SETTINGS_TABS as readonly (string | undefined)[]).includes(value);
}

export function parseRoute(hash: string): Route {
  const [screen, param] = hash.replace(/^#\/?/, '').split('/');
  if (screen === 'incident' && param) return { screen: 'incident', id: decodeURIComponent(param) };
  if (screen === 'inbox') return param ? { screen: 'message', id: decodeURIComponent(param) } : INBOX_ROUTE;
  if (screen === 'kpis') return KPIS_ROUTE;
  if (screen === 'settings') return { screen: 'settings', tab: isSettingsTab(param) ? param : 'agents' };
  return QUEUE_ROUTE;
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'queue':
      return '#/queue';
    case 'incident':
      return `#/incident/${encodeURIComponent(route.id)}`;
    case 'inbox':
      return '#/inbox';
    case 'message':
      return `#/inbox/${encodeURIComponent(route.id)}`;
    case 'settings':
      return `#/settings/${route.tab}`;
    case 'kpis':
      return '#/kpis';
  }
}
