import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

const MINUTE = 60_000;
/** A Monday morning, so nothing in the test depends on when it runs. */
const START = Date.parse('2026-12-07T09:00:00.000Z');

/**
 * Records what the app shows on the desktop: the Notification API, granted when the app asks, and remembered
 * across the page's loads as a browser remembers it.
 */
function stubNotifications() {
  const shown: { title: string; body: string }[] = [];
  const KEY = 'test-notification-permission';
  const storage = (
    globalThis as unknown as {
      sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
    }
  ).sessionStorage;
  let permission = storage.getItem(KEY) ?? 'default';
  class RecordedNotification {
    static get permission() {
      return permission;
    }
    static requestPermission() {
      permission = 'granted';
      storage.setItem(KEY, permission);
      return Promise.resolve(permission);
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options?: { body?: string }) {
      shown.push({ title, body: options?.body ?? '' });
    }
  }
  // The test's code runs in the page, where globalThis is the window.
  Object.assign(globalThis, { Notification: RecordedNotification, shownNotifications: shown });
}

const shownNotifications = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { shownNotifications: { title: string }[] }).shownNotifications);

/**
 * Escalation end to end, on a clock the test moves (the core's and the page's together), never a wait: a new
 * P1 shows its due time; at risk, the agent is told on the desktop; breached, the escalation rule hands it to
 * the second line and its timeline says why.
 */
describe.skipIf(skipE2e)(suiteTitle('escalation and notifications'), () => {
  let desk: DeskHarness;
  let page: Page;
  let now = START;

  /** Moves both clocks, runs one beat of the desk's duties, and lets the page hear of it. */
  const advance = async (ms: number) => {
    now += ms;
    await desk.core.runTimeRules();
    await page.clock.fastForward(ms);
  };
  /** The page's timers (a change heard is applied after a short pause) run while the clock stands still. */
  const settle = () => page.clock.runFor(150);

  beforeAll(async () => {
    desk = await startDesk({ signInAs: { name: 'Sam Supervisor', email: 'sam@northwind.example' }, now: () => now });
    const call = async (name: Parameters<typeof desk.core.invoke>[0], input: unknown) => {
      const outcome = await desk.core.invoke(name, input);
      if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
      return outcome.value as { id: string };
    };
    const secondLine = await call('group/save', { name: 'Second line', description: 'Specialists' });
    await call('sla/savePolicy', {
      name: 'Critical',
      conditions: { priorities: [1] },
      targets: { firstResponseMinutes: 20 },
      calendarId: DEFAULT_CALENDAR_ID,
    });
    await call('rule/save', {
      name: 'Hand an overdue P1 to the second line',
      enabled: true,
      trigger: { type: 'sla_after_due', clock: 'firstResponse', minutes: 1 },
      conditions: [{ field: 'priority', operator: 'is_any_of', values: [1] }],
      actions: [{ type: 'assign', groupId: secondLine.id }],
    });
    page = await desk.openPage({ clockAt: START - 10 * MINUTE, initScript: stubNotifications });
  });
  afterAll(() => desk?.close());

  it('tells the agent on the desktop when a P1 turns at risk, then escalates it when breached', async () => {
    // The agent turns desktop notifications on from the bell (the browser asks, the stub grants).
    const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
    await bell.click();
    await page.getByRole('switch', { name: 'Desktop notifications' }).click();
    await expect.poll(() => page.getByRole('switch', { name: 'Desktop notifications' }).isChecked(), POLL).toBe(true);
    await page.keyboard.press('Escape');

    const session = await desk.core.invoke('session/get', {});
    const me = session.ok ? (session.value as { agent: { id: string } }).agent.id : '';
    const created = await desk.core.invoke('incident/create', {
      title: 'Payroll run fails',
      channel: 'phone',
      impact: 1,
      urgency: 1,
      assigneeId: me,
    });
    expect(created.ok).toBe(true);
    await page.goto(`${desk.host.url}#/`);
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^All open/ })
      .click();
    const row = page.getByRole('grid', { name: 'Incidents' }).getByRole('row', { name: /Payroll run fails/ });
    const due = row.locator('[data-due-state]');
    await due.waitFor();
    await page.clock.pauseAt(START);
    await expect.poll(() => due.innerText(), POLL).toBe('20 min left');

    // 15 of 20 minutes: at risk; the desk tells the assignee, on the desktop too.
    await advance(15 * MINUTE);
    await expect.poll(() => due.getAttribute('data-due-state'), POLL).toBe('at_risk');
    await expect
      .poll(async () => {
        await settle();
        return (await shownNotifications(page)).map((n) => n.title);
      }, POLL)
      .toEqual(['Service level at risk: INC-1 Payroll run fails']);
    await expect.poll(() => bell.getAttribute('aria-label'), POLL).toBe('Notifications, 1 unread');
    await snap(page, 'notification-at-risk');

    // Breached at 20 minutes; a minute later the rule hands it to the second line.
    await advance(6 * MINUTE);
    await expect.poll(() => due.getAttribute('data-due-state'), POLL).toBe('breached');
    await expect
      .poll(async () => {
        await settle();
        return row.innerText();
      }, POLL)
      .toContain('Second line');

    // The notification opens its incident, whose timeline says which rule did it and why. (Breached was told
    // as well: two unread, one fewer once the first is opened.)
    await expect.poll(() => bell.getAttribute('aria-label'), POLL).toBe('Notifications, 2 unread');
    await bell.click();
    const atRisk = page.getByRole('dialog', { name: 'Notifications' }).getByText(/Service level at risk/);
    await expect
      .poll(async () => {
        await settle();
        return atRisk.isVisible();
      }, POLL)
      .toBe(true);
    await atRisk.click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect
      .poll(async () => {
        await settle();
        return (await timeline.isVisible()) ? timeline.innerText() : '';
      }, POLL)
      .toMatch(
        /Automation[\s\S]*rule “Hand an overdue P1 to the second line” because first response overdue by 1 business minute/,
      );
    await expect.poll(() => bell.getAttribute('aria-label'), POLL).toBe('Notifications, 1 unread');
    await snap(page, 'escalated-timeline');
  });
});
