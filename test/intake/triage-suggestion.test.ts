import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, Group } from '#shared/domain/reference.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';
import { email } from './intake-desk.ts';

/** What the inbox suggests for a new incident, and the reasons it gives in the words of the mail. */
describe('the triage suggestion', () => {
  let desk: TempCore;
  let hardware: Category;
  let printing: Category;
  let desktop: Group;

  const suggest = async (subject: string, body: string) => {
    desk.clock.advance(60_000);
    const summary = await importOne(subject, body);
    expect(summary.imported).toBe(1);
    const page = await call(desk.core, 'inbox/list', { text: subject });
    return call(desk.core, 'inbox/suggest', { id: page.items[0]!.id });
  };

  let count = 0;
  const importOne = async (subject: string, body: string) => {
    const file = `${desk.dir}/mail-${++count}.eml`;
    await writeFile(
      file,
      email({ from: 'Grace Obi <grace@northwind.example>', subject, body, messageId: `<m${count}@x.example>` }),
    );
    return desk.core.importFiles([file]);
  };

  beforeAll(async () => {
    desk = await openTempCore();
    await call(desk.core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
    desktop = await call(desk.core, 'group/save', { name: 'Desktop Support', description: '' });
    hardware = await call(desk.core, 'category/save', {
      name: 'Hardware',
      subcategories: ['Display', 'Docking station'],
      groupId: desktop.id,
    });
    printing = await call(desk.core, 'category/save', { name: 'Printing', subcategories: ['Printer offline'] });
  });
  afterAll(() => desk?.dispose());

  it('names the words it found, and the category and subcategory they point to', async () => {
    const suggestion = await suggest('Flicker', 'The display flickers whenever I move the docking station.');
    expect(suggestion.categoryId).toBe(hardware.id);
    expect(suggestion.reasons[0]).toBe('It mentions “display” (Hardware › Display).');
    // A category name the mail never used is not what the reason names.
    expect(suggestion.reasons.join(' ')).not.toMatch(/mentions Hardware/);
  });

  it('suggests the group that usually takes the category, and says so', async () => {
    const suggestion = await suggest('Screen', 'My display is black.');
    expect(suggestion.groupId).toBe(desktop.id);
    expect(suggestion.reasons).toContain('Desktop Support usually takes Hardware.');
  });

  it('suggests no group for a category without one', async () => {
    const suggestion = await suggest('Printer', 'It says printer offline again.');
    expect(suggestion.categoryId).toBe(printing.id);
    expect(suggestion.groupId).toBeNull();
    expect(suggestion.reasons[0]).toBe('It mentions “printer offline” (Printing › Printer offline).');
  });

  it('quotes what made it urgent and wide', async () => {
    const suggestion = await suggest('Down', 'Everyone on the floor cannot work, it is urgent.');
    expect(suggestion.urgency).toBe(1);
    expect(suggestion.impact).toBe(1);
    expect(suggestion.reasons).toContain('It says it is urgent (“cannot work”).');
    expect(suggestion.reasons).toContain('It affects many people (“Everyone”).');
  });

  it('makes the incident in the suggested group unless the agent chose another', async () => {
    desk.clock.advance(60_000);
    await importOne('Display dead', 'The display stays dark.');
    const page = await call(desk.core, 'inbox/list', { text: 'Display dead' });
    const { incidentIds } = await call(desk.core, 'inbox/createIncident', { ids: [page.items[0]!.id] });
    const detail = await call(desk.core, 'incident/get', { id: incidentIds[0]! });
    expect(detail.incident.groupId).toBe(desktop.id);
  });
});
