import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataChanged } from '#shared/contract.ts';
import type { Agent, Category, Contact, Group, Service } from '#shared/domain/reference.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

const MINUTE = 60_000;

interface Team {
  readonly alex: Agent;
  readonly jonas: Agent;
  readonly desk: Group;
  readonly network: Group;
  readonly hardware: Category;
  readonly software: Category;
  readonly email: Service;
  readonly ann: Contact;
}

/** A small team set up through the handlers, as a new workspace would be; Alex (supervisor) is signed in. */
async function setUpTeam(temp: TempCore): Promise<Team> {
  const { core, clock } = temp;
  await call(core, 'session/register', { name: 'Alex Morgan', email: 'Alex@Desk.example' });
  const desk = await call(core, 'group/save', { name: 'Service Desk', description: 'First line' });
  const network = await call(core, 'group/save', { name: 'Network', description: '' });
  const jonas = await call(core, 'agent/save', {
    name: 'Jonas Weber',
    email: 'jonas@desk.example',
    role: 'agent',
    groupIds: [network.id, desk.id],
    active: true,
  });
  const hardware = await call(core, 'category/save', { name: 'Hardware', subcategories: ['Printer', 'Laptop'] });
  const software = await call(core, 'category/save', { name: 'Software', subcategories: ['Crash', 'Printer'] });
  const email = await call(core, 'service/save', { name: 'Email', description: 'Mailboxes' });
  const ann = await call(core, 'contact/save', {
    name: 'Ann Lee',
    email: 'ann@corp.example',
    phone: null,
    organisation: 'Finance',
  });
  const alex = (await call(core, 'session/get', {})).agent!;
  clock.advance(MINUTE);
  return { alex, jonas, desk, network, hardware, software, email, ann };
}

