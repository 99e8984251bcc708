import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, SETTINGS_TABS } from '../../renderer/src/navigation/route.ts';
import type { Route } from '../../renderer/src/navigation/route.ts';

describe('routes', () => {
  const routes: Route[] = [
    { screen: 'queue' },
    { screen: 'incident', id: '0190f2a4-7b1e-7c3d-8e5f-123456789abc' },
    { screen: 'inbox' },
    { screen: 'message', id: '0190f2a4-7b1e-7c3d-8e5f-123456789abd' },
    { screen: 'kpis' },
    ...SETTINGS_TABS.map((tab) => ({ screen: 'settings', tab }) as const),
  ];
  for (const route of routes) {
    it(`reads back ${routeHash(route)}`, () => expect(parseRoute(routeHash(route))).toEqual(route));
  }

  it('sends anything unknown to the queue and an unknown tab to Agents', () => {
    expect(parseRoute('')).toEqual({ screen: 'queue' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'queue' });
    expect(parseRoute('#/incident/')).toEqual({ screen: 'queue' });
    expect(parseRoute('#/settings/colours')).toEqual({ screen: 'settings', tab: 'agents' });
  });
});
