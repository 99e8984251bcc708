import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, skipE2e, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

/** One desk call as the page made it, and whether the queue was still on the page at that moment. */
interface Asked {
  readonly name: string;
  readonly input: unknown;
  readonly queueOnPage: boolean;
  /** The screen's heading at that moment (the view's name on the queue). */
  readonly heading: string | null;
}

/** The little of the page this test's in-page code touches (the test is compiled without the DOM's types). */
interface PageGlobals {
  fetch(resource: unknown, init?: { body?: unknown }): Promise<unknown>;
  deskCalls: Asked[];
  /** For each history entry the page pushed: whether the queue was still on the page. */
  pushedWithQueue: boolean[];
  history: { pushState(...args: unknown[]): void };
  document: { getElementById(id: string): unknown; querySelector(selector: string): { textContent: string } | null };
}

/** Runs in the page before the app: every desk call is noted as it leaves (the web bridge calls fetch). */
function noteDeskCalls(): void {
  // The test's code runs in the page, where globalThis is the window.
  const page = globalThis as unknown as PageGlobals;
  const calls: Asked[] = [];
  page.deskCalls = calls;
  const fetchNow = page.fetch.bind(page);
  page.fetch = (resource, init) => {
    const url = String((resource as { url?: string }).url ?? resource);
    const at = url.indexOf('/api/invoke/');
    if (at >= 0) {
      calls.push({
        name: decodeURIComponent(url.slice(at + '/api/invoke/'.length)),
        input: JSON.parse(typeof init?.body === 'string' ? init.body : 'null') as unknown,
        queueOnPage: page.document.getElementById('queue-grid') !== null,
        heading: page.document.querySelector('main h1')?.textContent ?? null,
      });
    }
    return fetchNow(resource, init);
  };
  page.pushedWithQueue = [];
  const pushNow = page.history.pushState.bind(page.history);
  page.history.pushState = (...args) => {
    page.pushedWithQueue.push(page.document.getElementById('queue-grid') !== null);
    pushNow(...args);
  };
}

function askedSince(page: Page, from: number): Promise<Asked[]> {
  return page.evaluate<Asked[], number>((start) => (globalThis as unknown as PageGlobals).deskCalls.slice(start), from);
}

function askedSoFar(page: Page): Promise<number> {
  return page.evaluate<number>('window.deskCalls.length');
}

/**
 * What the page asks of the desk and draws for the two moves an agent makes all day, a filter change and an
 * incident opened from the queue: nothing twice, nothing drawn for nobody, nothing asked late.
 */
