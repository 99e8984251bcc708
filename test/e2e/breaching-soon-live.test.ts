import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import { POLL, skipE2e, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

const MINUTE = 60_000;
/** A Monday morning, so nothing in the test depends on when it runs. */
const START = Date.parse('2026-12-07T09:00:00.000Z');

/**
 * The sidebar's counts follow the clock, not only changes: an incident nobody touches comes near its due time
 * and "Breaching soon" must count it. Both clocks (the core's and the page's) are moved by the test; no duty runs,
 * so nothing is written that would refresh the counts by itself.
 */
describe.skipIf(skipE2e)(suiteTitle('counts that move with time alone'), () => {
  let desk: DeskHarness;
  let page: Page;
  let now = START;

  beforeAll(async () => {
    desk = await startDesk({ signInAs: { name: 'Sam Supervisor', email: 'sam@northwind.example' }, now: () => now });
    const saved = await desk.core.invoke('sla/savePolicy', {
      name: 'Critical',
      conditions: { priorities: [1] },
      targets: { firstResponseMinutes: 20 },
      calendarId: DEFAULT_CALENDAR_ID,
    });
    expect(saved.ok).toBe(true);
    page = await desk.openPage({ clockAt: START - 10 * MINUTE });
  });
  afterAll(() => desk?.close());

  it('counts an incident in "Breaching soon" once time alone brings it near its due time', async () => {
    const created = await desk.core.invoke('incident/create', {
      title: 'Payroll run fails',
      channel: 'phone',
      impact: 1,
      urgency: 1,
    });
    expect(created.ok).toBe(true);
    await page.goto(`${desk.host.url}#/`);
    await page.clock.pauseAt(START);
    const breachingSoon = page.getByRole('navigation', { name: 'Queues' }).getByRole('button', {
      name: /^Breaching soon/,
    });
    const count = async () => (await breachingSoon.innerText()).replace('Breaching soon', '').trim();
    await expect.poll(count, POLL).toBe('0');

    // 16 of its 20 minutes gone, and nobody did anything: it is at risk now, and the count says so.
    now += 16 * MINUTE;
    await page.clock.fastForward(16 * MINUTE);
    await expect.poll(count, POLL).toBe('1');
  });
});
