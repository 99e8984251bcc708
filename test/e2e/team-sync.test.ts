import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVISIONAL_NUMBER_HINT } from '#shared/domain/incident.ts';
import type { Core } from '#core/index.ts';
import { startHub } from '../../hub/index.ts';
import type { Hub } from '../../hub/index.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestAgent, TestHub } from '../helpers/hub.ts';
import { POLL, skipE2e, snap as snapScreen, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

const SHARED = 'VPN drops every few minutes';
const ALEX_OFFLINE = 'Printer on floor 2 prints blank pages';
const PRIYA_OFFLINE = 'Shared drive is full';
const PRIYA_EMAIL = 'priya.raman@desk.example';
/** A hub number as the queue shows it once the hub has given it: no star. */
const REAL_NUMBER = /^INC-\d+$/;

function snap(page: Page, name: string): Promise<void> {
  return snapScreen(page, `team-sync-${name}`);
}

/**
 * Stops a workstation's sync and waits for the status it publishes on the way out. SyncEngine.stop() gives
 * up the automation lease and publishes `automation: false` without awaiting it, so closing the core right
 * after (as core.close() does) can destroy the store under that publish (an unhandled "driver has already been
 * destroyed"). Reported as a core fix; until then the suite lets the publish land first.
 */
async function stopSyncQuietly(core: Core): Promise<void> {
  const settled = core.sync.status.automation
    ? new Promise<void>((resolve) => {
        const timer = setTimeout(finish, 2_000);
        const stop = core.subscribe('sync/state', (status) => {
          if (!status.automation) finish();
        });
        function finish() {
          clearTimeout(timer);
          stop();
          resolve();
        }
      })
    : Promise.resolve();
  await core.sync.stop();
  await settled;
}

function syncStatus(page: Page): Locator {
  return page.getByTestId('sync-status');
}

function statusBar(page: Page): Locator {
  return page.getByRole('contentinfo', { name: 'Team sync' });
}

function queueRow(page: Page, title: string): Locator {
  return page.getByRole('grid', { name: 'Incidents' }).getByRole('row', { name: new RegExp(title) });
}

async function openQueue(page: Page, view: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: new RegExp(`^${view}`) })
    .click();
  await page.getByRole('heading', { name: view }).waitFor();
}

async function openTeamHubTab(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Team hub' }).click();
}

/** Logs an incident through the New incident form; the desk then opens it. */
async function createIncident(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New incident' }).click();
  const form = page.getByRole('dialog', { name: 'New incident' });
  await form.getByLabel('Title').fill(title);
  await form.getByRole('button', { name: 'Create' }).click();
}

async function renameIncident(page: Page, from: string, to: string): Promise<void> {
  await openQueue(page, 'All open');
  await queueRow(page, from).click();
  const form = page.getByRole('form', { name: 'Title and description' });
  await form.getByLabel('Title').fill(to);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { name: to }).waitFor();
}

async function rowNumber(page: Page, title: string): Promise<string> {
  // The number's cell, wherever it stands (the tick box for bulk changes comes first).
  const cell = queueRow(page, title)
    .getByRole('gridcell')
    .filter({ hasText: /^\s*INC-/ });
  return (await cell.first().innerText()).trim();
}

