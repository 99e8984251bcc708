import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_MATRIX } from '#shared/domain/priority.ts';
import { agentInput, call, refusal } from '../helpers/invoke.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

describe('sessions and a new workspace', () => {
  let temp: TempCore;
  beforeEach(async () => {
    temp = await openTempCore({ demoIncidents: 60 });
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('starts empty and signed out', async () => {
    expect(await call(temp.core, 'session/get', {})).toEqual({ agent: null, workspace: { incidents: 0, agents: 0 } });
    expect(await call(temp.core, 'reference/get', {})).toEqual({
      agents: [],
      groups: [],
      categories: [],
      services: [],
      priorityMatrix: DEFAULT_PRIORITY_MATRIX,
    });
  });

  it('makes the first agent to register a supervisor, and later ones agents', async () => {
    const { core } = temp;
    const first = await call(core, 'session/register', { name: 'Alex Morgan', email: ' Alex@Desk.Example ' });
    expect(first.agent).toMatchObject({
      name: 'Alex Morgan',
      email: 'alex@desk.example',
      role: 'supervisor',
      active: true,
    });
    expect(first.workspace).toEqual({ incidents: 0, agents: 1 });
    const second = await call(core, 'session/register', { name: 'Jonas Weber', email: 'jonas@desk.example' });
    expect(second.agent).toMatchObject({ name: 'Jonas Weber', role: 'agent' });
    expect((await call(core, 'session/get', {})).agent!.id).toBe(second.agent!.id);
    expect((await refusal(core, 'session/register', { name: 'Alex again', email: 'ALEX@desk.example' })).code).toBe(
      'conflict',
    );
    const back = await call(core, 'session/signIn', { agentId: first.agent!.id });
    expect(back.agent!.id).toBe(first.agent!.id);
  });

  it('creates the demo workspace once, signed in as its supervisor', async () => {
    const { core } = temp;
    const session = await call(core, 'workspace/createDemo', {});
    expect(session.workspace).toEqual({ incidents: 60, agents: 12 });
    expect(session.agent).toMatchObject({ role: 'supervisor' });
    expect((await refusal(core, 'workspace/createDemo', {})).code).toBe('conflict');
  });

  it('refuses the demo in a workspace that already has a team', async () => {
    await call(temp.core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
    expect((await refusal(temp.core, 'workspace/createDemo', {})).code).toBe('conflict');
  });
});

describe('reference data', () => {
  let temp: TempCore;
  let supervisorId: string;

  beforeEach(async () => {
    temp = await openTempCore();
    supervisorId = (await call(temp.core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' }))
      .agent!.id;
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('saves and edits groups, categories and services, listed by name', async () => {
    const { core } = temp;
    const network = await call(core, 'group/save', { name: ' Network ', description: 'LAN' });
    const desk = await call(core, 'group/save', { name: 'Desk', description: '' });
    expect(network).toEqual({ id: expect.any(String), name: 'Network', description: 'LAN' });
    const renamed = await call(core, 'group/save', { id: network.id, name: 'Network Ops', description: 'LAN, VPN' });
    expect(renamed).toEqual({ id: network.id, name: 'Network Ops', description: 'LAN, VPN' });

    const category = await call(core, 'category/save', {
      name: 'Hardware',
      subcategories: ['Printer', ' Laptop ', 'Printer'],
    });
    expect(category.subcategories).toEqual(['Printer', 'Laptop']);
    const service = await call(core, 'service/save', { name: 'VPN', description: 'Remote access' });
    const updated = await call(core, 'service/save', { id: service.id, name: 'VPN', description: 'Always-on VPN' });
    expect(updated.description).toBe('Always-on VPN');

    const reference = await call(core, 'reference/get', {});
    expect(reference.groups.map((g) => g.name)).toEqual(['Desk', 'Network Ops']);
    expect(reference.groups.map((g) => g.id)).toEqual([desk.id, network.id]);
    expect(reference.categories).toEqual([category]);
    expect(reference.services).toEqual([updated]);
  });

  it('saves agents with unique emails, known groups and no repeated group', async () => {
    const { core } = temp;
    const desk = await call(core, 'group/save', { name: 'Desk', description: '' });
    const jonas = await call(core, 'agent/save', {
      name: 'Jonas',
      email: 'Jonas@Desk.example',
      role: 'agent',
      groupIds: [desk.id, desk.id],
      active: true,
    });
    expect(jonas).toMatchObject({ email: 'jonas@desk.example', groupIds: [desk.id], role: 'agent' });
    const conflict = await refusal(core, 'agent/save', { ...jonas, id: undefined, name: 'Other Jonas' });
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toContain('jonas@desk.example');
    // Saving an agent with their own email is not a conflict.
    expect(await call(core, 'agent/save', agentInput(jonas, { name: 'Jonas Weber' }))).toMatchObject({
      name: 'Jonas Weber',
    });
    const agents = (await call(core, 'reference/get', {})).agents;
    expect(agents.map((a) => a.name)).toEqual(['Alex Morgan', 'Jonas Weber']);
  });

  it('keeps supervisors-only settings away from agents, but lets them save contacts', async () => {
    const { core } = temp;
    const jonas = await call(core, 'agent/save', {
      name: 'Jonas',
      email: 'jonas@desk.example',
      role: 'agent',
      groupIds: [],
      active: true,
    });
    await call(core, 'session/signIn', { agentId: jonas.id });
    for (const [name, input] of [
      ['group/save', { name: 'X', description: '' }],
      ['category/save', { name: 'X', subcategories: [] }],
      ['service/save', { name: 'X', description: '' }],
      ['agent/save', agentInput(jonas, { role: 'supervisor' })],
      ['priority/saveMatrix', DEFAULT_PRIORITY_MATRIX],
    ] as const) {
      expect((await refusal(core, name, input)).code, name).toBe('forbidden');
    }
    const contact = await call(core, 'contact/save', {
      name: 'Ann Lee',
      email: 'ANN@corp.example',
      phone: ' ',
      organisation: '',
    });
    expect(contact).toEqual({
      id: expect.any(String),
      name: 'Ann Lee',
      email: 'ann@corp.example',
      phone: null,
      organisation: null,
    });
  });

  it('finds contacts by name, email or phone, literally and within the limit', async () => {
    const { core } = temp;
    const people = [
      { name: 'Ann Lee', email: 'ann.lee@corp.example', phone: '+1 555 0101', organisation: 'Finance' },
      { name: 'Joanne Ball', email: 'jball@corp.example', phone: null, organisation: null },
      { name: 'Bo Chen', email: null, phone: '+1 555 0199', organisation: 'Sales' },
      { name: 'Dana 100%_Sure', email: 'dana@corp.example', phone: null, organisation: null },
      { name: 'annika Berg', email: 'annika@corp.example', phone: null, organisation: null },
    ];
    for (const person of people) await call(core, 'contact/save', person);
    const names = async (text: string, limit = 10) =>
      (await call(core, 'contact/search', { text, limit })).map((c) => c.name);
    expect(await names('ann')).toEqual(['Ann Lee', 'annika Berg', 'Joanne Ball']);
    expect(await names('ANN')).toEqual(['Ann Lee', 'annika Berg', 'Joanne Ball']);
    expect(await names('0199')).toEqual(['Bo Chen']);
    expect(await names('jball@')).toEqual(['Joanne Ball']);
    expect(await names('%_')).toEqual(['Dana 100%_Sure']);
    expect(await names('_')).toEqual(['Dana 100%_Sure']);
    expect(await names('')).toEqual(['Ann Lee', 'annika Berg', 'Bo Chen', 'Dana 100%_Sure', 'Joanne Ball']);
    expect(await names('', 2)).toEqual(['Ann Lee', 'annika Berg']);
    expect(await names('zzz')).toEqual([]);
  });

  it('saves the priority matrix for the whole team', async () => {
    const { core } = temp;
    const matrix = {
      cells: [
        [1, 1, 2],
        [1, 2, 3],
        [2, 3, 4],
      ] as [number, number, number][],
    };
    expect(await call(core, 'priority/saveMatrix', matrix as never)).toEqual(matrix);
    expect((await call(core, 'reference/get', {})).priorityMatrix).toEqual(matrix);
  });

  it('carries agent and group renames onto the incidents they work', async () => {
    const { core } = temp;
    const desk = await call(core, 'group/save', { name: 'Desk', description: '' });
    const jonas = await call(core, 'agent/save', {
      name: 'Jonas',
      email: 'jonas@desk.example',
      role: 'agent',
      groupIds: [desk.id],
      active: true,
    });
    const incident = await call(core, 'incident/create', {
      title: 'Printer',
      channel: 'phone',
      impact: 3,
      urgency: 3,
      assigneeId: jonas.id,
    });
    await call(core, 'agent/save', agentInput(jonas, { name: 'Jonas Weber' }));
    await call(core, 'group/save', { ...desk, name: 'Service Desk' });
    const { rows } = await call(core, 'queue/page', {
      filter: {},
      sort: { column: 'number', direction: 'asc' },
      offset: 0,
      limit: 10,
    });
    expect(rows).toEqual([
      expect.objectContaining({ id: incident.incident.id, assigneeName: 'Jonas Weber', groupName: 'Service Desk' }),
    ]);
  });

  it('signs out an agent who is deactivated, and refuses to sign them in again', async () => {
    const { core } = temp;
    const alex = (await call(core, 'session/get', {})).agent!;
    expect(alex.id).toBe(supervisorId);
    const deactivated = await call(core, 'agent/save', agentInput(alex, { active: false }));
    expect(deactivated.active).toBe(false);
    expect((await call(core, 'session/get', {})).agent).toBeNull();
    expect((await refusal(core, 'incident/create', { title: 'x', channel: 'phone', impact: 3, urgency: 3 })).code).toBe(
      'not_signed_in',
    );
    expect((await refusal(core, 'session/signIn', { agentId: alex.id })).code).toBe('forbidden');
  });
});