describe('incidents through the handlers', () => {
  let temp: TempCore;
  let team: Team;

  beforeEach(async () => {
    temp = await openTempCore();
    team = await setUpTeam(temp);
  });

  afterEach(async () => {
    await temp.dispose();
  });

  it('creates an incident with its references, priority from the matrix, the next number and a timeline', async () => {
    const { core, clock } = temp;
    const first = await call(core, 'incident/create', {
      title: '  Printer jams on tray 2 ',
      description: 'Every job.',
      channel: 'phone',
      reporterId: team.ann.id,
      categoryId: team.hardware.id,
      subcategory: 'Printer',
      serviceId: team.email.id,
      impact: 2,
      urgency: 3,
      tags: ['printer', 'floor-2', 'printer'],
      reportedAt: '2026-03-02T08:15:00+01:00',
    });
    expect(first.incident).toMatchObject({
      number: 1,
      title: 'Printer jams on tray 2',
      channel: 'phone',
      reporterId: team.ann.id,
      categoryId: team.hardware.id,
      subcategory: 'Printer',
      serviceId: team.email.id,
      impact: 2,
      urgency: 3,
      priority: 4,
      priorityOverride: null,
      status: 'new',
      assigneeId: null,
      groupId: null,
      tags: ['printer', 'floor-2'],
      reportedAt: '2026-03-02T07:15:00.000Z',
      acknowledgedAt: null,
      createdAt: new Date(clock.now()).toISOString(),
      updatedAt: new Date(clock.now()).toISOString(),
    });
    expect(first.timeline).toEqual([
      {
        id: expect.any(String),
        at: new Date(clock.now()).toISOString(),
        actorId: team.alex.id,
        type: 'created',
        action: 'create',
        changes: [],
        body: null,
        message: null,
      },
    ]);

    clock.advance(MINUTE);
    const second = await call(core, 'incident/create', {
      title: 'Outlook crashes',
      channel: 'email',
      impact: 1,
      urgency: 1,
    });
    expect(second.incident.number).toBe(2);
    expect(second.incident.priority).toBe(1);
    expect(second.incident.reportedAt).toBe(new Date(clock.now()).toISOString());
    expect(await call(core, 'incident/get', { id: first.incident.id })).toEqual(first);
  });

  it('assigns on creation: the assignee’s first group, Assigned, and acknowledged when agents take it themselves', async () => {
    const { core } = temp;
    const forJonas = await call(core, 'incident/create', {
      title: 'VPN drops',
      channel: 'email',
      impact: 2,
      urgency: 2,
      assigneeId: team.jonas.id,
    });
    expect(forJonas.incident).toMatchObject({
      status: 'assigned',
      assigneeId: team.jonas.id,
      groupId: team.network.id,
      acknowledgedAt: null,
    });
    const forMe = await call(core, 'incident/create', {
      title: 'Walk-in: broken mouse',
      channel: 'walk_in',
      impact: 3,
      urgency: 3,
      assigneeId: team.alex.id,
      groupId: team.desk.id,
    });
    expect(forMe.incident).toMatchObject({
      status: 'assigned',
      groupId: team.desk.id,
      acknowledgedAt: new Date(temp.clock.now()).toISOString(),
    });
  });

  it('follows a priority override and a changed matrix', async () => {
    const { core } = temp;
    const overridden = await call(core, 'incident/create', {
      title: 'CEO laptop',
      channel: 'phone',
      impact: 3,
      urgency: 3,
      priorityOverride: { priority: 1, reason: ' CEO travelling today ' },
    });
    expect(overridden.incident.priority).toBe(1);
    expect(overridden.incident.priorityOverride).toEqual({ priority: 1, reason: 'CEO travelling today' });

    const cleared = await call(core, 'incident/update', {
      id: overridden.incident.id,
      fields: { priorityOverride: null },
    });
    expect(cleared.incident.priority).toBe(5);

    await call(core, 'priority/saveMatrix', {
      cells: [
        [1, 1, 1],
        [2, 2, 2],
        [3, 3, 4],
      ],
    });
    const after = await call(core, 'incident/create', { title: 'Low low', channel: 'web', impact: 3, urgency: 3 });
    expect(after.incident.priority).toBe(4);
    // Existing incidents keep their priority until their impact or urgency changes.
    expect((await call(core, 'incident/get', { id: overridden.incident.id })).incident.priority).toBe(5);
    const bumped = await call(core, 'incident/update', { id: overridden.incident.id, fields: { urgency: 1 } });
    expect(bumped.incident.priority).toBe(3);
  });

  it('records each edit as changed fields, old to new, and writes nothing for an edit that changes nothing', async () => {
    const { core, clock } = temp;
    const created = await call(core, 'incident/create', {
      title: 'Printer jams',
      channel: 'phone',
      categoryId: team.hardware.id,
      subcategory: 'Printer',
      impact: 3,
      urgency: 3,
    });
    const id = created.incident.id;
    clock.advance(MINUTE);
    const edited = await call(core, 'incident/update', { id, fields: { title: 'Printer jams badly', impact: 1 } });
    expect(edited.incident).toMatchObject({ title: 'Printer jams badly', impact: 1, priority: 3 });
    const entry = edited.timeline.at(-1)!;
    expect(entry).toMatchObject({ type: 'changed', action: 'edit', actorId: team.alex.id });
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { field: 'title', from: 'Printer jams', to: 'Printer jams badly' },
        { field: 'impact', from: 3, to: 1 },
        { field: 'priority', from: 5, to: 3 },
        { field: 'acknowledgedAt', from: null, to: new Date(clock.now()).toISOString() },
      ]),
    );
    expect(edited.incident.updatedAt).toBe(new Date(clock.now()).toISOString());

    const changesBefore = await core.store.db.selectFrom('change').select('id').execute();
    clock.advance(MINUTE);
    const same = await call(core, 'incident/update', { id, fields: { title: 'Printer jams badly', impact: 1 } });
    expect(same).toEqual(edited);
    expect(await core.store.db.selectFrom('change').select('id').execute()).toHaveLength(changesBefore.length);
  });

  it('clears a subcategory that does not belong to a new category, and keeps one that does', async () => {
    const { core } = temp;
    const created = await call(core, 'incident/create', {
      title: 'Laptop fan loud',
      channel: 'walk_in',
      categoryId: team.hardware.id,
      subcategory: 'Laptop',
      impact: 3,
      urgency: 3,
    });
    const moved = await call(core, 'incident/update', {
      id: created.incident.id,
      fields: { categoryId: team.software.id },
    });
    expect(moved.incident).toMatchObject({ categoryId: team.software.id, subcategory: null });

    const printer = await call(core, 'incident/create', {
      title: 'Printer driver crash',
      channel: 'web',
      categoryId: team.hardware.id,
      subcategory: 'Printer',
      impact: 3,
      urgency: 3,
    });
    const kept = await call(core, 'incident/update', {
      id: printer.incident.id,
      fields: { categoryId: team.software.id },
    });
    expect(kept.incident.subcategory).toBe('Printer');
  });

  it('walks the whole lifecycle, leaving a timeline entry for each step', async () => {
    const { core, clock } = temp;
    const created = await call(core, 'incident/create', {
      title: 'Wi-Fi slow',
      channel: 'web',
      categoryId: team.hardware.id,
      impact: 2,
      urgency: 2,
    });
    const id = created.incident.id;
    const at = () => new Date(clock.now()).toISOString();

    clock.advance(MINUTE);
    let detail = await call(core, 'incident/assign', { id, assigneeId: team.jonas.id });
    expect(detail.incident).toMatchObject({ status: 'assigned', assigneeId: team.jonas.id, groupId: team.network.id });
    expect(detail.incident.acknowledgedAt).toBeNull();

    clock.advance(MINUTE);
    const startedAt = at();
    detail = await call(core, 'incident/transition', { id, action: 'start' });
    expect(detail.incident).toMatchObject({ status: 'in_progress', acknowledgedAt: startedAt });

    clock.advance(MINUTE);
    detail = await call(core, 'incident/transition', { id, action: 'wait' });
    expect(detail.incident.status).toBe('waiting_on_customer');
    clock.advance(MINUTE);
    detail = await call(core, 'incident/transition', { id, action: 'resume' });
    expect(detail.incident.status).toBe('in_progress');

    clock.advance(MINUTE);
    const resolvedAt = at();
    detail = await call(core, 'incident/transition', {
      id,
      action: 'resolve',
      notes: 'Moved the access point.',
      resolutionCode: 'solved_permanently',
      cause: 'The access point was too far from the meeting room.',
    });
    expect(detail.incident).toMatchObject({
      status: 'resolved',
      resolvedAt,
      resolutionCode: 'solved_permanently',
      resolutionNotes: 'Moved the access point.',
      cause: 'The access point was too far from the meeting room.',
      acknowledgedAt: startedAt,
    });

    clock.advance(MINUTE);
    detail = await call(core, 'incident/transition', { id, action: 'close' });
    expect(detail.incident).toMatchObject({ status: 'closed', closedAt: at() });

    clock.advance(MINUTE);
    detail = await call(core, 'incident/transition', { id, action: 'reopen', notes: 'Slow again on Monday.' });
    expect(detail.incident).toMatchObject({
      status: 'in_progress',
      resolvedAt: null,
      closedAt: null,
      resolutionCode: null,
      resolutionNotes: null,
      cause: null,
      assigneeId: team.jonas.id,
      acknowledgedAt: startedAt,
    });

    // The default rules act too: the acknowledgement of a web incident, the resolution mail; with no reporter
    // to write to, each says so.
    expect(detail.timeline.map((e) => [e.type, e.action, e.automation?.ruleName ?? null])).toEqual([
      ['created', 'create', null],
      ['changed', 'automation', 'Acknowledgement'],
      ['changed', 'assign', null],
      ['changed', 'start', null],
      ['changed', 'wait', null],
      ['changed', 'resume', null],
      ['changed', 'resolve', null],
      ['changed', 'automation', 'Resolution mail'],
      ['changed', 'close', null],
      ['changed', 'reopen', null],
    ]);
    expect(detail.timeline.filter((e) => e.automation).map((e) => e.automation!.outcomes)).toEqual([
      ['Not sent “Acknowledgement”: the reporter has no email address'],
      ['Not sent “Resolution”: the reporter has no email address'],
    ]);
    expect(detail.timeline.find((e) => e.action === 'resolve')!.body).toBe('Moved the access point.');
    expect(detail.timeline.find((e) => e.action === 'reopen')!.body).toBe('Slow again on Monday.');
    expect(detail.timeline.find((e) => e.action === 'start')!.changes).toEqual(
      expect.arrayContaining([{ field: 'status', from: 'assigned', to: 'in_progress' }]),
    );
    const times = detail.timeline.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it('unassigns back to New, and cancels with a reason', async () => {
    const { core } = temp;
    const created = await call(core, 'incident/create', {
      title: 'Duplicate ticket',
      channel: 'email',
      impact: 3,
      urgency: 3,
      assigneeId: team.jonas.id,
    });
    const id = created.incident.id;
    expect((await call(core, 'incident/assign', { id, assigneeId: null })).incident.status).toBe('new');
    const cancelled = await call(core, 'incident/transition', { id, action: 'cancel', notes: 'Raised twice.' });
    expect(cancelled.incident).toMatchObject({
      status: 'cancelled',
      closedAt: new Date(temp.clock.now()).toISOString(),
    });
    expect(cancelled.timeline.at(-1)!.body).toBe('Raised twice.');
  });

  it('adds work notes to the timeline; a note acknowledges an open incident', async () => {
    const { core, clock } = temp;
    const created = await call(core, 'incident/create', {
      title: 'Mailbox full',
      channel: 'email',
      impact: 3,
      urgency: 2,
    });
    clock.advance(MINUTE);
    const noted = await call(core, 'incident/addNote', { id: created.incident.id, body: '  Asked user to archive.  ' });
    expect(noted.timeline.at(-1)).toMatchObject({
      type: 'note',
      body: 'Asked user to archive.',
      actorId: team.alex.id,
    });
    expect(noted.incident.acknowledgedAt).toBe(new Date(clock.now()).toISOString());
    expect(noted.incident.updatedAt).toBe(new Date(clock.now()).toISOString());
    clock.advance(MINUTE);
    const again = await call(core, 'incident/addNote', { id: created.incident.id, body: 'Archived.' });
    expect(again.incident.acknowledgedAt).toBe(noted.incident.acknowledgedAt);
    expect(again.timeline.filter((e) => e.type === 'note').map((e) => e.body)).toEqual([
      'Asked user to archive.',
      'Archived.',
    ]);
  });

  it('tells every subscriber which incidents changed, once committed', async () => {
    const { core } = temp;
    const events: DataChanged[] = [];
    const stop = core.subscribe('data/changed', (payload) => events.push(payload));
    const created = await call(core, 'incident/create', {
      title: 'Phone dead',
      channel: 'phone',
      impact: 2,
      urgency: 2,
    });
    expect(events).toEqual([
      { incidentIds: [created.incident.id], reference: false, inbox: false, notifications: false },
    ]);
    await call(core, 'group/save', { name: 'Night shift', description: '' });
    expect(events.at(-1)).toEqual({ incidentIds: [], reference: true, inbox: false, notifications: false });
    await call(core, 'incident/update', { id: created.incident.id, fields: { title: 'Desk phone dead' } });
    expect(events.at(-1)).toEqual({
      incidentIds: [created.incident.id],
      reference: false,
      inbox: false,
      notifications: false,
    });
    // Nothing to say when nothing changed: the same edit again, and reads.
    await call(core, 'incident/update', { id: created.incident.id, fields: { title: 'Desk phone dead' } });
    await call(core, 'queue/page', { filter: {}, sort: { column: 'number', direction: 'asc' }, offset: 0, limit: 10 });
    expect(events).toHaveLength(3);
    stop();
    await call(core, 'incident/addNote', { id: created.incident.id, body: 'Replaced handset.' });
    expect(events).toHaveLength(3);
  });
});
