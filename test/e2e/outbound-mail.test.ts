import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/invoke.ts';
import { startTestSmtp } from '../helpers/smtp-server.ts';
import type { TestSmtp } from '../helpers/smtp-server.ts';
import { addMailbox, customerMail, incidentFromMail, mailboxWithOutgoing, parse } from '../outbox/outbox-desk.ts';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

/** Mail goes out in the background: long enough for a loaded machine's sender to get to it. */
const SENT = { ...POLL, timeout: 15_000 } as const;

/**
 * Mail to customers end to end, with a real SMTP server the test starts: an agent replies from a template and
 * watches the reply's state turn to Sent; resolves with cause and notes and sees the resolution mail go; sets
 * a service's subscribers and notifies them of a disruption from the incident.
 */
describe.skipIf(skipE2e)(suiteTitle('outbound mail'), () => {
  let smtp: TestSmtp;
  let desk: DeskHarness;
  let page: Page;
  let mailDir: string;
  let incidentId: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    mailDir = await mkdtemp(path.join(os.tmpdir(), 'desk-e2e-mail-'));
    desk = await startDesk({
      signInAs: { name: 'Sam Supervisor', email: 'sam@desk.test' },
      prepare: async (core) => {
        await addMailbox(core, mailboxWithOutgoing(smtp));
        await call(core, 'template/save', {
          name: 'Technician on the way',
          subject: 'About {{incident.title}}',
          body: 'Hello {{reporter.name}},\n\nA technician is on the way about {{incident.number}}.',
        });
        incidentId = await incidentFromMail({ core, dir: mailDir }, customerMail());
      },
    });
    page = await desk.openPage();
  });
  afterAll(async () => {
    await desk?.close();
    await smtp?.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  const timelineEntry = (text: RegExp) =>
    page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: text });

  it('replies from the incident with a template and a file, and the reply turns to Sent', async () => {
    await page.goto(`${desk.host.url}#/incident/${incidentId}`);
    await page.getByRole('heading', { name: 'The printer on floor 2 jams' }).waitFor();
    await page.keyboard.press('r');
    const composer = page.getByRole('form', { name: 'Public reply' });
    await composer.getByRole('combobox', { name: 'Start from a template' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: 'Technician on the way' }).click();
    const text = composer.getByRole('textbox', { name: 'Reply' });
    await expect
      .poll(() => text.inputValue(), POLL)
      .toMatch(/^Hello Dana Customer,\n\nA technician is on the way about INC-\d+\./);
    const chooser = page.waitForEvent('filechooser');
    await composer.getByRole('button', { name: 'Attach files' }).click();
    await (
      await chooser
    ).setFiles({ name: 'tray-2.txt', mimeType: 'text/plain', buffer: Buffer.from('Roller worn.\n') });
    await composer.getByText('tray-2.txt').waitFor();
    await snap(page, 'reply-composer');
    await text.focus();
    await page.keyboard.press('Control+Enter');
    const reply = timelineEntry(/replied to dana@northwind\.example/);
    await expect.poll(() => reply.getByTestId('delivery-state').innerText(), SENT).toBe('Sent');
    // The reply reads as written, line by line (plain text, never HTML), with the file that went with it.
    expect(await reply.innerText()).toMatch(/Hello Dana Customer,\n\nA technician is on the way about INC-\d+\./);
    const file = reply.getByRole('list', { name: 'Files' }).getByRole('listitem');
    expect(await file.allInnerTexts()).toEqual([expect.stringMatching(/^tray-2\.txt\s+13 bytes/)]);
    const download = page.waitForEvent('download');
    await file.getByRole('button', { name: 'Save tray-2.txt' }).click();
    expect((await download).suggestedFilename()).toBe('tray-2.txt');
    await snap(page, 'reply-sent');
    const mail = await parse(smtp.received.find((m) => m.raw.toString().includes('A technician is on the way'))!.raw);
    expect(mail.subject).toMatch(/^\[INC-\d+\] Re: The printer on floor 2 jams$/);
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['tray-2.txt', 'Roller worn.\n']]);
  });

  it('resolves with cause and notes, and the resolution mail goes to the reporter', async () => {
    await page.getByRole('toolbar', { name: 'Incident actions' }).getByRole('button', { name: 'Resolve' }).click();
    const dialog = page.getByRole('dialog', { name: /Resolve/ });
    await dialog.getByRole('combobox', { name: /Resolution code/ }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option').first().click();
    await dialog.getByRole('textbox', { name: /Cause/ }).fill('A worn pick-up roller in tray 2');
    await dialog.getByRole('textbox', { name: /Resolution notes/ }).fill('Replaced the roller; printed 50 pages.');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    const resolution = timelineEntry(/sent an automatic mail to dana@northwind\.example/).filter({
      hasText: /resolved/i,
    });
    await expect.poll(() => resolution.getByTestId('delivery-state').innerText(), SENT).toBe('Sent');
    await snap(page, 'resolution-mail');
    const texts = await Promise.all(smtp.received.map(async (m) => (await parse(m.raw)).text ?? ''));
    expect(texts.some((text) => text.includes('What caused it: A worn pick-up roller in tray 2'))).toBe(true);
  });

  it('tells a service’s subscribers of a disruption from the incident', async () => {
    const contact = await call(desk.core, 'contact/save', {
      name: 'Lee Branch',
      email: 'lee@branch.example',
      phone: null,
      organisation: 'Branch Office',
    });
    const service = await call(desk.core, 'service/save', { name: 'Printing', description: '' });
    await page.goto(`${desk.host.url}#/settings/services`);
    await page.getByRole('button', { name: 'Edit Printing' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit service' });
    await editor.getByLabel('Contacts').fill('Lee');
    await page.getByRole('option', { name: /Lee Branch/ }).click();
    await snap(page, 'service-subscribers');
    await editor.getByRole('button', { name: 'Save service' }).click();
    await editor.waitFor({ state: 'detached' });
    await page
      .getByRole('table', { name: 'Services' })
      .getByRole('row', { name: /Printing.*1 contact/ })
      .waitFor();

    const reopened = await call(desk.core, 'incident/create', {
      title: 'Nobody can print at the branch',
      channel: 'phone',
      impact: 2,
      urgency: 2,
    });
    await call(desk.core, 'incident/update', { id: reopened.incident.id, fields: { serviceId: service.id } });
    await page.goto(`${desk.host.url}#/incident/${reopened.incident.id}`);
    await page.getByRole('button', { name: 'Notify affected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Notify affected' });
    await dialog.getByText('Lee Branch <lee@branch.example>').waitFor();
    const subject = dialog.getByRole('textbox', { name: 'Subject' });
    await expect.poll(() => subject.inputValue(), POLL).toBe('Service disruption: Printing');
    await snap(page, 'notify-affected');
    await dialog.getByRole('button', { name: 'Send disruption notice' }).click();
    await dialog.waitFor({ state: 'detached' });
    await timelineEntry(/sent a disruption notice to 1 subscriber/).waitFor();
    await expect.poll(() => smtp.received.some((m) => m.to.includes(contact.email!)), SENT).toBe(true);
    await snap(page, 'notice-on-timeline');
  });
});
