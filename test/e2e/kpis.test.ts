import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport } from '#shared/domain/kpi-answer.ts';
import { formatCount, formatDuration, formatPercent } from '#shared/domain/kpi-format.ts';
import type { KpiReportInput } from '#shared/domain/kpi-query.ts';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

function countIn(text: string): number {
  return Number(text.replace(/[^\d]/g, ''));
}

describe.skipIf(skipE2e)(suiteTitle('the KPIs screen'), () => {
  let desk: DeskHarness;
  let page: Page;

  async function report(input: KpiReportInput): Promise<KpiReport> {
    const outcome = await desk.core.invoke('kpi/report', input);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.value as KpiReport;
  }

  const value = (id: string) => page.getByTestId(`kpi-${id}`).getByTestId('kpi-value').innerText();

  async function choosePeriod(label: string): Promise<void> {
    await page.getByRole('combobox', { name: 'Period' }).click();
    await page.getByRole('option', { name: label, exact: true }).click();
  }

  /** With the keyboard: open the list, pick the option, close the list. */
  async function toggleChannel(label: string): Promise<void> {
    await page.getByRole('combobox', { name: 'Channels' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: label, exact: true }).click();
    await page.keyboard.press('Escape');
  }

  beforeAll(async () => {
    desk = await startDesk({ demoIncidents: 400 });
    page = await desk.openPage();
    await page.getByRole('grid', { name: 'Incidents' }).waitFor();
  });
  afterAll(() => desk?.close());

  it('opens with Shift+K and shows the same figures as kpi/report', async () => {
    await page.keyboard.press('Shift+K');
    await page.getByRole('heading', { name: 'KPIs', level: 1 }).waitFor();
    expect(
      await page
        .getByRole('navigation', { name: 'Queues' })
        .getByRole('button', { name: /^KPIs/ })
        .getAttribute('aria-current'),
    ).toBe('page');
    const expected = await report({ period: { preset: 'last30Days' } });
    expect(expected.figures.created).toBeGreaterThan(0);
    await expect.poll(() => value('created'), POLL).toBe(formatCount(expected.figures.created));
    expect(await value('resolved')).toBe(formatCount(expected.figures.resolved));
    expect(await value('backlog')).toBe(formatCount(expected.figures.backlog.atEnd));
    expect(await value('mtta')).toBe(formatDuration(expected.figures.mtta.meanMinutes));
    expect(await value('ttrMedian')).toBe(formatDuration(expected.figures.timeToResolve.medianMinutes));
    expect(await value('ttrP90')).toBe(formatDuration(expected.figures.timeToResolve.p90Minutes));
    expect(await value('fcr')).toBe(formatPercent(expected.figures.firstContactResolution.rate));
    expect(await value('reopen')).toBe(formatPercent(expected.figures.reopenRate.rate));
    // The demo's service levels: compliance read from its policies and calendars.
    expect(expected.figures.slaCompliance.resolution.of).toBeGreaterThan(0);
    expect(await value('slaResolution')).toBe(formatPercent(expected.figures.slaCompliance.resolution.rate));
    const agentRows = page.getByTestId('kpi-table').locator('tbody tr');
    expect(await agentRows.count()).toBe(expected.byAgent.length);
    await page.getByTestId('chart-created-and-resolved-per-day').locator('svg').first().waitFor();
    await snap(page, 'kpis-last-30-days');
    // Every control on the screen has a name a screen reader says (YAML quotes a line holding ": ").
    const controls = (await page.locator('main').ariaSnapshot())
      .split('\n')
      .filter((line) => /^\s*- '?(button|combobox|textbox|radio|link|checkbox)\b/.test(line));
    expect(controls.filter((line) => line.includes('Open the')).length).toBeGreaterThan(10);
    for (const line of controls) expect(line).toMatch(/^\s*- '?\w+ "[^"]+"/);
    await page.getByTestId('chart-created-and-resolved-per-day').scrollIntoViewIfNeeded();
    await snap(page, 'kpis-charts');
    await page.getByTestId('kpi-table').scrollIntoViewIfNeeded();
    await snap(page, 'kpis-table');
  });

  it('changes the period, and drills into a figure with the keyboard to as many incidents in the queue', async () => {
    await choosePeriod('Last 7 days');
    const expected = await report({ period: { preset: 'last7Days' } });
    await page
      .getByTestId('kpi-period')
      .getByText(/^Last 7 days, compared with the 7 days before/)
      .waitFor();
    await expect.poll(() => value('created'), POLL).toBe(formatCount(expected.figures.created));
    expect(await value('resolved')).toBe(formatCount(expected.figures.resolved));
    expect(expected.figures.resolved).toBeGreaterThan(0);

    await page.getByRole('button', { name: /^Resolved: / }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Resolved · Last 7 days' }).waitFor();
    await expect
      .poll(async () => countIn(await page.getByTestId('queue-total').innerText()), POLL)
      .toBe(expected.figures.resolved);
    await snap(page, 'kpis-drill-resolved');

    await page.getByRole('button', { name: 'Back to KPIs' }).click();
    await page
      .getByTestId('kpi-period')
      .getByText(/^Last 7 days/)
      .waitFor();
  });

  it('drills from a row of the per-agent table', async () => {
    const expected = await report({ period: { preset: 'last7Days' } });
    const busiest = [...expected.byAgent].sort((a, b) => b.figures.resolved - a.figures.resolved)[0]!;
    await page
      .getByRole('button', {
        name: `Resolved by ${busiest.name}: ${formatCount(busiest.figures.resolved)}. Open them in the queue`,
      })
      .click();
    await page.getByRole('heading', { name: `Resolved · ${busiest.name} · Last 7 days` }).waitFor();
    await expect
      .poll(async () => countIn(await page.getByTestId('queue-total').innerText()), POLL)
      .toBe(busiest.figures.resolved);
    await page.keyboard.press('Shift+K');
  });

  it('updates the figures live when an incident is logged, without reloading', async () => {
    const before = countIn(await value('created'));
    const created = await desk.core.invoke('incident/create', {
      title: 'Badge reader at the side door rejects every card',
      channel: 'walk_in',
      impact: 3,
      urgency: 3,
    });
    expect(created.ok).toBe(true);
    await expect.poll(async () => countIn(await value('created')), POLL).toBe(before + 1);
  });

  it('filters by channel, drills into the filtered figure, and exports the figures shown as CSV', async () => {
    await toggleChannel('Email');
    const expected = await report({ period: { preset: 'last7Days' }, filters: { channels: ['email'] } });
    const all = await report({ period: { preset: 'last7Days' } });
    expect(expected.figures.created).toBeLessThan(all.figures.created);
    await expect.poll(() => value('created'), POLL).toBe(formatCount(expected.figures.created));
    await page.getByRole('button', { name: /^Created: / }).click();
    await page.getByRole('heading', { name: 'Created · Last 7 days' }).waitFor();
    await expect
      .poll(async () => countIn(await page.getByTestId('queue-total').innerText()), POLL)
      .toBe(expected.figures.created);
    await page.getByRole('button', { name: 'Back to KPIs' }).click();
    await page.getByRole('heading', { name: 'KPIs', level: 1 }).waitFor();
    await snap(page, 'kpis-filtered');

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = (await readFile(await file.path(), 'utf8')).split('\r\n');
    expect(csv[0]).toMatch(/^Period,Last 7 days,From,/);
    expect(csv[2]).toBe('Filters,Channels: Email');
    const labels = {
      created: 'Created',
      resolved: 'Resolved',
      backlog: 'Backlog at the end',
      mtta: 'Mean time to acknowledge',
    };
    for (const [id, label] of Object.entries(labels)) {
      const row = csv.find((line) => line.startsWith(`${label},`))?.split(',');
      expect(row?.[1]).toBe(await value(id));
    }
    await toggleChannel('Email');
    await expect.poll(() => value('created'), POLL).toBe(formatCount(all.figures.created));
  });

  it('saves a chart as a PNG image of the chart’s size, and prints the report without the controls', async () => {
    const chart = page.getByTestId('chart-created-and-resolved-per-day');
    await chart.locator('svg').first().waitFor();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save the chart Created and resolved per day as a PNG image' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('created-and-resolved-per-day.png');
    const png = await readFile(await file.path());
    // The PNG signature, then the IHDR chunk: width and height as big-endian 32-bit numbers.
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    const size = await chart.evaluate((node) => {
      const box = node as unknown as { offsetWidth: number; offsetHeight: number };
      return [box.offsetWidth, box.offsetHeight];
    });
    expect(size[0]).toBeGreaterThan(100);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(size);
    // Not a blank image: a chart compresses far worse than a sheet of one colour of that size.
    expect(png.length).toBeGreaterThan(4_000);

    await page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; }');
    await page.getByRole('button', { name: 'Print report' }).click();
    expect(await page.evaluate<number>('window.printed')).toBe(1);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.getByRole('navigation', { name: 'Queues' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Export CSV' }).isVisible()).toBe(false);
      expect(await page.getByRole('combobox', { name: 'Period' }).isVisible()).toBe(false);
      expect(await page.getByTestId('kpi-created').isVisible()).toBe(true);
      expect(await chart.isVisible()).toBe(true);
      await snap(page, 'kpis-print');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('refuses a negative goal in words, then sets a goal and shows its progress, and removes it', async () => {
    await page.getByRole('button', { name: 'Set the team goal for Resolved' }).click();
    const dialog = page.getByRole('dialog', { name: 'Goal: Resolved' });
    await dialog.getByLabel('Target (incidents)').fill('-5');
    await dialog.getByRole('button', { name: 'Save goal' }).click();
    await dialog.getByText('The target must be 0 or more').waitFor();
    await snap(page, 'kpis-goal-refused');
    await dialog.getByLabel('Target (incidents)').fill('40');
    await dialog.getByRole('button', { name: 'Save goal' }).click();
    await dialog.waitFor({ state: 'detached' });
    const goal = page.getByTestId('kpi-resolved').getByTestId('kpi-goal');
    await goal.waitFor();
    const expected = await report({ period: { preset: 'last7Days' } });
    expect(expected.goals).toHaveLength(1);
    expect(await goal.innerText()).toMatch(expected.goals[0]!.met ? /· met$/ : /· not met$/);
    await snap(page, 'kpis-goal');
    await page.getByRole('button', { name: 'Remove the team goal for Resolved' }).click();
    await goal.waitFor({ state: 'detached' });
  });

  it('lists every goal in Settings → Goals, where a supervisor adds, edits and deletes them', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Goals' }).click();
    await page.getByText('No goals yet.').waitFor();
    const goals = page.getByRole('table', { name: 'Goals' });
    const addGoal = async (figure: string, unit: string, target: string) => {
      await page.getByRole('combobox', { name: 'Add a goal for' }).click();
      await page.getByRole('option', { name: figure, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Goal: ${figure}` });
      await dialog.getByLabel(`Target (${unit})`).fill(target);
      await dialog.getByRole('button', { name: 'Save goal' }).click();
      await dialog.waitFor({ state: 'detached' });
    };
    await addGoal('Resolved', 'incidents', '120');
    await addGoal('Reopen rate', '%', '5');
    await expect.poll(() => goals.locator('tbody tr').count(), POLL).toBe(2);
    expect(await goals.locator('tbody tr').first().innerText()).toMatch(
      /Resolved\s+The whole team\s+at least 120 per month/,
    );

    await page.getByRole('button', { name: 'Edit the goal Resolved, The whole team' }).click();
    const dialog = page.getByRole('dialog', { name: 'Goal: Resolved' });
    await dialog.getByLabel('Target (incidents)').fill('150');
    await dialog.getByRole('button', { name: 'Save goal' }).click();
    await dialog.waitFor({ state: 'detached' });
    await goals.getByText('at least 150 per month').waitFor();
    await snap(page, 'settings-goals');
    expect(await goals.locator('tbody tr').count()).toBe(2);

    await page.getByRole('button', { name: 'Delete the goal Resolved, The whole team' }).click();
    await expect.poll(() => goals.locator('tbody tr').count(), POLL).toBe(1);
    const left = await report({ period: { preset: 'last7Days' } });
    expect(left.goals.map((g) => g.goal.kpi)).toEqual(['reopenRate']);
    await page.keyboard.press('Shift+K');
    await page.getByRole('heading', { name: 'KPIs', level: 1 }).waitFor();
  });

  it('says so for a period with no incidents, and refuses an inverted one', async () => {
    await choosePeriod('Custom…');
    await page.getByLabel('First day').fill('2001-03-01');
    await page.getByLabel('Last day').fill('2001-03-31');
    await page.getByText('No incidents in this period').waitFor();
    expect(await value('created')).toBe('0');
    expect(await value('mtta')).toBe('—');
    await snap(page, 'kpis-empty');
    await page.getByLabel('First day').fill('2001-04-10');
    await page
      .getByRole('alert')
      .getByText(/The last day is before the first day/)
      .waitFor();
  });

  it('shows an agent "My performance": their own row', async () => {
    const agents = await desk.core.invoke('reference/get', {});
    if (!agents.ok) throw new Error('no reference');
    const { agents: list } = agents.value as { agents: { id: string; role: string; name: string }[] };
    const agent = list.find((a) => a.role === 'agent')!;
    await desk.core.session.signIn(agent.id);
    await page.goto(desk.host.url);
    await page.getByRole('grid', { name: 'Incidents' }).waitFor();
    await page.keyboard.press('Shift+K');
    await page.getByRole('heading', { name: 'My performance', level: 1 }).waitFor();
    const rows = page.getByTestId('kpi-table').locator('tbody tr');
    await expect.poll(() => rows.count(), POLL).toBe(1);
    expect(await rows.first().innerText()).toContain(agent.name);
    expect(await page.getByRole('button', { name: /Set the team goal/ }).count()).toBe(0);
    await snap(page, 'kpis-my-performance');

    // The goals, read-only, with the reason.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Goals' }).click();
    await page.getByText('Supervisors set goals').waitFor();
    const goals = page.getByRole('table', { name: 'Goals' });
    expect(await goals.locator('tbody tr').first().innerText()).toMatch(/Reopen rate\s+The whole team\s+at most 5%/);
    expect(await page.getByRole('button', { name: /^(Edit|Delete) the goal/ }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Add a goal for' }).count()).toBe(0);
    await snap(page, 'settings-goals-agent');
  });
});
