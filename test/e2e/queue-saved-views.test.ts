import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

describe.skipIf(skipE2e)(suiteTitle('saved views: rename, update, share, order'), () => {
  let desk: DeskHarness;
  let page: Page;
  let nav: Locator;

  beforeAll(async () => {
    desk = await startDesk({ demoIncidents: 150 });
    page = await desk.openPage();
    nav = page.getByRole('navigation', { name: 'Queues' });
    await nav.getByRole('button', { name: /^All open/ }).click();
    await page.getByRole('heading', { name: 'All open' }).waitFor();
  });
  afterAll(() => desk?.close());

  async function pickPriority(label: RegExp): Promise<void> {
    await page.getByRole('button', { name: /^Priority:/ }).click();
    await page.getByRole('option', { name: label }).click();
    await page.keyboard.press('Escape');
  }

  async function saveAsView(name: string): Promise<void> {
    await page.getByRole('button', { name: 'Save as view' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Save as view' });
    await dialog.getByLabel('View name').waitFor();
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name }).waitFor();
  }

  /** Opens a saved view's menu from the keyboard, as an agent tabbing through the navigation would. */
  async function openMenuOf(name: string): Promise<void> {
    await nav.getByRole('button', { name: `Change view ${name}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
  }

  async function chooseMenuItem(name: string | RegExp): Promise<void> {
    await page.getByRole('menuitem', { name }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor({ state: 'detached' });
  }

  function myViewNames(): Promise<string[]> {
    return page.evaluate<string[]>(`[...document.querySelectorAll('nav [aria-label^="Change view "]')]
      .map((button) => button.getAttribute('aria-label').replace('Change view ', ''))`);
  }

  it('renames a view from its menu', async () => {
    await pickPriority(/^4 - /);
    await saveAsView('Low ones');
    await openMenuOf('Low ones');
    await chooseMenuItem('Rename…');
    const dialog = page.getByRole('dialog', { name: 'Rename view' });
    await dialog.getByLabel('View name').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Low priority');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await nav.getByRole('button', { name: /^Low priority/ }).waitFor();
    await page.getByRole('heading', { name: 'Low priority' }).waitFor();
    expect(await nav.getByRole('button', { name: /^Low ones/ }).count()).toBe(0);
  });

  it('updates a view with the current filters', async () => {
    await pickPriority(/^3 - /);
    await page.getByText('Filters changed').waitFor();
    await openMenuOf('Low priority');
    await chooseMenuItem('Update with current filters');
    await page.getByText('Filters changed').waitFor({ state: 'detached' });
    const views = await desk.core.handlers['queue/views']({});
    expect(views.find((view) => view.name === 'Low priority')?.filter.priorities?.toSorted()).toEqual([3, 4]);
  });

  it('moves a view down and up the list', async () => {
    await nav.getByRole('button', { name: /^All open/ }).click();
    await pickPriority(/^2 - /);
    await saveAsView('High ones');
    expect(await myViewNames()).toEqual(['Low priority', 'High ones']);
    await openMenuOf('Low priority');
    expect(await page.getByRole('menuitem', { name: 'Move up' }).isDisabled()).toBe(true);
    await chooseMenuItem('Move down');
    await expect.poll(myViewNames, POLL).toEqual(['High ones', 'Low priority']);
    await openMenuOf('Low priority');
    await chooseMenuItem('Move up');
    await expect.poll(myViewNames, POLL).toEqual(['Low priority', 'High ones']);
  });

  it('shares a view with the team as a supervisor', async () => {
    await openMenuOf('Low priority');
    await chooseMenuItem('Share with the team');
    await nav.getByText('Shared with the team').waitFor();
    await snap(page, 'saved-views-supervisor');
  });

  it('shows an agent the team’s view, and why they cannot share their own', async () => {
    const { agents } = await desk.core.handlers['reference/get']({});
    const agent = agents.find((a) => a.role === 'agent' && a.active);
    if (!agent) throw new Error('the demo team has no agent');
    await desk.core.handlers['session/signIn']({ agentId: agent.id });
    await page.reload();
    await page.getByText('Team views').waitFor();
    await nav.getByRole('button', { name: /^Low priority/ }).waitFor();
    expect(await nav.getByRole('button', { name: 'Change view Low priority' }).count()).toBe(0);

    await nav.getByRole('button', { name: /^All open/ }).click();
    await pickPriority(/^1 - /);
    await saveAsView('Critical');
    await openMenuOf('Critical');
    const share = page.getByRole('menuitem', { name: /^Share with the team/ });
    expect(await share.isDisabled()).toBe(true);
    expect(await share.innerText()).toContain('Only supervisors share views with the team.');
    await snap(page, 'saved-views-agent');
    await page.keyboard.press('Escape');
  });
});
