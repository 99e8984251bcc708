import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, skipE2e, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

function countIn(text: string): number {
  return Number(text.replace(/[^\d]/g, ''));
}

describe.skipIf(skipE2e)(suiteTitle('queue filters and saved views'), () => {
  let desk: DeskHarness;
  let page: Page;
  let nav: Locator;
  let grid: Locator;

  beforeAll(async () => {
    desk = await startDesk({ demoIncidents: 400 });
    page = await desk.openPage();
    nav = page.getByRole('navigation', { name: 'Queues' });
    grid = page.getByRole('grid', { name: 'Incidents' });
    await nav.getByRole('button', { name: /^All open/ }).click();
    await page.getByRole('heading', { name: 'All open' }).waitFor();
    await grid.getByRole('row').nth(1).waitFor();
  });
  afterAll(() => desk?.close());

  it('narrows the queue with a filter and says the view has changed', async () => {
    const allOpen = countIn(await page.getByTestId('queue-total').innerText());
    await page.getByRole('button', { name: /^Priority:/ }).click();
    await page.getByRole('option', { name: '4 - Low' }).click();
    await page.keyboard.press('Escape');
    await page.getByText('Filters changed').waitFor();
    await expect
      .poll(async () => countIn(await page.getByTestId('queue-total').innerText()), POLL)
      .toBeLessThan(allOpen);
    const rows = await grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('4 - Low');
  });

  it('saves the filters as a view with its count, and deletes it', async () => {
    const total = countIn(await page.getByTestId('queue-total').innerText());
    await page.getByRole('button', { name: 'Save as view' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as view' });
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await dialog.getByText('View name is required').waitFor();
    await dialog.getByLabel('View name').fill('Low priority, open');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await dialog.waitFor({ state: 'detached' });

    const saved = nav.getByRole('button', { name: /^Low priority, open/ });
    await expect.poll(async () => countIn(await saved.innerText()), POLL).toBe(total);
    expect(await saved.getAttribute('aria-current')).toBe('page');
    await page.getByRole('heading', { name: 'Low priority, open' }).waitFor();

    await nav.getByRole('button', { name: 'Delete view Low priority, open' }).click();
    await page.getByRole('dialog', { name: 'Delete view' }).getByRole('button', { name: 'Delete view' }).click();
    await saved.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'My open' }).waitFor();
  });

  it('scrolls a long queue and fills rows in as they come on screen', async () => {
    await nav.getByRole('button', { name: /^All open/ }).click();
    await page.getByRole('heading', { name: 'All open' }).waitFor();
    const allOpen = countIn(await nav.getByRole('button', { name: /^All open/ }).innerText());
    await expect.poll(async () => countIn(await page.getByTestId('queue-total').innerText()), POLL).toBe(allOpen);
    const total = allOpen;
    expect(Number(await grid.getAttribute('aria-rowcount'))).toBe(total + 1);
    await grid.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    const last = grid.locator(`[role="row"][aria-rowindex="${total + 1}"]`);
    await last.waitFor();
    await expect.poll(() => last.innerText(), POLL).toMatch(/INC-\d+/);

    await grid.locator('[role="row"][aria-rowindex="2"]').waitFor({ state: 'detached' });
    await last.focus();
    await page.keyboard.press('Home');
    const first = grid.locator('[role="row"][aria-rowindex="2"]');
    await expect.poll(() => first.getAttribute('aria-selected'), POLL).toBe('true');
  });
});
