import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, skipE2e, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

describe.skipIf(skipE2e)(suiteTitle('settings'), () => {
  let desk: DeskHarness;
  let page: Page;

  beforeAll(async () => {
    desk = await startDesk({ demoIncidents: 60 });
    page = await desk.openPage();
    await page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
  });
  afterAll(() => desk?.close());

  it('lets a supervisor add a group', async () => {
    await page.getByRole('tab', { name: 'Groups' }).click();
    await page.getByRole('button', { name: 'Add group' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add group' });
    await dialog.getByRole('button', { name: 'Add group' }).click();
    await dialog.getByText('Name is required').waitFor();
    await dialog.getByLabel('Name').fill('Field Services');
    await dialog.getByLabel('Description').fill('Engineers who visit branch offices.');
    await dialog.getByRole('button', { name: 'Add group' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('table', { name: 'Groups' })
      .getByRole('row', { name: /Field Services/ })
      .waitFor();
  });

  it('edits the priority matrix', async () => {
    await page.getByRole('tab', { name: 'Priority matrix' }).click();
    const cell = page.getByRole('combobox', { name: 'Priority for Low impact and Low urgency' });
    expect(await cell.inputValue()).toBe('5 - Planning');
    await cell.click();
    await page.getByRole('option', { name: '4 - Low', exact: true }).click();
    await page.getByRole('button', { name: 'Save priority matrix' }).click();
    await expect
      .poll(async () => {
        const answer = await desk.core.invoke('reference/get', {});
        return answer.ok ? (answer.value as { priorityMatrix: { cells: number[][] } }).priorityMatrix.cells[2]?.[2] : 0;
      }, POLL)
      .toBe(4);
  });

  it('adds a contact as any agent, and shows a non-supervisor why other settings are refused', async () => {
    const agents = await desk.core.invoke('reference/get', {});
    const jonas = agents.ok
      ? (agents.value as { agents: { id: string; name: string }[] }).agents.find((a) => a.name === 'Jonas Weber')
      : undefined;
    await desk.core.session.signIn(jonas!.id);
    await page.reload();
    await page.getByTestId('signed-in-agent').filter({ hasText: 'Jonas Weber' }).waitFor();

    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.getByRole('button', { name: 'Add contact' }).click();
    const contact = page.getByRole('dialog', { name: 'New contact' });
    await contact.getByLabel('Name').fill('Grace Obi');
    await contact.getByLabel('Email').fill('grace.obi@example.com');
    await contact.getByRole('button', { name: 'Add contact' }).click();
    await contact.waitFor({ state: 'detached' });
    await page.getByLabel('Search contacts').fill('grace');
    await page
      .getByRole('table', { name: 'Contacts' })
      .getByRole('row', { name: /Grace Obi/ })
      .waitFor();

    await page.getByRole('tab', { name: 'Agents' }).click();
    await page.getByText('Supervisors set these').waitFor();
    await page.getByRole('button', { name: 'Edit Jonas Weber' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit agent' });
    await dialog.getByLabel('Name').fill('Jonas Weber-Schmidt');
    await dialog.getByRole('button', { name: 'Save agent' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Only a supervisor can change this setting' }).waitFor();
  });
});
