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
  });

  // Signed in as Jonas Weber (an agent) since the test before.
  const SUPERVISOR_TABS = [
    { tab: 'Agents', add: 'Add agent', item: 'Jonas Weber', why: 'Only a supervisor can add agents' },
    { tab: 'Groups', add: 'Add group', item: 'Field Services', why: 'Only a supervisor can add or change groups' },
    { tab: 'Categories', add: 'Add category', item: null, why: 'Only a supervisor can add or change categories' },
    { tab: 'Services', add: 'Add service', item: null, why: 'Only a supervisor can add or change services' },
    { tab: 'Calendars', add: 'Add calendar', item: null, why: 'Only a supervisor can add a calendar' },
    { tab: 'Service levels', add: 'Add service level', item: null, why: 'Only a supervisor can change service levels' },
    { tab: 'Mailboxes', add: 'Add mailbox', item: null, why: 'Only a supervisor can add a mailbox' },
  ] as const;
  for (const { tab, add, item, why } of SUPERVISOR_TABS) {
    it(`${tab}: shows an agent “${add}” greyed, saying why, rather than refusing on Save`, async () => {
      await page.getByRole('tab', { name: tab }).click();
      const button = page.getByRole('button', { name: add });
      await button.waitFor();
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      expect(await button.getAttribute('aria-description')).toBe(why);
      await button.hover();
      await page.getByRole('tooltip').filter({ hasText: why }).waitFor();
      await button.click({ force: true });
      expect(await page.getByRole('dialog').count()).toBe(0);
      if (item) {
        const edit = page.getByRole('button', { name: `Edit ${item}` });
        expect(await edit.getAttribute('aria-disabled')).toBe('true');
        await edit.click({ force: true });
        expect(await page.getByRole('dialog').count()).toBe(0);
      }
      await page.mouse.move(0, 0);
    });
  }

  it('lets an agent view a calendar, with no Edit that would be refused', async () => {
    await page.getByRole('tab', { name: 'Calendars' }).click();
    const table = page.getByRole('table', { name: 'Calendars' });
    await table.waitFor();
    expect(await table.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    await table
      .getByRole('button', { name: /^View / })
      .first()
      .click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });
});
