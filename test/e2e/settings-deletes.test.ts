import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import { call } from '../helpers/invoke.ts';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

const OFFICE_HOURS = { mon: [['08:00', '17:00']] as [string, string][] };

/**
 * Deleting calendars and service levels from Settings, by keyboard: each delete is confirmed, saying what
 * happens; what something still depends on cannot be deleted, and the dialog says what depends on it.
 */
describe.skipIf(skipE2e)(suiteTitle('deleting in settings'), () => {
  let desk: DeskHarness;
  let page: Page;

  beforeAll(async () => {
    desk = await startDesk({ signInAs: { name: 'Sam Supervisor', email: 'sam@northwind.example' } });
    const { core } = desk;
    const office = await call(core, 'calendar/save', { name: 'Office hours', timeZone: 'UTC', hours: OFFICE_HOURS });
    await call(core, 'calendar/save', { name: 'Spare', timeZone: 'UTC', hours: OFFICE_HOURS });
    await call(core, 'sla/savePolicy', {
      name: 'Standard',
      targets: { resolutionMinutes: 480 },
      calendarId: office.id,
    });
    const critical = await call(core, 'sla/savePolicy', {
      name: 'Critical',
      conditions: { priorities: [1] },
      targets: { resolutionMinutes: 60 },
      calendarId: DEFAULT_CALENDAR_ID,
    });
    await call(core, 'rule/save', {
      name: 'Warn on a critical incident',
      enabled: true,
      trigger: { type: 'sla_elapsed', clock: 'resolution', percent: 50 },
      conditions: [{ field: 'slaPolicyId', operator: 'is_any_of', values: [critical.id] }],
      actions: [{ type: 'add_note', text: 'Half the time is gone.' }],
    });
    const received = await call(core, 'template/save', {
      name: 'Received',
      subject: 'We have your request',
      body: 'Hello {{reporter.name}}, we have {{incident.number}}.',
    });
    await call(core, 'template/save', { name: 'Old notice', subject: 'Notice', body: 'Nothing to say.' });
    await call(core, 'rule/save', {
      name: 'Acknowledge new incidents',
      enabled: true,
      trigger: { type: 'incident_created', channels: ['email'] },
      conditions: [],
      actions: [{ type: 'send_template', templateId: received.id, to: 'reporter' }],
    });
    page = await desk.openPage();
    await page.getByRole('grid', { name: 'Incidents' }).waitFor();
  });
  afterAll(() => desk?.close());

  /** Opens a Delete button's dialog from the keyboard. */
  const pressDelete = async (name: string) => {
    await page.getByRole('button', { name: `Delete ${name}`, exact: true }).focus();
    await page.keyboard.press('Enter');
  };

  it('deletes a calendar no service level uses, and says which service level uses the other', async () => {
    await page.goto(`${desk.host.url}#/settings/calendars`);
    const table = page.getByRole('table', { name: 'Calendars' });
    await table.getByText('Spare').waitFor();
    const always = page.getByRole('button', { name: 'Delete 24×7', exact: true });
    expect(await always.getAttribute('aria-description')).toBe('The 24×7 calendar cannot be deleted');

    await pressDelete('Office hours');
    const dialog = page.getByRole('dialog', { name: 'Delete calendar' });
    await dialog
      .getByText(
        'Office hours is used by the service level “Standard”. Give it another calendar first, under Service levels.',
      )
      .waitFor();
    expect(await dialog.getByRole('button', { name: 'Delete calendar' }).isDisabled()).toBe(true);
    await snap(page, 'delete-calendar-in-use');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await pressDelete('Spare');
    await dialog.getByText(/Delete “Spare”\? No service level can choose it any more/).waitFor();
    // The focus starts on Cancel: one Tab to the Delete button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => table.getByText('Spare').count(), POLL).toBe(0);
    const names = (await call(desk.core, 'calendar/list', {})).map((c) => c.name);
    expect(names).toEqual(['24×7', 'Office hours']);
  });

  it('deletes a service level no rule names, and says which rule names the other', async () => {
    await page.getByRole('tab', { name: 'Service levels' }).click();
    const table = page.getByRole('table', { name: 'Service levels' });
    await table.getByText('Critical', { exact: true }).waitFor();

    await pressDelete('Critical');
    const dialog = page.getByRole('dialog', { name: 'Delete service level' });
    await dialog
      .getByText('Critical is named by the rule “Warn on a critical incident”. Change it under Automation first.')
      .waitFor();
    expect(await dialog.getByRole('button', { name: 'Delete service level' }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await pressDelete('Standard');
    await dialog.getByText(/take the next service level that matches them/).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => table.getByText('Standard', { exact: true }).count(), POLL).toBe(0);
    expect((await call(desk.core, 'sla/policies', {})).map((p) => p.name)).toEqual(['Critical']);
  });

  it('deletes a template no rule sends, and says which rule sends the other', async () => {
    await page.getByRole('tab', { name: 'Templates' }).click();
    const table = page.getByRole('table', { name: 'Templates' });
    await table.getByText('Old notice', { exact: true }).waitFor();
    // The list's columns are what a template is, and its buttons sit with Edit, not under a "Delete" heading.
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Name', 'Subject', 'Actions']);

    await pressDelete('Received');
    const dialog = page.getByRole('dialog', { name: 'Delete template' });
    await dialog.getByText(/Delete “Received”\? Mail already sent from it stays as it was/).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // The desk refuses, and the dialog says why, where the agent is looking.
    await dialog.getByText('“Received” is sent by “Acknowledge new incidents”; change those rules first.').waitFor();
    await snap(page, 'delete-template-in-use');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await pressDelete('Old notice');
    await dialog.getByText(/Delete “Old notice”\?/).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => table.getByText('Old notice', { exact: true }).count(), POLL).toBe(0);
    const names = (await call(desk.core, 'template/list', {})).map((t) => t.name);
    expect(names).toContain('Received');
    expect(names).not.toContain('Old notice');
  });

  it('shows an agent each Delete greyed, saying why', async () => {
    const alex = await call(desk.core, 'agent/save', {
      name: 'Alex Agent',
      email: 'alex@northwind.example',
      role: 'agent',
      groupIds: [],
      active: true,
    });
    await desk.core.session.signIn(alex.id);
    await page.reload();
    await page.getByTestId('signed-in-agent').filter({ hasText: 'Alex Agent' }).waitFor();
    for (const [tab, item, why] of [
      ['Calendars', 'Office hours', 'Only a supervisor can delete a calendar'],
      ['Service levels', 'Critical', 'Only a supervisor can delete a service level'],
      ['Templates', 'Received', 'Only a supervisor can delete a template'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      const button = page.getByRole('button', { name: `Delete ${item}`, exact: true });
      await button.waitFor();
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      expect(await button.getAttribute('aria-description')).toBe(why);
      await button.click({ force: true });
      expect(await page.getByRole('dialog').count()).toBe(0);
    }
  });
});