describe.skipIf(skipE2e)(suiteTitle('what a filter change and an opened incident cost'), () => {
  let desk: DeskHarness;
  let page: Page;
  let nav: Locator;
  let grid: Locator;

  beforeAll(async () => {
    desk = await startDesk({ demoIncidents: 300 });
    page = await desk.openPage({ initScript: noteDeskCalls });
    nav = page.getByRole('navigation', { name: 'Queues' });
    grid = page.getByRole('grid', { name: 'Incidents' });
    await nav.getByRole('button', { name: /^All open/ }).click();
    await page.locator('#queue-grid[aria-busy="false"] [role="row"][aria-rowindex="2"] a').waitFor();
  });
  afterAll(() => desk?.close());

  it('asks for the rows of a new view once, whatever their number, and before drawing the view', async () => {
    // Views of different sizes: the grid's range changes when the answer comes, which asked for it again.
    let before = 'All open';
    for (const view of ['My open', 'All open', 'Recently resolved', 'Unassigned', 'All open']) {
      const from = await askedSoFar(page);
      await nav.getByRole('button', { name: new RegExp(`^${view}`) }).click();
      await page.getByRole('heading', { name: view }).waitFor();
      await page.locator('#queue-grid[aria-busy="false"]').waitFor();
      // Long enough for a second question to have left, were there one (it followed the first answer at once).
      await page.waitForTimeout(300);
      const firstPages = (await askedSince(page, from)).filter(
        (call) => call.name === 'queue/page' && (call.input as { offset: number }).offset === 0,
      );
      expect(firstPages, view).toHaveLength(1);
      // Asked from the click itself, while the screen still showed the view before: the answer is on its way
      // while the screens are drawn for the new one.
      expect(firstPages[0]!.heading, view).toBe(before);
      before = view;
    }
  });

  it('draws a filter menu’s options only while it is open, the first one highlighted for the keyboard', async () => {
    const options = page.locator('[data-combobox-option]');
    expect(await options.count()).toBe(0);
    await page.getByRole('button', { name: /^Status:/ }).click();
    const listed = page.getByRole('listbox', { name: 'Status' }).getByRole('option');
    await expect.poll(() => listed.count(), POLL).toBeGreaterThan(3);
    await expect.poll(() => listed.first().getAttribute('data-combobox-selected'), POLL).not.toBeNull();
    await page.keyboard.press('Enter');
    await page.getByText('Filters changed').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => options.count(), POLL).toBe(0);
    await nav.getByRole('button', { name: /^All open/ }).click();
    await page.locator('#queue-grid[aria-busy="false"] [role="row"][aria-rowindex="2"] a').waitFor();
  });

  it('asks for an incident as the agent opens it, before the queue has given way, and only once', async () => {
    const from = await askedSoFar(page);
    await page.evaluate('window.pushedWithQueue.length = 0');
    const number = (await grid.locator('[role="row"][aria-rowindex="2"]').innerText()).match(/INC-\d+/)![0];
    await grid.locator('[role="row"][aria-rowindex="2"]').click();
    await page.getByTestId('incident-number').filter({ hasText: number }).waitFor();
    await page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first().waitFor();
    const gets = (await askedSince(page, from)).filter((call) => call.name === 'incident/get');
    expect(gets).toHaveLength(1);
    expect(gets[0]!.queueOnPage).toBe(true);
    // The history entry is pushed once the queue has given way, not in the click: Chromium's pushState waits
    // on the browser process, and the screen the agent asked for waited with it.
    expect(await page.evaluate<boolean[]>('window.pushedWithQueue.splice(0)')).toEqual([false]);
    expect(await page.evaluate<string>('location.hash')).toContain('incident');
    // The incident screen's selects draw their options when opened, not for every render of the screen.
    expect(await page.locator('[data-combobox-option]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await grid.waitFor();
  });

  it('draws the header and the status bar around the screens only once when an incident is opened and closed', async () => {
    // React keeps each element's props on the element; a component drawn again gives its elements new ones.
    const propsOf = (selector: string) =>
      `(() => { const element = document.querySelector(${JSON.stringify(selector)});
        return element[Object.keys(element).find((key) => key.startsWith('__reactProps$'))]; })()`;
    const around = ['body > #root header', 'footer[aria-label="Team sync"]'];
    await page.evaluate(`window.propsBefore = [${around.map(propsOf).join(', ')}]`);
    await grid.locator('[role="row"][aria-rowindex="4"]').click();
    await page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first().waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#queue-grid[aria-busy="false"] [role="row"][aria-rowindex="2"] a').waitFor();
    const unchanged = await page.evaluate<boolean[]>(
      `[${around.map(propsOf).join(', ')}].map((props, i) => props === window.propsBefore[i])`,
    );
    expect(unchanged).toEqual([true, true]);
  });

  it('draws no dialog of an opened incident until it is opened', async () => {
    // A closed Mantine Modal still mounts its root in the page's portal; the shell's own closed dialogs are there already.
    const dialogs = page.locator('.mantine-Modal-root');
    const aroundTheScreens = await dialogs.count();
    await grid.locator('[role="row"][aria-rowindex="5"]').click();
    await page.locator('aside[aria-label="Incident properties"] input').first().waitFor();
    expect(await dialogs.count()).toBe(aroundTheScreens);
    await page.getByRole('button', { name: 'Override priority' }).click();
    await page.getByRole('dialog', { name: 'Override priority' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialogs.count(), POLL).toBe(aroundTheScreens);
    await page.keyboard.press('Escape');
    await page.locator('#queue-grid[aria-busy="false"] [role="row"][aria-rowindex="2"] a').waitFor();
  });

  it('paints an opened incident’s heading and timeline before building what is beside and below them', async () => {
    // Each change of the page as the incident is drawn: whether its timeline and its properties were there yet.
    await page.evaluate(`(() => {
      window.drawn = [];
      const observer = new MutationObserver(() => {
        const timeline = document.querySelector('ol[aria-label="Timeline"] li') !== null;
        const properties = document.querySelector('aside[aria-label="Incident properties"] input') !== null;
        window.drawn.push({ timeline, properties });
        if (properties) observer.disconnect();
      });
      observer.observe(document.body, { subtree: true, childList: true });
    })()`);
    await grid.locator('[role="row"][aria-rowindex="3"]').click();
    await page.locator('aside[aria-label="Incident properties"] input').first().waitFor();
    const drawn = await page.evaluate<{ timeline: boolean; properties: boolean }[]>('window.drawn');
    expect(drawn.some((moment) => moment.timeline && !moment.properties)).toBe(true);
    await page.keyboard.press('Escape');
    await grid.waitFor();
  });
});
