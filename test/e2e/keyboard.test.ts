import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, skipE2e, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';
import { call } from '../helpers/invoke.ts';

function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate<string | null>("document.activeElement?.getAttribute('aria-label') ?? null");
}

/** The focused element's tag, with its role and aria-selected for a row: "H1", "DIV:row:true". */
function focusedTag(page: Page): Promise<string> {
  return page.evaluate<string>(
    `(() => { const a = document.activeElement; if (!a) return 'none';
      const role = a.getAttribute('role');
      return role === 'row' ? a.tagName + ':row:' + a.getAttribute('aria-selected') : a.tagName; })()`,
  );
}

async function selectedRowText(grid: Locator): Promise<string> {
  return grid.locator('[role="row"][aria-selected="true"]').innerText();
}

describe.skipIf(skipE2e)(suiteTitle('keyboard'), () => {
  let desk: DeskHarness;
  let page: Page;
  let grid: Locator;

  beforeAll(async () => {
    desk = await startDesk({
      demoIncidents: 300,
      // The sort test needs an open Critical incident, whichever the random demo happens to hold.
      prepare: async (core) => {
        await call(core, 'incident/create', { title: 'Payroll down', channel: 'phone', impact: 1, urgency: 1 });
      },
    });
    page = await desk.openPage();
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^All open/ })
      .click();
    grid = page.getByRole('grid', { name: 'Incidents' });
    await grid.getByRole('row').nth(2).waitFor();
  });
  afterAll(() => desk?.close());

  it('moves the selection with j and k and marks it aria-selected', async () => {
    const rows = grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])');
    await page.keyboard.press('j');
    await expect.poll(() => rows.nth(0).getAttribute('aria-selected'), POLL).toBe('true');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(() => rows.nth(2).getAttribute('aria-selected'), POLL).toBe('true');
    expect(await rows.nth(0).getAttribute('aria-selected')).toBe('false');
    await page.keyboard.press('k');
    await expect.poll(() => rows.nth(1).getAttribute('aria-selected'), POLL).toBe('true');
    expect(await grid.locator('[aria-selected="true"]').count()).toBe(1);
  });

  it('opens the selected incident with Enter and comes back to it with Escape', async () => {
    const selected = await selectedRowText(grid);
    const number = selected.split(/\s/)[0]!;
    await page.keyboard.press('Enter');
    await page.getByTestId('incident-number').filter({ hasText: number }).waitFor();
    expect(page.url()).toMatch(/#\/incident\//);
    // Focus follows to the incident (its title), not left on the page's body where Tab starts over.
    await expect.poll(() => focusedTag(page), POLL).toBe('H1');

    await page.keyboard.press('Escape');
    await grid.waitFor();
    await expect.poll(() => selectedRowText(grid), POLL).toContain(number);
    // …and back on the highlighted row, so the arrows and j/k go on from there.
    await expect.poll(() => focusedTag(page), POLL).toBe('DIV:row:true');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => selectedRowText(grid), POLL).not.toContain(number);
    await expect.poll(() => focusedTag(page), POLL).toBe('DIV:row:true');
  });

  it('focuses Search with / and leaves typed letters alone', async () => {
    const search = page.getByRole('searchbox', { name: 'Search' });
    await page.keyboard.press('/');
    await expect.poll(() => focusedLabel(page), POLL).toBe('Search');
    await page.keyboard.type('jk');
    expect(await search.inputValue()).toBe('jk');
    await page.getByRole('heading', { name: 'Search results for “jk”' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await search.inputValue()).toBe('');
    await page.getByRole('heading', { name: 'All open' }).waitFor();
  });

  it('opens New incident with c, and Escape closes it', async () => {
    await page.keyboard.press('Escape'); // An empty search box gives the focus back to the page.
    await expect.poll(() => focusedLabel(page), POLL).not.toBe('Search');
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'New incident' });
    await dialog.waitFor();
    const titleId = await dialog.getByLabel('Title').getAttribute('id');
    await expect.poll(() => page.evaluate<string | null>('document.activeElement?.id ?? null'), POLL).toBe(titleId);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('sorts by a column header and says so with aria-sort', async () => {
    const header = grid.getByRole('columnheader', { name: 'Priority' });
    expect(await header.getAttribute('aria-sort')).toBe('none');
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort'), POLL).toBe('ascending');
    await expect.poll(() => grid.getByRole('row').nth(1).innerText(), POLL).toContain('1 - Critical');
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort'), POLL).toBe('descending');
  });
});
