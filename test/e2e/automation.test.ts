import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionSchema } from '#shared/domain/rule-actions.ts';
import { TRIGGERS } from '#shared/domain/rule-triggers.ts';
import { POLL, skipE2e, snap, startDesk, suiteTitle } from './desk-harness.ts';
import type { DeskHarness } from './desk-harness.ts';

/** Picks an option of the focused select with the keyboard, as an agent would: open, type, Enter. */
async function choose(page: Page, option: string): Promise<void> {
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name: option, exact: true }).waitFor();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Settings → Automation and Templates end to end: a supervisor makes a rule with the keyboard and it acts on
 * the next incident; a template naming an unknown placeholder is refused by its field, then previewed for an
 * incident; an agent sees the rules but cannot change them, and is told why.
 */
describe.skipIf(skipE2e)(suiteTitle('automation and templates'), () => {
  let desk: DeskHarness;
  let page: Page;

  beforeAll(async () => {
    desk = await startDesk({ demoIncidents: 10 });
    page = await desk.openPage();
  });
  afterAll(() => desk?.close());

  it('makes a rule in Settings → Automation that acts on the next incident created', async () => {
    await page.goto(`${desk.host.url}#/settings/automation`);
    const rules = page.getByRole('table', { name: 'Rules' });
    await rules.getByRole('row', { name: /Acknowledgement/ }).waitFor();
    await snap(page, 'automation-rules');

    await page.getByRole('button', { name: 'Add rule' }).focus();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('dialog', { name: 'Add rule' });
    await editor.getByRole('textbox', { name: 'Name' }).fill('Calls from the switchboard');
    await editor.getByLabel('From channels').focus();
    await choose(page, 'Phone');
    await page.keyboard.press('Escape');
    // The first action starts as "Add a tag": an empty tag is refused by its field, by the desk's own schema.
    await editor.getByRole('button', { name: 'Add rule' }).click();
    const tag = editor.getByRole('textbox', { name: 'Tag' });
    await expect.poll(() => tag.getAttribute('aria-invalid'), POLL).toBe('true');
    await snap(page, 'automation-rule-refused');
    await tag.fill('switchboard');
    await editor.getByRole('button', { name: 'Add action' }).click();
    await editor.getByRole('combobox', { name: 'Action 2' }).focus();
    await choose(page, 'Set a field');
    await editor.getByRole('combobox', { name: 'Field' }).focus();
    await choose(page, 'Urgency');
    await editor.getByRole('combobox', { name: 'Set to' }).focus();
    await choose(page, '1 - High');
    await snap(page, 'automation-rule-editor');
    await editor.getByRole('button', { name: 'Add rule' }).click();
    await editor.waitFor({ state: 'detached' });
    const row = rules.getByRole('row', { name: /Calls from the switchboard/ });
    await expect
      .poll(() => row.innerText(), POLL)
      .toMatch(/An incident is created from Phone.*Add the tag “switchboard”; Set urgency to High/s);

    const created = await desk.core.invoke('incident/create', {
      title: 'Caller cannot print payslips',
      channel: 'phone',
      impact: 3,
      urgency: 3,
    });
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.value as { incident: { id: string } }).incident.id : '';
    await page.goto(`${desk.host.url}#/incident/${id}`);
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText(/rule “Calls from the switchboard”/).waitFor();
    const properties = page.getByRole('complementary', { name: 'Incident properties' });
    await properties.getByText('switchboard').waitFor();
    await snap(page, 'automation-acted');
  });

  it('turns a rule off and moves it, and deletes it after asking', async () => {
    await page.goto(`${desk.host.url}#/settings/automation`);
    const rules = page.getByRole('table', { name: 'Rules' });
    const toggle = rules.getByRole('switch', { name: 'Calls from the switchboard on' });
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => toggle.isChecked(), POLL).toBe(false);
    const names = () => rules.locator('tbody tr td:nth-child(2)').allInnerTexts();
    const before = await names();
    await rules.getByRole('button', { name: 'Move Calls from the switchboard up' }).click();
    await expect.poll(async () => (await names()).indexOf(before.at(-1)!), POLL).toBe(before.length - 2);
    await rules.getByRole('button', { name: 'Delete Calls from the switchboard' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete rule' });
    await confirm.getByRole('button', { name: 'Delete rule' }).click();
    await expect.poll(() => rules.getByText('Calls from the switchboard').count(), POLL).toBe(0);
  });

  it('refuses a template naming an unknown placeholder at its field, then previews it for an incident', async () => {
    await page.goto(`${desk.host.url}#/settings/templates`);
    await page.getByRole('button', { name: 'Add template' }).click();
    const editor = page.getByRole('dialog', { name: 'Add template' });
    await editor.getByRole('textbox', { name: 'Name' }).fill('Printer advice');
    await editor.getByRole('textbox', { name: 'Subject' }).fill('About {{incident.title}}');
    const text = editor.getByRole('textbox', { name: 'Text' });
    await text.fill('Hello {{reporter.nmae}},\n\nWe are on it: ');
    await editor.getByRole('button', { name: 'Add template' }).click();
    await editor.getByText(/\{\{reporter\.nmae\}\} is not a placeholder the desk knows/).waitFor();
    await snap(page, 'template-refused');

    await text.fill('Hello {{reporter.name}},\n\nWe are on it: ');
    await text.press('End');
    await editor.getByRole('button', { name: /^Insert \{\{incident\.number\}\}/ }).click();
    await expect
      .poll(() => text.inputValue(), POLL)
      .toBe('Hello {{reporter.name}},\n\nWe are on it: {{incident.number}}');
    await editor.getByRole('button', { name: 'Add template' }).click();
    await editor.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Edit Printer advice' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit template' });
    await edit.getByRole('combobox', { name: 'Preview for incident' }).fill('payslips');
    await page.getByRole('option', { name: /Caller cannot print payslips/ }).click();
    const preview = edit.getByRole('region', { name: 'The mail as it would go' });
    await expect
      .poll(() => preview.innerText(), POLL)
      .toMatch(/About Caller cannot print payslips.*We are on it: INC-\d+/s);
    await snap(page, 'template-preview');
    await edit.getByRole('button', { name: 'Cancel' }).click();

    // A name taken already is said at the Name field, which the agent then changes, not above the form.
    await page.getByRole('button', { name: 'Add template' }).click();
    const again = page.getByRole('dialog', { name: 'Add template' });
    const name = again.getByRole('textbox', { name: 'Name' });
    await name.fill('Printer advice');
    await again.getByRole('textbox', { name: 'Subject' }).fill('Again');
    await again.getByRole('textbox', { name: 'Text' }).fill('Again');
    await again.getByRole('button', { name: 'Add template' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid'), POLL).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    const description = await Promise.all(
      describedBy
        .split(' ')
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).innerText()),
    );
    expect(description.join(' ')).toMatch(/There is a template named “Printer advice” already/);
    await snap(page, 'template-name-taken');
    await again.getByRole('button', { name: 'Cancel' }).click();
  });

  it('offers every trigger and action type, and saves a time rule with a condition and mail to chosen agents', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${desk.host.url}#/settings/automation`);
    await page.getByRole('button', { name: 'Add rule' }).click();
    const editor = page.getByRole('dialog', { name: 'Add rule' });
    await editor.getByRole('textbox', { name: 'Name' }).fill('Critical and waiting');
    const trigger = editor.getByRole('combobox', { name: 'Trigger' });
    const action = editor.getByRole('combobox', { name: 'Action 1' });
    for (const [select, count] of [
      [trigger, Object.keys(TRIGGERS).length],
      [action, actionSchema.options.length],
    ] as const) {
      await select.click();
      const options = page.getByRole('listbox').getByRole('option');
      await expect.poll(() => options.count(), POLL).toBe(count);
      const labels = await options.allInnerTexts();
      await page.keyboard.press('Escape');
      for (const label of labels) {
        await select.click();
        await page.getByRole('option', { name: label, exact: true }).click();
        await expect.poll(() => select.inputValue(), POLL).toBe(label);
      }
    }

    await trigger.click();
    await page.getByRole('option', { name: 'Time in a status (time)' }).click();
    await editor.getByRole('textbox', { name: 'For' }).fill('2');
    await editor.getByRole('button', { name: 'Add condition' }).click();
    await editor.getByRole('combobox', { name: 'Field of condition 1' }).click();
    await page.getByRole('option', { name: 'Priority', exact: true }).click();
    await editor.getByLabel('Values of condition 1').click();
    await page.getByRole('option', { name: '1 - Critical' }).click();
    await page.keyboard.press('Escape');
    await action.click();
    await page.getByRole('option', { name: 'Send a template' }).click();
    await editor.getByRole('combobox', { name: 'Template' }).click();
    await page.getByRole('option', { name: 'Follow-up reminder', exact: true }).click();
    await editor.getByRole('combobox', { name: 'Send to' }).click();
    await page.getByRole('option', { name: 'chosen agents' }).click();
    // No agent chosen yet: refused by the field that needs one.
    await editor.getByRole('button', { name: 'Add rule' }).click();
    await editor.getByText('Choose the agents it goes to').waitFor();
    await editor.getByLabel('Agents').click();
    await page.getByRole('option', { name: 'Jonas Weber' }).click();
    await page.keyboard.press('Escape');
    // Changing the action takes its message away; the next Save says again what is still wrong, if anything.
    await expect.poll(() => editor.getByText('Choose the agents it goes to').count(), POLL).toBe(0);
    await snap(page, 'automation-time-rule');
    await editor.getByRole('button', { name: 'Add rule' }).click();
    await editor.waitFor({ state: 'detached' });
    const row = page.getByRole('table', { name: 'Rules' }).getByRole('row', { name: /Critical and waiting/ });
    await expect
      .poll(() => row.innerText(), POLL)
      .toMatch(
        /2 days in Waiting on customer \(and still there\), and Priority is 1 - Critical.*Send “Follow-up reminder” to Jonas Weber/s,
      );

    await row.getByRole('button', { name: 'Edit Critical and waiting' }).click();
    const edit = page.getByRole('dialog', { name: 'Critical and waiting' });
    expect(await edit.getByRole('textbox', { name: 'For' }).inputValue()).toBe('2');
    expect(await edit.getByRole('combobox', { name: 'Unit' }).inputValue()).toBe('days');
    await edit.getByRole('button', { name: 'Cancel' }).click();
    expect(errors).toEqual([]);
  });

  it('shows an agent the rules read-only, saying why', async () => {
    const reference = await desk.core.invoke('reference/get', {});
    const agents = reference.ok ? (reference.value as { agents: { id: string; name: string }[] }).agents : [];
    await desk.core.session.signIn(agents.find((a) => a.name === 'Jonas Weber')!.id);
    await page.goto(`${desk.host.url}#/settings/automation`);
    await page.reload();
    await page.getByText('Supervisors set the rules').waitFor();
    // Greyed where they stand, each saying why, rather than plainly disabled and silent.
    for (const [name, why] of [
      ['Add rule', 'Only a supervisor can add rules'],
      ['Delete Acknowledgement', 'Only a supervisor can change the rules'],
      ['Move Acknowledgement down', 'Only a supervisor can change the rules'],
    ]) {
      const button = page.getByRole('button', { name, exact: true });
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      expect(await button.getAttribute('aria-description')).toBe(why);
    }
    await page.getByRole('button', { name: 'Delete Acknowledgement', exact: true }).click({ force: true });
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('button', { name: 'View Acknowledgement' }).click();
    const view = page.getByRole('dialog', { name: 'Acknowledgement' });
    await view.getByText(/only a supervisor can change them/).waitFor();
    expect(await view.getByRole('textbox', { name: 'Name' }).isDisabled()).toBe(true);
    await snap(page, 'automation-read-only');
  });
});
