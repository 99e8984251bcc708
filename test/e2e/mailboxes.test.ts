import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

/** A port on this computer where nothing listens: a connection is refused at once, and in words. */
const CLOSED_PORT = '1';

describe.skipIf(skipE2e)(suiteTitle('mailbox settings'), () => {
  let desk: DeskHarness;
  let page: Page;

  beforeAll(async () => {
    desk = await startDesk({ demoIncidents: 10 });
    page = await desk.openPage();
    await page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Mailboxes' }).click();
  });
  afterAll(() => desk?.close());

  it('adds a mailbox after testing its connection, and shows how it is doing', async () => {
    await page.getByText('No mailboxes yet').waitFor();
    await page.getByRole('button', { name: 'Add mailbox' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add mailbox' });
    await dialog.getByRole('button', { name: 'Add mailbox' }).click();
    await dialog.getByText('Name is required', { exact: true }).waitFor();

    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Support');
    await dialog.getByRole('textbox', { name: 'Server' }).fill('127.0.0.1');
    await dialog.getByLabel('Encrypted from the start (TLS)').uncheck();
    await dialog.getByRole('textbox', { name: 'Port' }).fill(CLOSED_PORT);
    await dialog.getByRole('textbox', { name: 'User name' }).fill('support@desk-e2e.example');
    await dialog.getByRole('textbox', { name: 'Password' }).fill('not-a-real-password');
    await dialog.getByText('Check every few seconds').click();
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const outcome = dialog.getByRole('status').filter({ hasText: 'Could not connect' });
    await outcome.waitFor();
    expect((await outcome.innerText()).length).toBeGreaterThan('Could not connect'.length + 10);
    await snap(page, 'mailbox-test-failed');

    await dialog.getByRole('button', { name: 'Add mailbox' }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = page.getByRole('region', { name: 'Support' });
    await card.waitFor();
    expect(await card.innerText()).toContain('support@desk-e2e.example on 127.0.0.1:1 (STARTTLS), folder INBOX');
    await expect.poll(() => card.getByTestId('mailbox-status').innerText(), POLL).toMatch(/Failing|Not fetched yet/);
    await snap(page, 'mailbox-added');

    await card.getByRole('button', { name: 'Edit Support' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit mailbox' });
    await editor.getByText('Stored on this computer. Leave empty to keep it.').waitFor();
    await editor.getByRole('button', { name: 'Cancel' }).click();

    await card.getByRole('button', { name: 'Delete Support' }).click();
    await page.getByRole('dialog', { name: 'Delete mailbox' }).getByRole('button', { name: 'Delete mailbox' }).click();
    await page.getByText('No mailboxes yet').waitFor();
  });
});
