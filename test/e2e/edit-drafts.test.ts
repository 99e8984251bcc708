import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentDraftKey } from '#shared/domain/workstation.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { call } from '../helpers/invoke.ts';
import { addMailbox, customerMail, incidentFromMail, mailboxWithOutgoing } from '../outbox/outbox-desk.ts';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

/**
 * Edits not saved yet survive leaving the incident and reloading the page: the title and description being
 * changed, and what the agent wrote in the resolution dialog. Each kept on this workstation until saved,
 * resolved, or thrown away on purpose.
 */
describe.skipIf(skipE2e)(suiteTitle('drafts of edits to an incident'), () => {
  let desk: DeskHarness;
  let page: Page;
  let incidentId: string;
  let mailIncidentId: string;
  let mailDir: string;

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(os.tmpdir(), 'desk-e2e-drafts-'));
    desk = await startDesk({
      signInAs: { name: 'Ana Ortiz', email: 'ana@desk.test' },
      prepare: async (core) => {
        // Nothing is sent in these tests: the outgoing server's address is never reached.
        await addMailbox(core, mailboxWithOutgoing({ host: '127.0.0.1', port: 9 }));
        mailIncidentId = await incidentFromMail({ core, dir: mailDir }, customerMail());
      },
    });
    const created = await call(desk.core, 'incident/create', {
      title: 'Printer offline',
      description: 'Floor 2.',
      channel: 'phone',
      impact: 3,
      urgency: 3,
    });
    incidentId = created.incident.id;
    page = await desk.openPage();
  });
  afterAll(async () => {
    await desk?.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  const draftOf = async (part: 'summary' | 'resolution') =>
    (await desk.core.handlers['draft/get']({ key: incidentDraftKey(incidentId, part) }))?.value ?? null;
  const summary = () => page.getByRole('form', { name: 'Title and description' });

  async function openIncident(): Promise<void> {
    await page.goto(`${desk.host.url}#/incident/${incidentId}`);
    await page.getByRole('toolbar', { name: 'Incident actions' }).waitFor();
  }
  async function leaveAndComeBack(how: 'navigate' | 'reload'): Promise<void> {
    if (how === 'navigate') {
      await page.goto(`${desk.host.url}#/queue`);
      await page.getByRole('grid', { name: 'Incidents' }).waitFor();
    } else {
      await page.reload();
    }
    await openIncident();
  }

  it('keeps an unsaved title and description through leaving and a reload, until saved', async () => {
    await openIncident();
    await summary().getByLabel('Title').fill('Printer offline after the firmware update');
    await summary().getByLabel('Description').fill('Floor 2.\nSince the update on Monday.');
    await expect
      .poll(() => draftOf('summary'), POLL)
      .toEqual({
        title: 'Printer offline after the firmware update',
        description: 'Floor 2.\nSince the update on Monday.',
      });
    for (const how of ['navigate', 'reload'] as const) {
      await leaveAndComeBack(how);
      await expect
        .poll(() => summary().getByLabel('Title').inputValue(), POLL)
        .toBe('Printer offline after the firmware update');
      expect(await summary().getByLabel('Description').inputValue()).toBe('Floor 2.\nSince the update on Monday.');
      await summary().getByText('Your unsaved changes are back').waitFor();
    }
    await snap(page, 'drafts-summary-restored');
    await summary().getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => draftOf('summary'), POLL).toBeNull();
    expect((await call(desk.core, 'incident/get', { id: incidentId })).incident.title).toBe(
      'Printer offline after the firmware update',
    );
  });

  it('keeps the resolution dialog’s cause and notes through Esc, leaving and a reload, until resolved', async () => {
    const actions = page.getByRole('toolbar', { name: 'Incident actions' });
    const dialog = page.getByRole('dialog', { name: 'Resolve' });
    const openResolve = async (): Promise<Locator> => {
      await actions.getByRole('button', { name: 'Resolve' }).click();
      await dialog.waitFor();
      return dialog;
    };
    await openResolve();
    await dialog.getByRole('textbox', { name: /Cause/ }).fill('A failed firmware update');
    await dialog.getByRole('textbox', { name: /Resolution notes/ }).fill('Rolled back to 4.2.\nPrinted a test page.');
    await expect
      .poll(() => draftOf('resolution'), POLL)
      .toMatchObject({ cause: 'A failed firmware update', notes: 'Rolled back to 4.2.\nPrinted a test page.' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    for (const how of ['navigate', 'reload'] as const) {
      await leaveAndComeBack(how);
      await openResolve();
      await expect
        .poll(() => dialog.getByRole('textbox', { name: /Cause/ }).inputValue(), POLL)
        .toBe('A failed firmware update');
      expect(await dialog.getByRole('textbox', { name: /Resolution notes/ }).inputValue()).toBe(
        'Rolled back to 4.2.\nPrinted a test page.',
      );
      await dialog.getByText('Your unsent resolution is back').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
    await openResolve();
    await snap(page, 'drafts-resolution-restored');
    await dialog.getByRole('combobox', { name: /Resolution code/ }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option').first().click();
    await dialog.getByRole('textbox', { name: /Cause/ }).focus();
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => draftOf('resolution'), POLL).toBeNull();
    expect((await call(desk.core, 'incident/get', { id: incidentId })).incident).toMatchObject({
      status: 'resolved',
      cause: 'A failed firmware update',
      resolutionNotes: 'Rolled back to 4.2.\nPrinted a test page.',
    });
  });

  it('keeps a reply being written through leaving and a reload, line breaks and all', async () => {
    const composer = page.getByRole('form', { name: 'Public reply' });
    const openReply = async () => {
      await page.goto(`${desk.host.url}#/incident/${mailIncidentId}`);
      await page.getByRole('heading', { name: 'The printer on floor 2 jams' }).waitFor();
      await page.keyboard.press('r');
      return composer.getByRole('textbox', { name: 'Reply' });
    };
    const body = await openReply();
    await body.fill('Hello Dana,\n\nA technician comes at 2 pm.');
    await expect
      .poll(
        async () => (await desk.core.handlers['draft/get']({ key: incidentDraftKey(mailIncidentId, 'reply') }))?.value,
        POLL,
      )
      .toEqual({ body: 'Hello Dana,\n\nA technician comes at 2 pm.' });
    await page.goto(`${desk.host.url}#/queue`);
    await page.getByRole('grid', { name: 'Incidents' }).waitFor();
    await expect
      .poll(async () => (await openReply()).inputValue(), POLL)
      .toBe('Hello Dana,\n\nA technician comes at 2 pm.');
    await page.reload();
    await expect
      .poll(async () => (await openReply()).inputValue(), POLL)
      .toBe('Hello Dana,\n\nA technician comes at 2 pm.');
  });
});
