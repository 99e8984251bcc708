import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

async function headers(grid: Locator): Promise<string[]> {
  return (await grid.getByRole('columnheader').allTextContents()).map((text) => text.replace(/[▲▼]/g, '').trim());
}

async function titleWidth(grid: Locator): Promise<number> {
  const box = await grid.getByRole('columnheader', { name: 'Title' }).boundingBox();
  return box?.width ?? 0;
}

describe.skipIf(skipE2e)(suiteTitle('queue columns'), () => {
  let desk: DeskHarness;
  let page: Page;
  let grid: Locator;

  beforeAll(async () => {
    desk = await startDesk({ demoIncidents: 40 });
    page = await desk.openPage();
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^All open/ })
      .click();
    grid = page.getByRole('grid', { name: 'Incidents' });
    await grid.getByRole('row').nth(2).waitFor();
  });
  afterAll(() => desk?.close());

  it('hides the columns the agent unticks, gives the title their room, and keeps the choice', async () => {
    expect(await headers(grid)).toEqual(expect.arrayContaining(['Group', 'Channel', 'Updated']));
    const before = await titleWidth(grid);
    await page.getByRole('button', { name: 'Columns' }).click();
    const chooser = page.getByRole('group', { name: 'Columns to show' });
    expect(await chooser.getByRole('checkbox', { name: 'Title' }).isDisabled()).toBe(true);
    await chooser.getByRole('checkbox', { name: 'Channel' }).uncheck();
    await chooser.getByRole('checkbox', { name: 'Updated' }).uncheck();
    await snap(page, 'queue-column-chooser');
    await page.keyboard.press('Escape');
    await expect.poll(() => headers(grid), POLL).not.toContain('Channel');
    expect(await headers(grid)).not.toContain('Updated');
    expect(Number(await grid.getAttribute('aria-colcount'))).toBe(8);
    // The rows follow the header: each has as many cells as there are columns.
    expect(await grid.getByRole('row').nth(1).getByRole('gridcell').count()).toBe(8);
    await expect.poll(() => titleWidth(grid), POLL).toBeGreaterThan(before + 40);

    // Kept on this workstation: a new start shows the same columns.
    await page.reload();
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^All open/ })
      .click();
    await grid.getByRole('row').nth(2).waitFor();
    await expect.poll(() => headers(grid), POLL).not.toContain('Channel');
    expect(await headers(grid)).toContain('Group');
    await snap(page, 'queue-fewer-columns');
  });
});
