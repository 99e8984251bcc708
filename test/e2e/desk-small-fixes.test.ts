import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';
import { call } from '../helpers/invoke.ts';

const LONG_SUBJECT =
  'The shared drive for the finance team has been unreachable from every laptop on the third floor since ' +
  'the network change on Friday evening, and month-end closing starts tomorrow morning at eight';

function longSubjectMail(): Buffer {
  const head = [
    'MIME-Version: 1.0',
    'From: Mia Lindqvist <mia.lindqvist@desk-e2e.example>',
    'To: Service Desk <support@desk-e2e.example>',
    `Subject: ${LONG_SUBJECT}`,
    'Date: Mon, 02 Mar 2026 09:10:00 +0000',
    'Message-ID: <long-subject@desk-e2e.example>',
    'Content-Type: text/plain; charset=utf-8',
  ].join('\r\n');
  return Buffer.from(`${head}\r\n\r\nIt says the path is not found.\r\n`, 'utf8');
}

function inboxGrid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Inbox' });
}

const focusedId = (page: Page) => page.evaluate<string | null>('document.activeElement?.id ?? null');

describe.skipIf(skipE2e)(suiteTitle('small desk fixes'), () => {
  let desk: DeskHarness;
  let page: Page;
  let folder: string;
  let incidentNumber: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'desk-e2e-mail-'));
    await writeFile(path.join(folder, 'long-subject.eml'), longSubjectMail());
    desk = await startDesk({
      demoIncidents: 30,
      prepare: async (core) => {
        await call(core, 'contact/save', {
          name: 'Olu Caller',
          email: 'olu.caller@desk-e2e.example',
          phone: '+1 555 0142',
          organisation: null,
        });
        const created = await call(core, 'incident/create', {
          title: 'Finance share unreachable',
          channel: 'email',
          impact: 2,
          urgency: 2,
        });
        incidentNumber = `INC-${created.incident.number}`;
      },
    });
    page = await desk.openPage();
    await page.getByRole('grid', { name: 'Incidents' }).waitFor();
  });
  afterAll(async () => {
    await desk?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('shows the caller’s phone in the caller options, and names a logged call “Open the call”', async () => {
    await page.keyboard.press('l');
    const dialog = page.getByRole('dialog', { name: 'Log a call or walk-in' });
    const caller = dialog.getByRole('combobox', { name: 'Caller' });
    await expect.poll(() => focusedId(page), POLL).toBe(await caller.getAttribute('id'));
    await page.keyboard.type('olu');
    const option = page.getByRole('option', { name: /^Olu Caller/ });
    await option.waitFor();
    expect(await option.innerText()).toContain('+1 555 0142');
    await snap(page, 'caller-with-phone');
    await option.click();
    await dialog.getByLabel('Subject').fill('VPN will not connect');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'VPN will not connect' }).waitFor();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByRole('link', { name: 'Open the call “VPN will not connect”' }).waitFor();
    expect(await timeline.getByText('Open the message').count()).toBe(0);
  });

  it('takes “Title is required” away once a title is typed', async () => {
    // Back to the queue by its button: where the focus lands on the incident just made is not this test's business.
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^All open/ })
      .click();
    await page.getByRole('grid', { name: 'Incidents' }).waitFor();
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'New incident' });
    const title = dialog.getByLabel('Title');
    await expect.poll(() => focusedId(page), POLL).toBe(await title.getAttribute('id'));
    await page.keyboard.press('Control+Enter');
    await dialog.getByText('Title is required').waitFor();
    await page.keyboard.type('Printer');
    await dialog.getByText('Title is required').waitFor({ state: 'detached' });
    expect(await title.getAttribute('aria-invalid')).not.toBe('true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('button', { name: /Discard/ }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('says what the header search searches once the agent leaves the queue', async () => {
    const search = page.getByRole('searchbox', { name: 'Search', exact: true });
    await search.fill('printer');
    await page.getByRole('heading', { name: 'Search results for “printer”' }).waitFor();
    expect(await page.getByTestId('search-scope').count()).toBe(0);
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^Inbox/ })
      .click();
    await page.getByRole('heading', { name: 'Inbox', exact: true }).waitFor();
    await page.getByTestId('search-scope').waitFor();
    expect(await search.getAttribute('aria-description')).toContain('Searches incidents');
    await snap(page, 'search-scope-on-inbox');
    await search.fill('');
  });

  it('marks the highlighted inbox row aria-selected, keeps “Back to inbox” whole and adds with Ctrl+Enter', async () => {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import email…' }).click(),
    ]);
    await chooser.setFiles([path.join(folder, 'long-subject.eml')]);
    const summary = page.getByRole('dialog', { name: 'Import email' });
    await summary.getByTestId('import-summary').waitFor();
    await page.keyboard.press('Escape');
    await summary.waitFor({ state: 'detached' });

    const row = inboxGrid(page).locator('[role="row"][data-index]').filter({ hasText: 'finance team' });
    await row.waitFor();
    await row.click();
    const back = page.getByRole('button', { name: 'Back to inbox' });
    await back.waitFor();
    await snap(page, 'long-subject-back-button');
    const cut = await back.evaluate(
      (button) =>
        [button, ...button.querySelectorAll('*')].some((part) => part.scrollWidth > part.clientWidth + 1) ||
        button.getBoundingClientRect().width < 100,
    );
    expect(cut).toBe(false);
    await back.click();

    await inboxGrid(page).waitFor();
    await inboxGrid(page).focus();
    await expect.poll(() => inboxGrid(page).locator('[role="row"][aria-selected="true"]').count(), POLL).toBe(1);
    const highlighted = inboxGrid(page).locator('[role="row"][aria-selected="true"]');
    expect(await highlighted.getAttribute('data-current')).toBe('true');

    // Highlight the long-subject item and add it to an incident, sending the dialog with Ctrl+Enter.
    for (let step = 0; step < 10 && !(await highlighted.innerText()).includes('finance team'); step++) {
      await page.keyboard.press('j');
    }
    await page.keyboard.press('a');
    const dialog = page.getByRole('dialog', { name: 'Add to incident' });
    await dialog.waitFor();
    await page.keyboard.type(incidentNumber);
    await page.getByRole('option', { name: new RegExp(`^${incidentNumber} ·`) }).click();
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.count(), POLL).toBe(0);
  });
});
