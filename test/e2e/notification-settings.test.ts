import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '#shared/domain/reference.ts';
import { agentInput, call } from '../helpers/invoke.ts';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

/**
 * An agent's own notification settings, end to end: reached from the command palette and from the bell,
 * changed, kept across a reload, and honoured (an incident below the chosen priority tells nobody).
 */
describe.skipIf(skipE2e)(suiteTitle('notification settings'), () => {
  let desk: DeskHarness;
  let page: Page;
  let sam: Agent;
  let priya: Agent;
  let network: string;

  beforeAll(async () => {
    desk = await startDesk({ signInAs: { name: 'Sam Supervisor', email: 'sam@northwind.example' } });
    sam = (await call(desk.core, 'session/get', {})).agent!;
    network = (await call(desk.core, 'group/save', { name: 'Network', description: '' })).id;
    sam = await call(desk.core, 'agent/save', agentInput(sam, { groupIds: [network] }));
    priya = await call(desk.core, 'agent/save', {
      name: 'Priya Raman',
      email: 'priya@northwind.example',
      role: 'agent',
      groupIds: [network],
      active: true,
    });
    page = await desk.openPage();
    await page.getByRole('grid', { name: 'Incidents' }).waitFor();
  });
  afterAll(() => desk?.close());

  const newInMyGroup = () => page.getByRole('combobox', { name: 'Priorities to tell me of: New incident in my group' });
  const customerReplied = () => page.getByRole('checkbox', { name: 'Tell me: Customer replied on my incident' });

  it('are reached from the palette, saved, and kept across a reload', async () => {
    await page.keyboard.press('Control+k');
    const command = page.getByRole('combobox', { name: 'Command' });
    await command.fill('notification settings');
    await page.getByRole('option', { name: 'Notifications' }).first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url(), POLL).toMatch(/#\/settings\/notifications$/);

    // The defaults follow the seed's rule: up to priority 3, minor incidents are logged silently.
    await expect.poll(() => newInMyGroup().inputValue(), POLL).toBe('Priorities 1–3: Moderate and higher');
    expect(await customerReplied().isChecked()).toBe(true);

    await newInMyGroup().click();
    await page.getByRole('option', { name: 'Priority 1 only: Critical' }).click();
    await customerReplied().click();
    await snap(page, 'notification-settings');
    await page.getByRole('button', { name: 'Save notification settings' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Save notification settings' }).isDisabled(), POLL)
      .toBe(true);

    await page.reload();
    await expect.poll(() => newInMyGroup().inputValue(), POLL).toBe('Priority 1 only: Critical');
    expect(await customerReplied().isChecked()).toBe(false);
  });

  it('are honoured: a P2 new in my group tells me nothing now, a P1 does', async () => {
    await desk.core.session.signIn(priya.id);
    try {
      for (const [title, urgency] of [
        ['Branch VPN slow', 2],
        ['Core switch down', 1],
      ] as const) {
        await call(desk.core, 'incident/create', { title, channel: 'phone', impact: 1, urgency, groupId: network });
      }
    } finally {
      await desk.core.session.signIn(sam.id);
    }
    const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
    await expect.poll(() => bell.getAttribute('aria-label'), POLL).toBe('Notifications, 1 unread');
    await bell.click();
    const list = page.getByRole('list', { name: 'Latest notifications' });
    await expect.poll(() => list.innerText(), POLL).toContain('Core switch down');
    expect(await list.innerText()).not.toContain('Branch VPN slow');

    // The bell leads to the same settings, by keyboard too.
    const settings = page.getByRole('dialog', { name: 'Notifications' }).getByRole('button', {
      name: 'Notification settings',
    });
    await settings.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url(), POLL).toMatch(/#\/settings\/notifications$/);
    await newInMyGroup().waitFor();
  });
});
