import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureAgent } from '#core/session/enrol-agent.ts';
import { POLL, skipE2e, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

/** The name in the header, once the desk has let the agent in. */
async function signedInName(page: Page): Promise<string> {
  const agent = page.getByTestId('signed-in-agent');
  await agent.waitFor();
  return (await agent.innerText()).replace('Signed in as', '').trim();
}

describe.skipIf(skipE2e)(suiteTitle('first start'), () => {
  let desk: DeskHarness | undefined;
  afterEach(async () => {
    await desk?.close();
    desk = undefined;
  });

  it('offers a demo workspace in an empty workspace and signs in as its supervisor', async () => {
    desk = await startDesk({ demoOnCreate: 120 });
    const page = await desk.openPage();
    await page.getByRole('button', { name: 'Create demo workspace' }).click();

    await page.getByRole('grid', { name: 'Incidents' }).waitFor();
    expect(await signedInName(page)).toBe('Alex Morgan');
    await page.getByRole('heading', { name: 'My open' }).waitFor();
    const allOpen = page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: /^All open/ });
    await expect.poll(async () => Number((await allOpen.innerText()).replace(/\D/g, '')), POLL).toBeGreaterThan(0);
    const session = await desk.core.invoke('session/get', {});
    expect(session.ok && session.value).toMatchObject({ workspace: { incidents: 120 } });
  });

  it('registers the first agent of an empty workspace', async () => {
    desk = await startDesk();
    const page = await desk.openPage();
    await page.getByLabel('Your name').fill('Robin Hale');
    await page.getByLabel('Your email').fill('not-an-email');
    await page.getByRole('button', { name: 'Start an empty workspace' }).click();
    await page.getByText('Must be an email address').waitFor();

    await page.getByLabel('Your email').fill('robin@example.com');
    await page.getByRole('button', { name: 'Start an empty workspace' }).click();
    expect(await signedInName(page)).toBe('Robin Hale');
    await page.getByText('No incidents match these filters.').waitFor();
  });

  it('asks "Who are you?" when the workspace has agents but nobody is signed in here', async () => {
    desk = await startDesk();
    await ensureAgent(desk.core.store, 'Sam Okoye', 'sam@example.com');
    await ensureAgent(desk.core.store, 'Kim Lee', 'kim@example.com');
    const page = await desk.openPage();
    await page.getByRole('heading', { name: 'Who are you?' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Kim Lee' }).getByRole('button').click();
    expect(await signedInName(page)).toBe('Kim Lee');
  });
});
