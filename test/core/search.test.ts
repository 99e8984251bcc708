import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueFilter } from '#shared/domain/queue.ts';
import type { Agent, Contact } from '#shared/domain/reference.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

const MODES = [
  { name: 'in-memory index', queueIndex: true },
  { name: 'SQL (one-shot commands)', queueIndex: false },
] as const;

/**
 * What an agent searches for in a day at the desk: people by name, email and phone (however it is spaced),
 * words from notes, resolutions and the messages on an incident, and the operators an agent expects.
 */
describe.each(MODES)('search, answered from $name', ({ queueIndex }) => {
  let desk: TempCore;
  let me: Agent;
  let priya: Agent;
  let mia: Contact;
  let omar: Contact;
  const numbers: Record<string, number> = {};
  const ids: Record<string, string> = {};

  const found = async (text: string, filter: QueueFilter = {}) => {
    const page = await call(desk.core, 'queue/page', {
      filter: { ...filter, text },
      sort: { column: 'number', direction: 'asc' },
      offset: 0,
      limit: 100,
    });
    expect(page.total).toBe(page.rows.length);
    return page.rows.map((row) => row.title).sort();
  };

  const create = async (key: string, title: string, extra: Record<string, unknown> = {}) => {
    desk.clock.advance(60_000);
    const detail = await call(desk.core, 'incident/create', {
      title,
      description: `About ${key}.`,
      channel: 'phone',
      impact: 3,
      urgency: 3,
      ...extra,
    });
    numbers[key] = detail.incident.number!;
    ids[key] = detail.incident.id;
    return detail.incident.id;
  };

  beforeAll(async () => {
    desk = await openTempCore({ queueIndex });
    me = (await call(desk.core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' })).agent!;
    priya = await call(desk.core, 'agent/save', {
      name: 'Priya Shah',
      email: 'priya.shah@desk.example',
      role: 'agent',
      groupIds: [],
      active: true,
    });
    mia = await call(desk.core, 'contact/save', {
      name: 'Mia Lindqvist',
      email: 'mia.lindqvist51@northwind.example',
      phone: '+1 555 2739',
      organisation: 'Finance',
    });
    omar = await call(desk.core, 'contact/save', {
      name: 'Omar Haddad',
      email: 'omar@contoso.example',
      phone: '(212) 555-0147',
      organisation: 'Warehouse',
    });
    await create('printer', 'Printer jams on tray 2', { reporterId: mia.id });
    await create('wifi', 'Wi-Fi drops in meeting room', { reporterId: mia.id, assigneeId: priya.id });
    await create('laptop', 'Laptop will not charge', { reporterId: omar.id, assigneeId: me.id });
    await create('vpn', 'VPN disconnects hourly');
    await call(desk.core, 'incident/addNote', { id: ids.wifi!, body: 'Rebooted the AP switch on floor 3.' });
    await call(desk.core, 'incident/transition', {
      id: ids.laptop!,
      action: 'resolve',
      resolutionCode: 'solved_permanently',
      notes: 'Replaced the worn USB-C dock cable.',
      cause: 'A worn USB-C dock cable.',
    });
    // A call logged onto an incident: its subject and what the caller said are part of the incident.
    await call(desk.core, 'intake/logContact', {
      channel: 'phone',
      contactId: omar.id,
      subject: 'Calling back about the VPN',
      notes: 'Says the tunnel drops when the kettle boils.',
      incidentId: ids.vpn!,
    });
  });
  afterAll(() => desk?.dispose());

  it("finds a reporter's incidents by their name, their whole email and their organisation", async () => {
    expect(await found('Lindqvist')).toEqual(['Printer jams on tray 2', 'Wi-Fi drops in meeting room']);
    expect(await found('mia.lindqvist51@northwind.example')).toEqual([
      'Printer jams on tray 2',
      'Wi-Fi drops in meeting room',
    ]);
    expect(await found('warehouse')).toEqual(['Laptop will not charge']);
  });

  it('finds words only the internal notes or the resolution notes contain', async () => {
    expect(await found('AP switch')).toEqual(['Wi-Fi drops in meeting room']);
    expect(await found('dock cable')).toEqual(['Laptop will not charge']);
  });

  it('finds the subject and the text of the messages on an incident', async () => {
    expect(await found('kettle')).toEqual(['VPN disconnects hourly']);
    expect(await found('calling back')).toEqual(['VPN disconnects hourly']);
  });

  it('matches a phone number whatever its spacing or format', async () => {
    for (const text of ['5552739', '+1 555 2739', '(555) 2739', '555-2739']) {
      expect(await found(text), text).toEqual(['Printer jams on tray 2', 'Wi-Fi drops in meeting room']);
    }
    for (const text of ['2125550147', '+1 212 555 0147', '(212) 555-0147']) {
      expect(await found(text), text).toEqual(['Laptop will not charge']);
    }
  });

  it('follows a contact renamed after the incidents were logged', async () => {
    await call(desk.core, 'contact/save', { ...omar, name: 'Omar Nasser' });
    expect(await found('Nasser')).toEqual(['Laptop will not charge']);
    expect(await found('Haddad')).toEqual([]);
    await call(desk.core, 'contact/save', { ...omar });
    expect(await found('Haddad')).toEqual(['Laptop will not charge']);
  });

  it('reads the operators: from, assignee, status, priority, numbers and quoted phrases', async () => {
    expect(await found('from:lindqvist')).toEqual(['Printer jams on tray 2', 'Wi-Fi drops in meeting room']);
    expect(await found('from:"Omar Haddad"')).toEqual(['Laptop will not charge']);
    // A word in a message from Omar is not "from" him when he is not the reporter.
    expect(await found('from:omar vpn')).toEqual([]);
    expect(await found('assignee:priya')).toEqual(['Wi-Fi drops in meeting room']);
    expect(await found('assignee:me')).toEqual(['Laptop will not charge']);
    expect(await found('assignee:none')).toEqual(['Printer jams on tray 2', 'VPN disconnects hourly']);
    expect(await found('status:resolved')).toEqual(['Laptop will not charge']);
    expect(await found('status:open from:lindqvist')).toEqual([
      'Printer jams on tray 2',
      'Wi-Fi drops in meeting room',
    ]);
    expect(await found(`#${numbers.vpn}`)).toEqual(['VPN disconnects hourly']);
    expect(await found(`INC-${numbers.printer}`)).toEqual(['Printer jams on tray 2']);
    expect(await found('priority:5')).toHaveLength(4);
    expect(await found('priority:critical')).toEqual([]);
    expect(await found('"tray 2"')).toEqual(['Printer jams on tray 2']);
    expect(await found('"drops in meeting"')).toEqual(['Wi-Fi drops in meeting room']);
    expect(await found('"drops meeting"')).toEqual([]);
  });

  it('finds nothing for an operator value it cannot read, rather than everything', async () => {
    expect(await found('status:someday')).toEqual([]);
  });

  it('narrows a view with the search, never widens it', async () => {
    expect(await found('lindqvist', { assigneeIds: ['none'] })).toEqual(['Printer jams on tray 2']);
  });
});
