import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../renderer/src/navigation/shortcuts.ts';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';
import { call } from '../helpers/invoke.ts';

async function runCommand(page: Page, words: string, option: string | RegExp): Promise<void> {
  await page.keyboard.press('Control+k');
  const command = page.getByRole('combobox', { name: 'Command' });
  await command.waitFor();
  await command.fill(words);
  await page.getByRole('option', { name: option }).first().waitFor();
  await snap(page, `palette-${words.replace(/\W+/g, '-')}`);
  await page.keyboard.press('Enter');
  await command.waitFor({ state: 'detached' });
}

describe.skipIf(skipE2e)(suiteTitle('command palette and shortcut help'), () => {
  let desk: DeskHarness;
  let page: Page;
  let incidentId: string;

  beforeAll(async () => {
    desk = await startDesk({
      demoIncidents: 40,
      prepare: async (core) => {
        const created = await call(core, 'incident/create', {
          title: 'Palette printer jam',
          channel: 'phone',
          impact: 3,
          urgency: 3,
        });
        incidentId = created.incident.id;
      },
    });
    page = await desk.openPage();
    await page.getByRole('grid', { name: 'Incidents' }).waitFor();
  });
  afterAll(() => desk?.close());

  it('goes to screens by name: the inbox, the KPIs, a settings page, a queue view', async () => {
    await runCommand(page, 'inbox', 'Inbox');
    await expect.poll(() => page.url(), POLL).toMatch(/#\/inbox$/);
    await runCommand(page, 'kpis', 'KPIs');
    await expect.poll(() => page.url(), POLL).toMatch(/#\/kpis$/);
    await runCommand(page, 'service levels', 'Service levels');
    await expect.poll(() => page.url(), POLL).toMatch(/#\/settings\/service-levels$/);
    // Focus lands on the screen (its heading), not the page's body: Tab goes on into the screen, not the header.
    const focusedIn = () =>
      page.evaluate<string>(
        `(() => { const active = document.activeElement;
          return active?.closest('main') ? active.tagName + ':' + (active.getAttribute('role') ?? '') : 'outside'; })()`,
      );
    await expect.poll(focusedIn, POLL).toBe('H1:');
    await page.keyboard.press('Tab');
    expect(await focusedIn()).not.toBe('outside');
    await runCommand(page, 'unassigned', /^Unassigned/);
    await page.getByRole('heading', { name: 'Unassigned' }).waitFor();
    await expect.poll(focusedIn, POLL).toBe('DIV:row');
  });

  it('opens New incident, and moves with the arrow keys, announcing the highlighted option', async () => {
    await page.keyboard.press('Control+k');
    const command = page.getByRole('combobox', { name: 'Command' });
    await command.fill('new');
    await page.keyboard.press('ArrowDown');
    const active = await command.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    expect(await page.locator(`#${active}`).getAttribute('aria-selected')).toBe('true');
    await command.fill('new incident');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New incident' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('acts on the open incident: assign to me, a status change, priority and a note', async () => {
    await page.evaluate(`location.hash = '#/incident/${incidentId}'`);
    await page.getByRole('toolbar', { name: 'Incident actions' }).waitFor();
    await runCommand(page, 'assign to me', 'Assign to me (this incident)');
    await expect
      .poll(async () => (await call(desk.core, 'incident/get', { id: incidentId })).incident.assigneeId, POLL)
      .toBeTruthy();

    await runCommand(page, 'start', /^Start work/);
    await expect
      .poll(async () => (await call(desk.core, 'incident/get', { id: incidentId })).incident.status, POLL)
      .toBe('in_progress');

    await runCommand(page, 'priority', 'Override priority… (this incident)');
    const priority = page.getByRole('dialog', { name: 'Override priority' });
    await priority.waitFor();
    await page.keyboard.press('Escape');
    await priority.waitFor({ state: 'detached' });

    await runCommand(page, 'note', 'Add note (this incident)');
    await expect
      .poll(() => page.evaluate<string | null>('document.activeElement?.closest("form")?.innerText ?? null'), POLL)
      .toContain('Internal note');
  });

  it('shows every shortcut with ?, from the same list the keys use', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await snap(page, 'shortcut-help');
    const text = await help.innerText();
    for (const shortcut of Object.values(SHORTCUTS)) expect(text).toContain(shortcut.does);
    for (const key of ['Ctrl+K', 'Shift+K', 'Page Down', 'Home', 'Ctrl+Enter']) expect(text).toContain(key);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });
});