describe.skipIf(skipE2e)(suiteTitle('team sync between two workstations and a hub'), () => {
  let hub: TestHub;
  /** The hub started again on the same database and port, after the offline spell. */
  let restarted: Hub | null = null;
  let hubRunning = false;
  let alex: TestAgent;
  let alexDesk: DeskHarness;
  let priyaDesk: DeskHarness;
  let alexPage: Page;
  let priyaPage: Page;
  /** The device token Alex issues for Priya through the admin section. */
  let priyaToken = '';

  beforeAll(async () => {
    hub = await startTestHub();
    hubRunning = true;
    alex = await hub.addAgent('Alex Morgan', 'admin');
    // Alex's workstation was connected before the test: through the contract, as the CLI would.
    alexDesk = await startDesk({
      prepare: async (core) => {
        const connected = await core.invoke('sync/connect', { hubUrl: hub.url, token: alex.token });
        if (!connected.ok) throw new Error(connected.error.message);
        await core.sync.syncNow();
        await core.session.signIn(alex.id);
      },
    });
    // Priya has worked on her own so far; she joins the team through the Team hub tab.
    priyaDesk = await startDesk({ signInAs: { name: 'Priya Raman', email: PRIYA_EMAIL } });
    alexPage = await alexDesk.openPage();
    priyaPage = await priyaDesk.openPage();
  });

  afterAll(async () => {
    for (const desk of [alexDesk, priyaDesk]) {
      if (!desk) continue;
      await stopSyncQuietly(desk.core);
      await desk.close();
    }
    if (restarted) await restarted.close();
    else if (hubRunning) await hub?.close();
  });

  it('shows a local workspace as local, and a connected one as online', async () => {
    await expect.poll(() => syncStatus(priyaPage).innerText(), POLL).toBe('Local workspace');
    await statusBar(priyaPage).getByRole('link', { name: 'Connect to a team hub' }).waitFor();
    expect(await statusBar(priyaPage).getByRole('button', { name: 'Sync now' }).count()).toBe(0);

    await expect.poll(() => syncStatus(alexPage).innerText(), POLL).toBe('Online');
    expect(await statusBar(alexPage).innerText()).toMatch(/Last synced just now/);
    expect(await statusBar(alexPage).getAttribute('title')).toContain(
      `Connected to the Service Desk team hub at ${hub.url}`,
    );
    await snap(alexPage, 'online-queue');
  });

  it('lets an admin add an agent to the team and issue their device token, shown once', async () => {
    const page = alexPage;
    await openTeamHubTab(page);
    await expect.poll(() => page.getByTestId('hub-status').innerText(), POLL).toBe('Online');
    const team = page.getByRole('table', { name: 'Team members on the hub' });
    await team.getByRole('row', { name: /Alex Morgan/ }).waitFor();

    await page.getByRole('button', { name: 'Add agent to the team' }).click();
    const add = page.getByRole('dialog', { name: 'Add agent to the team' });
    await add.getByLabel('Name').fill('Priya Raman');
    await add.getByLabel('Email').fill('not an address');
    await add.getByRole('button', { name: 'Add agent' }).click();
    await add.getByText('Must be an email address').waitFor();
    await add.getByLabel('Email').fill(PRIYA_EMAIL);
    await add.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Supervisor', exact: true }).click();
    await add.getByRole('button', { name: 'Add agent' }).click();
    await add.waitFor({ state: 'detached' });
    await team.getByRole('row', { name: /Priya Raman.*Supervisor/ }).waitFor();

    await team.getByRole('button', { name: 'Issue a device token for Priya Raman' }).click();
    const issue = page.getByRole('dialog', { name: 'Device token for Priya Raman' });
    await issue.getByLabel('Device name').fill("Priya's workstation");
    await issue.getByRole('button', { name: 'Issue token' }).click();
    await issue.getByRole('alert').filter({ hasText: 'it will not be shown again' }).waitFor();
    priyaToken = await issue.getByLabel('Device token').inputValue();
    expect(priyaToken.length).toBeGreaterThanOrEqual(10);
    await issue.getByRole('button', { name: 'Copy token' }).waitFor();
    await snap(page, 'token-issued');
    await issue.getByRole('button', { name: 'Done' }).click();
    await issue.waitFor({ state: 'detached' });
    await snap(page, 'admin-connected');
  });

  it('connects a local workspace through the Team hub tab, saying why a wrong token is refused', async () => {
    const page = priyaPage;
    await openTeamHubTab(page);
    const form = page.getByRole('form', { name: 'Connect to a team hub' });
    await form.getByRole('button', { name: 'Connect' }).click();
    await form.getByText('Must be the hub address').waitFor();

    await form.getByLabel('Hub address').fill(hub.url);
    await form.getByLabel('Device token').fill('not-a-token-anyone-issued');
    await form.getByRole('button', { name: 'Connect' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: /The hub refused/ })
      .waitFor();
    await snap(page, 'connect-refused');

    await form.getByLabel('Device token').fill(priyaToken);
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => syncStatus(page).innerText(), POLL).toBe('Online');
    await expect.poll(() => page.getByTestId('hub-status').innerText(), POLL).toBe('Online');
    expect(await page.getByRole('definition').filter({ hasText: 'Service Desk' }).count()).toBe(1);
    // Priya is a supervisor on the hub, not an admin: the hub says no, and the tab says so plainly.
    await page.getByTestId('hub-admin-refused').filter({ hasText: 'Only a team admin can manage the team' }).waitFor();
    await snap(page, 'connected-not-admin');
  });

  it('shows an incident made on one workstation in the other’s queue within a second', async () => {
    await openQueue(priyaPage, 'All open');
    await openQueue(alexPage, 'All open');
    await createIncident(alexPage, SHARED);
    await queueRow(priyaPage, SHARED).waitFor({ timeout: 1_000 });
    await expect.poll(() => rowNumber(priyaPage, SHARED), POLL).toMatch(REAL_NUMBER);
    await alexPage.getByRole('heading', { name: SHARED }).waitFor();
  });

  it('keeps both workstations working while the hub is away, with provisional numbers', async () => {
    const port = hub.hub.port;
    await hub.close();
    hubRunning = false;

    await createIncident(alexPage, ALEX_OFFLINE);
    await alexPage.getByRole('heading', { name: ALEX_OFFLINE }).waitFor();
    const number = alexPage.getByTestId('incident-number').locator('[data-provisional]');
    expect(await number.innerText()).toMatch(/^INC-\d+\*$/);
    expect(await number.getAttribute('title')).toBe(PROVISIONAL_NUMBER_HINT);
    expect(await number.getAttribute('aria-description')).toBe(PROVISIONAL_NUMBER_HINT);
    await snap(alexPage, 'offline-incident');
    await renameIncident(alexPage, SHARED, 'VPN drops (Alex)');

    await createIncident(priyaPage, PRIYA_OFFLINE);
    await priyaPage.getByRole('heading', { name: PRIYA_OFFLINE }).waitFor();
    await renameIncident(priyaPage, SHARED, 'VPN drops (Priya)');

    for (const page of [alexPage, priyaPage]) {
      await expect.poll(() => syncStatus(page).innerText(), POLL).toMatch(/^Offline, (1 change|\d+ changes) waiting$/);
      expect(await statusBar(page).getAttribute('title')).toContain('Your work is saved on this computer');
    }
    await openQueue(alexPage, 'All open');
    await expect.poll(() => rowNumber(alexPage, ALEX_OFFLINE), POLL).toMatch(/^INC-\d+\*$/);
    await snap(alexPage, 'offline-queue');
    expect(port).toBeGreaterThan(0);
    restarted = await startHub({
      dataDir: '/nonexistent-embedded-not-used',
      databaseUrl: hub.hub.database.url,
      port,
      rateLimit: { perSecond: 10_000, burst: 10_000 },
    });
  });

  it('converges when the hub is back: real numbers everywhere, and the replaced change told in words', async () => {
    // The engine backs off for up to a minute while the hub is away; an agent who will not wait says "Sync now".
    for (const page of [priyaPage, alexPage, priyaPage]) {
      await statusBar(page).getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => syncStatus(page).innerText(), POLL).toBe('Online');
    }
    await openQueue(priyaPage, 'All open');
    await openQueue(alexPage, 'All open');
    await expect.poll(() => rowNumber(alexPage, PRIYA_OFFLINE), POLL).toMatch(REAL_NUMBER);
    await expect.poll(() => rowNumber(alexPage, ALEX_OFFLINE), POLL).toMatch(REAL_NUMBER);
    await expect.poll(() => rowNumber(priyaPage, ALEX_OFFLINE), POLL).toMatch(REAL_NUMBER);
    await expect.poll(() => rowNumber(priyaPage, PRIYA_OFFLINE), POLL).toMatch(REAL_NUMBER);
    for (const page of [alexPage, priyaPage]) {
      await queueRow(page, 'VPN drops \\(Priya\\)').waitFor();
      expect(await queueRow(page, 'VPN drops \\(Alex\\)').count()).toBe(0);
    }

    // Priya's rename came later, so it won; Alex is told what happened to his.
    const sharedNumber = await rowNumber(alexPage, 'VPN drops \\(Priya\\)');
    const notice = alexPage.getByTestId('toast').filter({ hasText: 'Replaced by a later change' });
    await notice
      .getByText(
        `Your change to the title of ${sharedNumber} was replaced by Priya Raman's later change (“VPN drops (Priya)”).`,
      )
      .waitFor();
    await snap(alexPage, 'overwritten-toast');
    await notice.getByRole('link', { name: `Open ${sharedNumber}` }).click();
    await alexPage.getByRole('heading', { name: 'VPN drops (Priya)' }).waitFor();
    expect(await alexPage.getByTestId('incident-number').innerText()).toBe(sharedNumber);

    await openTeamHubTab(alexPage);
    await alexPage
      .getByRole('list', { name: 'Replaced changes' })
      .getByText(`Your change to the title of ${sharedNumber} was replaced`)
      .waitFor();
    await snap(alexPage, 'replaced-changes');
  });

  it('disconnects only after asking, and the workspace keeps everything it has', async () => {
    const page = priyaPage;
    await openTeamHubTab(page);
    await page.getByRole('button', { name: 'Disconnect…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect from the team hub?' });
    await dialog.getByText(/keeps all its incidents/).waitFor();
    await page.waitForTimeout(300); // Only for the picture: the dialog fades in.
    await snap(page, 'disconnect-dialog');
    await dialog.getByRole('button', { name: 'Stay connected' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await syncStatus(page).innerText()).toBe('Online');

    await page.getByRole('button', { name: 'Disconnect…' }).click();
    await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => syncStatus(page).innerText(), POLL).toBe('Local workspace');
    await page.getByRole('form', { name: 'Connect to a team hub' }).waitFor();
    await openQueue(page, 'All open');
    for (const title of ['VPN drops \\(Priya\\)', ALEX_OFFLINE, PRIYA_OFFLINE]) await queueRow(page, title).waitFor();
  });
});
