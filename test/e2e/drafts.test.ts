import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentDraftKey, NEW_INCIDENT_DRAFT } from '#shared/domain/workstation.ts';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

describe.skipIf(skipE2e)(suiteTitle('drafts: nothing typed is lost'), () => {
  let desk: DeskHarness;
  let page: Page;
  let grid: Locator;

  beforeAll(async () => {
    desk = await startDesk({ demoIncidents: 60 });
    page = await desk.openPage();
    grid = page.getByRole('grid', { name: 'Incidents' });
    await openAllOpen();
  });

  async function openAllOpen(): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^All open/ })
      .click();
    await page.getByRole('heading', { name: 'All open' }).waitFor();
    await grid.getByRole('row').nth(2).waitFor();
  }
  afterAll(() => desk?.close());

  const draftOf = async (key: string) => (await desk.core.handlers['draft/get']({ key }))?.value ?? null;
  const newIncident = () => page.getByRole('dialog', { name: 'New incident' });

  async function openNewIncident(): Promise<Locator> {
    await page.keyboard.press('c');
    const title = newIncident().getByLabel('Title');
    await title.waitFor();
    await expect
      .poll(() => page.evaluate<string | null>('document.activeElement?.id ?? null'), POLL)
      .toBe(await title.getAttribute('id'));
    return title;
  }

  it('keeps the new incident through Esc and a reload, and says it is back', async () => {
    await openNewIncident();
    await page.keyboard.type('Plotter on the third floor jams');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Every A1 print since Monday.');
    await page.keyboard.press('Escape');
    await newIncident().waitFor({ state: 'detached' });
    await expect
      .poll(() => draftOf(NEW_INCIDENT_DRAFT), POLL)
      .toMatchObject({ title: 'Plotter on the third floor jams', description: 'Every A1 print since Monday.' });

    await page.reload();
    await openAllOpen();
    const title = await openNewIncident();
    expect(await title.inputValue()).toBe('Plotter on the third floor jams');
    expect(await newIncident().getByLabel('Description').inputValue()).toBe('Every A1 print since Monday.');
    await newIncident().getByText('Your draft is back').waitFor();
    await snap(page, 'drafts-new-incident-restored');
  });

  it('asks before Cancel throws the draft away', async () => {
    await newIncident().getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    const confirm = newIncident().getByRole('alertdialog', { name: 'Discard this new incident?' });
    await confirm.waitFor();
    await snap(page, 'drafts-cancel-confirm');
    await confirm.getByRole('button', { name: 'Keep editing' }).focus();
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    expect(await newIncident().getByLabel('Title').inputValue()).toBe('Plotter on the third floor jams');

    await newIncident().getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Discard' }).focus();
    await page.keyboard.press('Enter');
    await newIncident().waitFor({ state: 'detached' });
    await expect.poll(() => draftOf(NEW_INCIDENT_DRAFT), POLL).toBeNull();
    const title = await openNewIncident();
    expect(await title.inputValue()).toBe('');
  });

  it('drops the draft once the incident is created', async () => {
    await page.keyboard.type('Badge reader at the loading dock is dead');
    await expect.poll(() => draftOf(NEW_INCIDENT_DRAFT), POLL).not.toBeNull();
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Badge reader at the loading dock is dead' }).waitFor();
    await expect.poll(() => draftOf(NEW_INCIDENT_DRAFT), POLL).toBeNull();
    // Keys go to the dialog until it has gone.
    await newIncident().waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await grid.getByRole('row').nth(2).waitFor();
  });

  it('keeps an incident’s unsent note when the agent leaves and comes back', async () => {
    await grid.focus();
    await page.keyboard.press('Enter');
    const note = page.getByLabel('Internal note');
    await note.waitFor();
    const id = /#\/incident\/([^/?]+)/.exec(page.url())?.[1];
    if (!id) throw new Error(`no incident in ${page.url()}`);
    await note.focus();
    await page.keyboard.type('Checked the switch port: errors on 0/14.');
    await expect
      .poll(() => draftOf(incidentDraftKey(id, 'note')), POLL)
      .toEqual({ body: 'Checked the switch port: errors on 0/14.' });

    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await grid.getByRole('row').nth(2).waitFor();
    await page.keyboard.press('Enter');
    await note.waitFor();
    expect(await note.inputValue()).toBe('Checked the switch port: errors on 0/14.');
    await page.getByText('your unsent note is back').waitFor();
    await snap(page, 'drafts-note-restored');

    await note.focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => note.inputValue(), POLL).toBe('');
    await expect.poll(() => draftOf(incidentDraftKey(id, 'note')), POLL).toBeNull();
  });
});
