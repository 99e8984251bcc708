import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';
import { call } from '../helpers/invoke.ts';

/** The page reconnects with a back-off of up to 5 seconds: give it that and a busy machine's margin. */
const RECONNECT = { timeout: 20_000, interval: 100 } as const;

describe.skipIf(skipE2e)(suiteTitle('when the desk stops answering'), () => {
  let desk: DeskHarness;
  let page: Page;

  beforeAll(async () => {
    desk = await startDesk({ demoIncidents: 30 });
    page = await desk.openPage();
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^All open/ })
      .click();
    // The header row, then at least one incident: how many of the demo's stay open is not this test's business.
    await page.getByRole('grid', { name: 'Incidents' }).getByRole('row').nth(1).waitFor();
  });
  afterAll(() => desk?.close());

  it('says plainly that the desk is not running, greys what may be stale, and recovers by itself', async () => {
    const main = page.getByRole('main');
    expect(await main.getAttribute('data-stale')).toBe('false');
    await desk.stopHost();

    // Anything the agent does now reaches nothing: the screen says why, once, instead of a toast per list.
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^Unassigned/ })
      .click();
    const notice = page.getByRole('alert').filter({ hasText: 'The desk is not running' });
    await notice.waitFor({ timeout: RECONNECT.timeout });
    expect(await main.getAttribute('data-stale')).toBe('true');
    expect(await page.getByRole('navigation', { name: 'Queues' }).getAttribute('data-stale')).toBe('true');
    expect(await page.getByTestId('toast').filter({ hasText: 'not running' }).count()).toBe(0);
    await snap(page, 'desk-not-running');

    // Made while the page could not hear of it: it must show once the desk is back.
    await call(desk.core, 'incident/create', {
      title: 'Made while the page was away',
      channel: 'phone',
      impact: 3,
      urgency: 3,
    });
    await desk.restartHost();
    await notice.waitFor({ state: 'detached', timeout: RECONNECT.timeout });
    expect(await main.getAttribute('data-stale')).toBe('false');
    await page
      .getByRole('grid', { name: 'Incidents' })
      .getByText('Made while the page was away')
      .waitFor({ timeout: RECONNECT.timeout });
    await snap(page, 'desk-back');
  });
});
