import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, skipE2e, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

const TITLE = 'Label printer in dispatch feeds two labels at once';

/** Picks an option of a select (an ARIA combobox) by its accessible name and the option's text. */
async function choose(scope: Page | Locator, page: Page, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

function statusBadge(page: Page): Locator {
  return page.getByTestId('incident-status');
}

async function act(page: Page, action: string, expectedStatus: string): Promise<void> {
  await page
    .getByRole('toolbar', { name: 'Incident actions' })
    .getByRole('button', { name: action, exact: true })
    .click();
  await expect.poll(() => statusBadge(page).innerText(), POLL).toBe(expectedStatus);
}

function timeline(page: Page): Locator {
  return page.getByRole('list', { name: 'Timeline' });
}

describe.skipIf(skipE2e)(suiteTitle('an incident from intake to closed and reopened'), () => {
  let desk: DeskHarness;
  let agentPage: Page;
  let watcher: Page;
  let watcherRow: Locator;

  beforeAll(async () => {
    desk = await startDesk({ demoIncidents: 150 });
    agentPage = await desk.openPage();
    watcher = await desk.openPage();
    await agentPage.getByRole('grid', { name: 'Incidents' }).waitFor();
    await watcher.getByRole('grid', { name: 'Incidents' }).waitFor();
    // The agent works in the front tab; the watcher only looks, as a colleague's window would.
    await agentPage.bringToFront();
  });
  afterAll(() => desk?.close());

  it('creates an incident through the form with a live priority preview', async () => {
    const page = agentPage;
    await page.getByRole('button', { name: 'New incident' }).click();
    const form = page.getByRole('dialog', { name: 'New incident' });
    await form.getByRole('button', { name: 'Create' }).click();
    await form.getByText('Title is required').waitFor();

    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('Description').fill('Every print job in dispatch now wastes a label.');
    await choose(form, page, 'Channel', 'Walk-in');
    await choose(form, page, 'Category', 'Printing');
    await choose(form, page, 'Impact', '2 - Medium');
    await choose(form, page, 'Urgency', '1 - High');
    await form.getByText('Priority: 2 - High').waitFor();
    await choose(form, page, 'Urgency', '3 - Low');
    await form.getByText('Priority: 4 - Low').waitFor();
    await form.getByRole('button', { name: 'Create' }).click();

    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(page.url()).toMatch(/#\/incident\/[0-9a-f-]{36}$/);
    expect(await statusBadge(page).innerText()).toBe('New');
    await timeline(page).getByText('created the incident').waitFor();
  });

  it('finds the incident in the queue by search, in both tabs', async () => {
    for (const page of [watcher, agentPage]) {
      await page.bringToFront();
      await page.getByRole('searchbox', { name: 'Search' }).fill('label printer dispatch');
      await page.getByRole('heading', { name: /^Search results/ }).waitFor();
    }
    const grid = agentPage.getByRole('grid', { name: 'Incidents' });
    const row = grid.getByRole('row', { name: new RegExp(TITLE) });
    await row.waitFor();
    expect(await grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])').count()).toBe(1);
    watcherRow = watcher.getByRole('grid', { name: 'Incidents' }).getByRole('row', { name: new RegExp(TITLE) });
    await watcherRow.waitFor();
    expect(await watcherRow.innerText()).toContain('New');
    await row.click();
    await agentPage.getByRole('heading', { name: TITLE }).waitFor();
  });

  it('takes the incident with "Assign to me", and the other tab sees it without reloading', async () => {
    const myOpen = watcher.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: /^My open/ });
    const countBefore = Number((await myOpen.innerText()).replace(/\D/g, ''));
    await agentPage.getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(() => statusBadge(agentPage).innerText(), POLL).toBe('Assigned');
    await agentPage.getByRole('button', { name: 'Assign to me' }).waitFor({ state: 'detached' });
    await timeline(agentPage).getByText('Assignee: — → Alex Morgan').waitFor();

    await expect.poll(() => watcherRow.innerText(), POLL).toContain('Assigned');
    await expect.poll(() => watcherRow.innerText(), POLL).toContain('Alex Morgan');
    await expect.poll(async () => Number((await myOpen.innerText()).replace(/\D/g, '')), POLL).toBe(countBefore + 1);
  });

  it('saves a field as soon as it changes, and names it in the timeline', async () => {
    const properties = agentPage.getByRole('complementary', { name: 'Incident properties' });
    await choose(properties, agentPage, 'Affected service', 'Printing');
    await timeline(agentPage).getByText('Affected service: — → Printing').waitFor();
  });

  it('moves through every status to Closed, asking for the cause and resolution notes', async () => {
    const page = agentPage;
    await act(page, 'Start work', 'In progress');
    await expect.poll(() => watcherRow.innerText(), POLL).toContain('In progress');
    await act(page, 'Waiting on customer', 'Waiting on customer');
    await expect.poll(() => watcherRow.innerText(), POLL).toContain('Waiting on customer');
    await act(page, 'Resume work', 'In progress');

    await page.getByRole('toolbar', { name: 'Incident actions' }).getByRole('button', { name: 'Resolve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Resolve' });
    await dialog.getByRole('button', { name: 'Resolve' }).click();
    await dialog.getByText('Choose a resolution code').waitFor();
    await dialog.getByText('Resolution notes are required').waitFor();
    await dialog.getByText('The cause is required').waitFor();
    await choose(dialog, page, 'Resolution code', 'Solved (permanently)');
    await dialog.getByLabel('Cause').fill('A worn separator pad in the feeder.');
    await dialog.getByLabel('Resolution notes').fill('Replaced the worn separator pad; one label per job again.');
    await dialog.getByRole('button', { name: 'Resolve' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => statusBadge(page).innerText(), POLL).toBe('Resolved');
    await expect.poll(() => watcherRow.innerText(), POLL).toContain('Resolved');

    await act(page, 'Close', 'Closed');
    await expect.poll(() => watcherRow.innerText(), POLL).toContain('Closed');
  });

  it('reopens the closed incident with a reason', async () => {
    const page = agentPage;
    await page.getByRole('toolbar', { name: 'Incident actions' }).getByRole('button', { name: 'Reopen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reopen' });
    await dialog.getByLabel('Reason').fill('Dispatch reports double labels again this morning.');
    await dialog.getByRole('button', { name: 'Reopen' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => statusBadge(page).innerText(), POLL).toBe('In progress');
    await expect.poll(() => watcherRow.innerText(), POLL).toContain('In progress');
  });

  it('keeps every step in the timeline, oldest first, with names rather than ids', async () => {
    const entries = timeline(agentPage).getByTestId('timeline-entry');
    const steps = [
      'created the incident',
      'Status: New → Assigned',
      'Status: Assigned → In progress',
      'Status: In progress → Waiting on customer',
      'Status: Waiting on customer → In progress',
      'Status: In progress → Resolved',
      'Resolution code: — → Solved (permanently)',
      'Cause: — → A worn separator pad in the feeder.',
      'Resolution notes: Replaced the worn separator pad',
      // The default resolution mail rule acts, and says why it could not write: a walk-in without an address.
      'Automation rule “Resolution mail”: Not sent “Resolution”: the reporter has no email address',
      'Status: Resolved → Closed',
      'Status: Closed → In progress',
      'Reason: Dispatch reports double labels again',
    ];
    const texts = await entries.allInnerTexts();
    const all = texts.join('\n');
    let from = 0;
    for (const step of steps) {
      const at = all.indexOf(step, from);
      expect(at, `timeline step "${step}" in order`).toBeGreaterThanOrEqual(0);
      from = at;
    }
    expect(all).toContain('Group: — → Service Desk');
    expect(all).toContain('Affected service: — → Printing');
    expect(all).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });

  it('adds an internal note with Ctrl+Enter', async () => {
    const note = agentPage.getByLabel('Internal note');
    await note.fill('Vendor ticket 4471 opened for the feeder.');
    await note.press('Control+Enter');
    await timeline(agentPage).getByText('Vendor ticket 4471 opened for the feeder.').waitFor();
    expect(await note.inputValue()).toBe('');
  });

  it('opens the reply composer with r, says why no reply can go (no mailbox sends here), and keeps its draft', async () => {
    const page = agentPage;
    await page.getByRole('heading', { name: TITLE }).click();
    await page.keyboard.press('r');
    const composer = page.getByRole('form', { name: 'Public reply' });
    await composer.getByLabel('Reply', { exact: true }).waitFor();
    await composer
      .getByText(/mailbox/i)
      .first()
      .waitFor();
    expect(await composer.getByRole('button', { name: 'Send reply' }).isDisabled()).toBe(true);
    // What is written stays as this workstation's draft when the composer is closed, until discarded.
    const reply = composer.getByLabel('Reply', { exact: true });
    await reply.fill('A new separator pad is on its way.');
    await reply.press('Escape');
    await composer.waitFor({ state: 'detached' });
    await page.keyboard.press('r');
    await expect.poll(() => reply.inputValue(), POLL).toBe('A new separator pad is on its way.');
    await composer.getByRole('button', { name: 'Discard' }).click();
    await composer.waitFor({ state: 'detached' });
    await page.keyboard.press('r');
    await reply.waitFor();
    expect(await reply.inputValue()).toBe('');
    await reply.press('Escape');
    await composer.waitFor({ state: 'detached' });
  });
});
