import type { Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/invoke.ts';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

/** A file as the page's drop hands it over: a name, a type, bytes. */
interface DroppedFile {
  readonly name: string;
  readonly type: string;
  readonly text: string;
}

/** Drops files on `target` as the operating system would: dragenter, dragover, then drop with a DataTransfer. */
async function dropFiles(page: Page, target: Locator, files: readonly DroppedFile[]): Promise<void> {
  // A string, as the page runs it: the test's own types know nothing of the browser's DataTransfer.
  const dataTransfer = await page.evaluateHandle(`(() => {
    const transfer = new DataTransfer();
    for (const file of ${JSON.stringify(files)}) transfer.items.add(new File([file.text], file.name, { type: file.type }));
    return transfer;
  })()`);
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
}

const isFileResponse = (response: Response) => new URL(response.url()).pathname.startsWith('/api/files/incident/');

/**
 * Files on incidents end to end: chosen with the keyboard and dropped, in the new-incident dialog and on an
 * incident; each on the timeline with who added it and its size; saved and opened as downloads the page never
 * renders itself.
 */
describe.skipIf(skipE2e)(suiteTitle('files on incidents'), () => {
  let desk: DeskHarness;
  let page: Page;
  let incidentId: string;

  beforeAll(async () => {
    desk = await startDesk({ signInAs: { name: 'Ana Ortiz', email: 'ana@desk.test' } });
    const created = await call(desk.core, 'incident/create', {
      title: 'Scanner saves blank pages',
      channel: 'phone',
      impact: 3,
      urgency: 3,
    });
    incidentId = created.incident.id;
    page = await desk.openPage();
  });
  afterAll(() => desk?.close());

  const timeline = () => page.getByRole('list', { name: 'Timeline' });
  const entry = (text: RegExp) => timeline().getByRole('listitem').filter({ hasText: text });

  it('adds a file chosen from the keyboard, and saves it as a download with safe headers', async () => {
    await page.goto(`${desk.host.url}#/incident/${incidentId}`);
    await page.getByRole('heading', { name: 'Scanner saves blank pages' }).waitFor();
    await page.getByText('Up to 20 files at once, 25 MB each, or drop them on the incident').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach files' }).focus();
    await page.keyboard.press('Enter');
    await (
      await chooser
    ).setFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 scan report') });
    const added = entry(/Ana Ortiz attached report\.pdf \(20 bytes\)/);
    await added.waitFor();
    await snap(page, 'incident-file-added');

    const response = page.waitForResponse(isFileResponse);
    const download = page.waitForEvent('download');
    await added.getByRole('button', { name: 'Save report.pdf' }).click();
    const headers = (await response).headers();
    expect(headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'no-store',
    });
    expect((await download).suggestedFilename()).toBe('report.pdf');

    const tab = page.waitForEvent('popup');
    await added.getByRole('button', { name: 'Open report.pdf' }).click();
    expect((await tab).url()).toMatch(/^blob:/);
    await (await tab).close();
  });

  it('adds files dropped on the incident, their names cleaned, a page only ever saved', async () => {
    await dropFiles(page, page.getByTestId('incident-drop-zone'), [
      { name: '..\\..\\steal.html', type: 'text/html', text: '<script>alert(document.cookie)</script>' },
      { name: 'CON', type: 'text/plain', text: 'device name' },
    ]);
    const page1 = entry(/attached steal\.html/);
    await page1.waitFor();
    await entry(/attached _CON/).waitFor();
    // A page is never shown: it has no Open, and its download is opaque bytes.
    expect(await page1.getByRole('button', { name: 'Open steal.html' }).count()).toBe(0);
    const response = page.waitForResponse(isFileResponse);
    await page1.getByRole('button', { name: 'Save steal.html' }).click();
    expect((await response).headers()).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="steal.html"; filename*=UTF-8''steal.html`,
    });
  });

  it('refuses an empty file before sending anything, saying why', async () => {
    await dropFiles(page, page.getByTestId('incident-drop-zone'), [
      { name: 'empty.log', type: 'text/plain', text: '' },
    ]);
    await page.getByText('empty.log is empty: there is nothing to add').waitFor();
    expect(await entry(/attached empty\.log/).count()).toBe(0);
  });

  it('creates an incident with files chosen and dropped in the dialog', async () => {
    await page.getByRole('button', { name: 'New incident' }).click();
    const dialog = page.getByRole('dialog', { name: 'New incident' });
    await dialog.getByLabel('Title').fill('Badge reader rejects cards');
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'reader.log',
      mimeType: 'text/plain',
      buffer: Buffer.from('E42 timeout\n'),
    });
    await dropFiles(page, dialog.getByTestId('new-incident-drop-zone'), [
      { name: 'photo.png', type: 'image/png', text: 'not really a png' },
    ]);
    const chosen = dialog.getByRole('list', { name: 'Files to add' });
    await expect
      .poll(() => chosen.getByRole('listitem').allInnerTexts(), POLL)
      .toEqual([expect.stringContaining('reader.log'), expect.stringContaining('photo.png')]);
    await snap(page, 'new-incident-files');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Badge reader rejects cards' }).waitFor();
    await entry(/Ana Ortiz attached reader\.log \(12 bytes\)/).waitFor();
    await entry(/Ana Ortiz attached photo\.png \(16 bytes\)/).waitFor();
  });
});
