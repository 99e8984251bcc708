import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

const MINUTE = 60_000;
/** A Monday morning, so nothing in the test depends on when it runs. */
const START = Date.parse('2026-12-07T09:00:00.000Z');

/**
 * Time against a promise, end to end, with a clock the test moves (the core's and the page's together), never
 * a wait: a supervisor sets a calendar and a service level, a P1 incident shows its due time, and as time passes
 * its row turns at risk, then breached.
 */
describe.skipIf(skipE2e)(suiteTitle('service levels in the queue'), () => {
  let desk: DeskHarness;
  let page: Page;
  let now = START;

  const advance = async (ms: number) => {
    now += ms;
    await page.clock.fastForward(ms);
  };

  beforeAll(async () => {
    desk = await startDesk({ signInAs: { name: 'Sam Supervisor', email: 'sam@northwind.example' }, now: () => now });
    // The page's clock runs from before START while the supervisor works and the queue loads (both run on
    // timers); the second test then stops it at START, where the core's stands, and only the test moves both.
    page = await desk.openPage({ clockAt: START - 10 * MINUTE });
  });
  afterAll(() => desk?.close());

  it('lets a supervisor add a calendar and a service level with the keyboard', async () => {
    await page.goto(`${desk.host.url}#/settings/calendars`);
    await page.getByRole('button', { name: 'Add calendar' }).focus();
    await page.keyboard.press('Enter');
    const calendar = page.getByRole('dialog', { name: 'Add calendar' });
    await calendar.getByRole('textbox', { name: 'Name' }).fill('Operations (UTC)');
    await calendar.getByRole('textbox', { name: 'Time zone' }).fill('UTC');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      await calendar.getByRole('textbox', { name: day }).fill('00:00–24:00');
    }
    await page.keyboard.press('Enter');
    await calendar.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Calendars' }).getByText('Operations (UTC)').waitFor();

    await page.getByRole('tab', { name: 'Service levels' }).click();
    await page.getByRole('button', { name: 'Add service level' }).focus();
    await page.keyboard.press('Enter');
    const policy = page.getByRole('dialog', { name: 'Add service level' });
    await policy.getByRole('textbox', { name: 'Name' }).fill('Critical');
    await policy.getByLabel('Priorities').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: '1 - Critical' }).click();
    await page.keyboard.press('Escape');
    await policy.getByRole('textbox', { name: /First response/ }).fill('20');
    await policy.getByRole('combobox', { name: /^Calendar/ }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: 'Operations (UTC)' }).click();
    await policy.getByRole('button', { name: 'Add service level' }).click();
    await policy.waitFor({ state: 'detached' });
    const row = page.getByRole('table', { name: 'Service levels' }).getByRole('row', { name: /Critical/ });
    await expect.poll(() => row.innerText(), POLL).toMatch(/Priority 1 - Critical.*First response 20 min.*Operations/s);
    await snap(page, 'service-levels');
  });

  it('shows a new P1 incident’s due time, then turns it at risk and breached as time passes', async () => {
    const created = await desk.core.invoke('incident/create', {
      title: 'Payroll run fails',
      channel: 'phone',
      impact: 1,
      urgency: 1,
    });
    expect(created.ok).toBe(true);
    await page.goto(`${desk.host.url}#/`);
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^All open/ })
      .click();
    const grid = page.getByRole('grid', { name: 'Incidents' });
    const due: Locator = grid.getByRole('row', { name: /Payroll run fails/ }).locator('[data-due-state]');
    const state = () => due.getAttribute('data-due-state');
    await due.waitFor();
    await page.clock.pauseAt(START);
    await expect.poll(() => due.innerText(), POLL).toBe('20 min left');
    expect(await state()).toBe('on_track');

    await advance(10 * MINUTE);
    await expect.poll(() => due.innerText(), POLL).toBe('10 min left');
    expect(await state()).toBe('on_track');

    // 15 of 20 minutes: 75 %, at risk.
    await advance(5 * MINUTE);
    await expect.poll(state, POLL).toBe('at_risk');
    expect(await due.innerText()).toBe('5 min left');
    await snap(page, 'due-at-risk');

    await advance(6 * MINUTE);
    await expect.poll(state, POLL).toBe('breached');
    expect(await due.innerText()).toBe('Overdue 1 min');
    await snap(page, 'due-breached');

    // The desk agrees: the Breached filter finds it at the core's clock.
    const breached = await desk.core.invoke('queue/page', {
      filter: { dueStates: ['breached'] },
      sort: { column: 'due', direction: 'asc' },
      offset: 0,
      limit: 10,
    });
    expect(breached.ok && (breached.value as { total: number }).total).toBe(1);
  });
});
