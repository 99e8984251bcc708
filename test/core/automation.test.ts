import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerInput } from '#shared/contract.ts';
import { DEFAULT_RULE_IDS, defaultAutomationChanges } from '#core/automation/default-automation.ts';
import { readChangeLog } from '../helpers/change-log.ts';
import { call, refusal } from '../helpers/invoke.ts';
import {
  addMailbox,
  customerMail,
  incidentFromMail,
  mailboxWithOutgoing,
  openSendingDesk,
  outbox,
} from '../outbox/outbox-desk.ts';
import type { SendingDesk } from '../outbox/outbox-desk.ts';

const DAY = 24 * 60 * 60_000;
/** Nobody listens there: these tests queue mail and never send it. */
const NO_SMTP = { host: '127.0.0.1', port: 1 };

type RuleInput = HandlerInput<'rule/save'>;

function rule(changes: Partial<RuleInput>): RuleInput {
  return {
    name: 'A rule',
    enabled: true,
    trigger: { type: 'incident_created', channels: [] },
    conditions: [],
    actions: [{ type: 'add_tag', tag: 'seen' }],
    ...changes,
  };
}

async function automationEntries(desk: SendingDesk, id: string) {
  const detail = await call(desk.core, 'incident/get', { id });
  return detail.timeline.filter((event) => event.automation);
}

let desk: SendingDesk;

beforeEach(async () => {
  desk = await openSendingDesk({ defaultRules: true });
  await addMailbox(desk.core, mailboxWithOutgoing(NO_SMTP));
});

afterEach(async () => {
  await desk.dispose();
});

describe('rules that act on their own', () => {
  it('a rule made in Settings → Automation acts on the next incident, logged as Automation with its name', async () => {
    await call(
      desk.core,
      'rule/save',
      rule({
        name: 'Printers are urgent',
        conditions: [{ field: 'title', operator: 'contains', values: ['printer'] }],
        actions: [
          { type: 'set_field', field: 'urgency', value: 1 },
          { type: 'add_tag', tag: 'printing' },
          { type: 'add_note', text: 'Printer trouble: {{incident.title}}.' },
        ],
      }),
    );
    const other = await call(desk.core, 'incident/create', {
      title: 'VPN drops',
      channel: 'phone',
      impact: 2,
      urgency: 2,
    });
    expect(other.incident.tags).toEqual([]);
    const created = await call(desk.core, 'incident/create', {
      title: 'Printer jams',
      channel: 'phone',
      impact: 2,
      urgency: 2,
    });
    expect(created.incident).toMatchObject({ urgency: 1, tags: ['printing'] });
    const [firing] = await automationEntries(desk, created.incident.id);
    expect(firing).toMatchObject({
      actorId: null,
      action: 'automation',
      automation: { ruleName: 'Printers are urgent' },
    });
    expect(firing!.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['urgency', 'tags']));
    const note = created.timeline.find((event) => event.type === 'note');
    expect(note).toMatchObject({ actorId: null, body: 'Printer trouble: Printer jams.' });
  });

  it('run in order, each seeing what the ones before did', async () => {
    const { categories } = await call(desk.core, 'reference/get', {});
    const hardware = categories[0] ?? (await call(desk.core, 'category/save', { name: 'Hardware', subcategories: [] }));
    await call(
      desk.core,
      'rule/save',
      rule({ name: 'Categorise printers', actions: [{ type: 'set_field', field: 'categoryId', value: hardware.id }] }),
    );
    await call(
      desk.core,
      'rule/save',
      rule({
        name: 'Tag hardware',
        conditions: [{ field: 'categoryId', operator: 'is_any_of', values: [hardware.id] }],
        actions: [{ type: 'add_tag', tag: 'hardware' }],
      }),
    );
    const created = await call(desk.core, 'incident/create', {
      title: 'Screen',
      channel: 'phone',
      impact: 2,
      urgency: 2,
    });
    expect(created.incident).toMatchObject({ categoryId: hardware.id, tags: ['hardware'] });
    expect((await automationEntries(desk, created.incident.id)).map((e) => e.automation!.ruleName)).toEqual([
      'Categorise printers',
      'Tag hardware',
    ]);
  });

  it('cannot set themselves off into a loop: a rule answering notes with a note acts once', async () => {
    await call(
      desk.core,
      'rule/save',
      rule({ name: 'Echo', trigger: { type: 'note_added' }, actions: [{ type: 'add_note', text: 'Noted.' }] }),
    );
    await call(
      desk.core,
      'rule/save',
      rule({ name: 'Echo back', trigger: { type: 'note_added' }, actions: [{ type: 'add_note', text: 'Noted too.' }] }),
    );
    const created = await call(desk.core, 'incident/create', {
      title: 'Loop',
      channel: 'phone',
      impact: 2,
      urgency: 2,
    });
    const detail = await call(desk.core, 'incident/addNote', { id: created.incident.id, body: 'Called them.' });
    expect(detail.timeline.filter((e) => e.type === 'note').map((e) => e.body)).toEqual([
      'Called them.',
      'Noted.',
      'Noted too.',
    ]);
  });

  it('are changed by supervisors only, and a template naming an unknown placeholder is refused', async () => {
    const error = await refusal(desk.core, 'template/save', {
      name: 'Typo',
      subject: 'Hello',
      body: 'Dear {{reporter.nam}}',
    });
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/\{\{reporter\.nam\}\} is not a placeholder/);
    const agent = await call(desk.core, 'agent/save', {
      name: 'Alex Agent',
      email: 'alex@desk.test',
      role: 'agent',
      groupIds: [],
      active: true,
    });
    await call(desk.core, 'session/signIn', { agentId: agent.id });
    expect(await refusal(desk.core, 'rule/save', rule({}))).toMatchObject({ code: 'forbidden' });
  });
});

describe('the default rules', () => {
  it('are the same changes on every workstation, so two set up offline converge', async () => {
    expect(defaultAutomationChanges()).toEqual(defaultAutomationChanges());
    const other = await openSendingDesk({ defaultRules: true });
    try {
      const ids = (log: Awaited<ReturnType<typeof readChangeLog>>) =>
        log.filter((c) => c.entity === 'rule' || c.entity === 'template').map((c) => c.id);
      expect(ids(await readChangeLog(other.core.store.db))).toEqual(ids(await readChangeLog(desk.core.store.db)));
      const names = (await call(desk.core, 'rule/list', {})).map((r) => [r.id, r.name]);
      expect(names).toContainEqual([DEFAULT_RULE_IDS.acknowledgement, 'Acknowledgement']);
      expect((await call(other.core, 'rule/list', {})).map((r) => [r.id, r.name])).toEqual(names);
    } finally {
      await other.dispose();
    }
  });

  it('acknowledge a customer’s mail once, with its number; never a no-reply sender; a few per sender an hour', async () => {
    const id = await incidentFromMail(desk, customerMail());
    const [ack] = await outbox(desk.core);
    expect(ack).toMatchObject({ incidentId: id, automatic: true, to: [{ address: 'dana@northwind.example' }] });
    expect(ack!.subject).toContain('We have received your request: The printer on floor 2 jams');
    expect(ack!.text).toMatch(/registered your request as INC-\d+: “The printer on floor 2 jams”/);

    const noreply = await incidentFromMail(
      desk,
      customerMail({ from: 'Alerts <no-reply@vendor.example>', subject: 'Licence expires', messageId: '<n@v>' }),
      'noreply.eml',
    );
    const [firing] = await automationEntries(desk, noreply);
    expect(firing!.automation!.outcomes[0]).toMatch(/^Not sent “Acknowledgement”/);

    for (const n of [2, 3, 4]) {
      await incidentFromMail(
        desk,
        customerMail({ subject: `Another thing ${n}`, messageId: `<m${n}@n>` }),
        `m${n}.eml`,
      );
    }
    const toDana = (await outbox(desk.core)).filter((m) => m.to[0]!.address === 'dana@northwind.example');
    expect(toDana).toHaveLength(3);
  });

  it('acknowledge a few mails per sender an hour also when one command makes incidents of many', async () => {
    const files: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const file = path.join(desk.dir, `burst-${n}.eml`);
      await writeFile(file, customerMail({ subject: `Burst ${n}`, messageId: `<burst-${n}@northwind.example>` }));
      files.push(file);
    }
    await desk.core.importFiles(files);
    const inbox = await call(desk.core, 'inbox/list', { states: ['untriaged'] });
    await call(desk.core, 'inbox/createIncident', { ids: inbox.items.map((item) => item.id) });
    const toDana = (await outbox(desk.core)).filter((m) => m.to[0]!.address === 'dana@northwind.example');
    expect(toDana).toHaveLength(3);
  });

  it('follow up after 3 days waiting, again after 3 more, then resolve with a note: each once', async () => {
    const id = await incidentFromMail(desk, customerMail());
    await call(desk.core, 'incident/transition', { id, action: 'start' });
    await call(desk.core, 'incident/transition', { id, action: 'wait' });
    // The outbox lists the newest first.
    const sent = async () => (await outbox(desk.core)).map((m) => m.subject).reverse();

    desk.clock.advance(3 * DAY - 60_000);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 0 });
    desk.clock.advance(60_000);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 1 });
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 0 });
    desk.clock.advance(3 * DAY);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 1 });
    desk.clock.advance(3 * DAY);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 1 });
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 0 });

    const detail = await call(desk.core, 'incident/get', { id });
    expect(detail.incident).toMatchObject({ status: 'resolved', resolutionCode: 'no_answer' });
    expect(detail.incident.cause).toMatch(/No answer from the reporter/);
    expect((await automationEntries(desk, id)).map((e) => e.automation!.ruleName)).toEqual([
      'Acknowledgement',
      'Follow-up: first reminder',
      'Follow-up: second reminder',
      'Follow-up: resolve without an answer',
      'Resolution mail',
    ]);
    expect(await sent()).toEqual([
      expect.stringContaining('We have received your request'),
      expect.stringContaining('Waiting for your answer'),
      expect.stringContaining('Second reminder'),
      expect.stringContaining('Resolved:'),
    ]);
  });

  it('work out only the waits that end about now, not every incident waiting on its customer, beat after beat', async () => {
    const ids: string[] = [];
    for (const name of ['ann', 'bob', 'cy']) {
      const from = `${name} <${name}@northwind.example>`;
      const id = await incidentFromMail(desk, customerMail({ from, messageId: `<${name}@mail>` }), `${name}.eml`);
      await call(desk.core, 'incident/transition', { id, action: 'start' });
      await call(desk.core, 'incident/transition', { id, action: 'wait' });
      ids.push(id);
    }
    desk.clock.advance(DAY);
    // A note changes the incident, not when its wait began.
    await call(desk.core, 'incident/addNote', { id: ids[0]!, body: 'Called, no answer.' });
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 0, considered: 0 });
    desk.clock.advance(2 * DAY - 30_000);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 0, considered: 3 });
    desk.clock.advance(30_000);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 3, considered: 3 });
    // Spent, the first reminders are still looked at while they are in the catch-up window (a day) ...
    desk.clock.advance(DAY / 2);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 0, considered: 3 });
    // ... and no more after it; the second reminders are two days away.
    desk.clock.advance(DAY / 2 + 60_000);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 0, considered: 0 });
  });

  it('"time since created" works out only incidents created about its wait ago, and fires once', async () => {
    await call(
      desk.core,
      'rule/save',
      rule({ name: 'Two hours old', trigger: { type: 'time_since_created', minutes: 120 } }),
    );
    const id = await incidentFromMail(desk, customerMail());
    desk.clock.advance(60 * 60_000);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 0, considered: 0 });
    desk.clock.advance(60 * 60_000);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 1, considered: 1 });
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 0 });
    expect((await automationEntries(desk, id)).map((e) => e.automation!.ruleName)).toContain('Two hours old');
  });

  it('let go of an occasion more than a day overdue: no flood of reminders for incidents that waited long before', async () => {
    const id = await incidentFromMail(desk, customerMail());
    await call(desk.core, 'incident/transition', { id, action: 'start' });
    await call(desk.core, 'incident/transition', { id, action: 'wait' });
    desk.clock.advance(4 * DAY + 60_000);
    // The first reminder fell due a day and a minute ago: let go; the second is not due yet.
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 0 });
    desk.clock.advance(2 * DAY);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 1 });
    expect((await automationEntries(desk, id)).map((e) => e.automation!.ruleName)).toEqual([
      'Acknowledgement',
      'Follow-up: second reminder',
    ]);
  });

  it('a second wait is a new occasion: the reminder comes again', async () => {
    const id = await incidentFromMail(desk, customerMail());
    await call(desk.core, 'incident/transition', { id, action: 'start' });
    await call(desk.core, 'incident/transition', { id, action: 'wait' });
    desk.clock.advance(3 * DAY);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 1 });
    await call(desk.core, 'incident/transition', { id, action: 'resume' });
    await call(desk.core, 'incident/transition', { id, action: 'wait' });
    desk.clock.advance(3 * DAY);
    expect(await desk.core.runTimeRules()).toMatchObject({ fired: 1 });
    const reminders = (await outbox(desk.core)).filter((m) => m.subject.startsWith('Waiting for your answer'));
    expect(reminders).toHaveLength(2);
  });

  it('send the resolution mail: nature, cause and solution, inviting a reply to reopen', async () => {
    const id = await incidentFromMail(desk, customerMail());
    await call(desk.core, 'incident/transition', { id, action: 'start' });
    await call(desk.core, 'incident/transition', {
      id,
      action: 'resolve',
      resolutionCode: 'solved_permanently',
      cause: 'A worn pick-up roller in tray 2.',
      notes: 'Replaced the roller.',
    });
    const mail = (await outbox(desk.core)).find((m) => m.subject.startsWith('Resolved:'))!;
    expect(mail.text).toContain('What it was: The printer on floor 2 jams');
    expect(mail.text).toContain('What caused it: A worn pick-up roller in tray 2.');
    expect(mail.text).toContain('What we did: Replaced the roller.');
    expect(mail.text).toMatch(/reply to this mail and the incident is reopened/);
  });

  it('fire nothing for changes another workstation made: its changes arrive with its firings', async () => {
    await incidentFromMail(desk, customerMail());
    const other = await openSendingDesk({ defaultRules: true });
    try {
      const theirs = new Set((await readChangeLog(other.core.store.db)).map((c) => c.id));
      const ours = (await readChangeLog(desk.core.store.db)).filter((c) => !theirs.has(c.id));
      await other.core.store.applyBatch(ours, 'remote');
      expect((await outbox(other.core)).map((m) => m.id)).toEqual((await outbox(desk.core)).map((m) => m.id));
      expect(await outbox(other.core)).toHaveLength(1);
    } finally {
      await other.dispose();
    }
  });

  it('can be turned off by a supervisor', async () => {
    const ack = (await call(desk.core, 'rule/list', {})).find((r) => r.id === DEFAULT_RULE_IDS.acknowledgement)!;
    const { unreadable: _unreadable, id, position: _position, builtIn: _builtIn, ...fields } = ack;
    await call(desk.core, 'rule/save', {
      ...fields,
      id,
      enabled: false,
      conditions: [...ack.conditions],
      actions: [...ack.actions],
    });
    await incidentFromMail(desk, customerMail());
    expect(await outbox(desk.core)).toEqual([]);
  });
});
