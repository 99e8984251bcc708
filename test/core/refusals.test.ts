import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerName } from '#shared/contract.ts';
import type { ErrorCode } from '#shared/errors.ts';
import { STATUSES } from '#shared/domain/enums.ts';
import type { Status } from '#shared/domain/enums.ts';
import type { Agent, Category, Contact, Group, Service } from '#shared/domain/reference.ts';
import { createCore } from '#core/index.ts';
import { openDemoCore } from '../helpers/demo-workspace.ts';
import type { DemoCore } from '../helpers/demo-workspace.ts';
import { fingerprintDatabase } from '../helpers/fingerprint.ts';
import { incidentInStatus } from '../helpers/incidents.ts';
import { agentInput, call, refusal } from '../helpers/invoke.ts';
import { tempDir, testClock } from '../helpers/temp-workspace.ts';

const UNKNOWN_ID = '0190f000-0000-7000-8000-00000000dead';

interface World {
  readonly supervisor: Agent;
  readonly agent: Agent;
  readonly otherAgent: Agent;
  readonly inactiveAgent: Agent;
  readonly group: Group;
  readonly category: Category;
  readonly otherCategory: Category;
  readonly service: Service;
  readonly contact: Contact;
  readonly supervisorView: string;
  /** Resolved, with its cause taken away again (as an incident resolved before the cause was asked for). */
  readonly resolvedWithoutCause: string;
  incidentIn(status: Status): string;
}

interface Refusal {
  readonly what: string;
  readonly name: HandlerName;
  readonly input: (world: World) => unknown;
  readonly code: ErrorCode;
  readonly message?: RegExp;
}

const newIncident = (world: World) => ({
  title: 'Scanner offline',
  channel: 'walk_in',
  impact: 2,
  urgency: 2,
  categoryId: world.category.id,
});

/** Every command that writes refuses when nobody has said who they are. */
const NOT_SIGNED_IN: Refusal[] = [
  { what: 'create an incident', name: 'incident/create', input: newIncident, code: 'not_signed_in' },
  {
    what: 'edit an incident',
    name: 'incident/update',
    input: (w) => ({ id: w.incidentIn('new'), fields: { title: 'x' } }),
    code: 'not_signed_in',
  },
  {
    what: 'assign an incident',
    name: 'incident/assign',
    input: (w) => ({ id: w.incidentIn('new'), assigneeId: w.agent.id }),
    code: 'not_signed_in',
  },
  {
    what: 'start work',
    name: 'incident/transition',
    input: (w) => ({ id: w.incidentIn('new'), action: 'start' }),
    code: 'not_signed_in',
  },
  {
    what: 'add a note',
    name: 'incident/addNote',
    input: (w) => ({ id: w.incidentIn('new'), body: 'Hello' }),
    code: 'not_signed_in',
  },
  {
    what: 'save a contact',
    name: 'contact/save',
    input: () => ({ name: 'Ann Lee', email: null, phone: null, organisation: null }),
    code: 'not_signed_in',
  },
  {
    what: 'save an agent',
    name: 'agent/save',
    input: () => ({ name: 'Eve', email: 'eve@northwind.example', role: 'supervisor', groupIds: [], active: true }),
    code: 'not_signed_in',
  },
  {
    what: 'save a group',
    name: 'group/save',
    input: () => ({ name: 'Night shift', description: '' }),
    code: 'not_signed_in',
  },
  {
    what: 'save a category',
    name: 'category/save',
    input: () => ({ name: 'Facilities', subcategories: [] }),
    code: 'not_signed_in',
  },
  {
    what: 'save a service',
    name: 'service/save',
    input: () => ({ name: 'Intranet', description: '' }),
    code: 'not_signed_in',
  },
  {
    what: 'save the priority matrix',
    name: 'priority/saveMatrix',
    input: () => ({
      cells: [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
    }),
    code: 'not_signed_in',
  },
  {
    what: 'save a view',
    name: 'view/save',
    input: () => ({ name: 'Mine', filter: {}, sort: { column: 'number', direction: 'asc' } }),
    code: 'not_signed_in',
  },
  { what: 'delete a view', name: 'view/delete', input: (w) => ({ id: w.supervisorView }), code: 'not_signed_in' },
];

/** Agents, groups, categories, services and the matrix shape the whole team's work: supervisors only. */
const AGENT_NOT_SUPERVISOR: Refusal[] = [
  {
    what: 'add an agent',
    name: 'agent/save',
    input: () => ({ name: 'Eve', email: 'eve@northwind.example', role: 'agent', groupIds: [], active: true }),
    code: 'forbidden',
    message: /supervisor/,
  },
  {
    what: 'promote themselves to supervisor',
    name: 'agent/save',
    input: (w) => ({ ...w.agent, role: 'supervisor' }),
    code: 'forbidden',
  },
  {
    what: 'deactivate a colleague',
    name: 'agent/save',
    input: (w) => ({ ...w.otherAgent, active: false }),
    code: 'forbidden',
  },
  { what: 'rename a group', name: 'group/save', input: (w) => ({ ...w.group, name: 'Renamed' }), code: 'forbidden' },
  {
    what: 'add a category',
    name: 'category/save',
    input: () => ({ name: 'Facilities', subcategories: ['Heating'] }),
    code: 'forbidden',
  },
  {
    what: 'edit a service',
    name: 'service/save',
    input: (w) => ({ ...w.service, description: 'x' }),
    code: 'forbidden',
  },
  {
    what: 'change the priority matrix',
    name: 'priority/saveMatrix',
    input: () => ({
      cells: [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
    }),
    code: 'forbidden',
  },
  {
    what: "rename a supervisor's saved view",
    name: 'view/save',
    input: (w) => ({
      id: w.supervisorView,
      name: 'Hijacked',
      filter: {},
      sort: { column: 'number', direction: 'asc' },
    }),
    code: 'not_found',
  },
];

const transition =
  (status: Status, action: string, extra: object = {}) =>
  (w: World) => ({
    id: w.incidentIn(status),
    action,
    ...extra,
  });

/** Rules of the lifecycle and of the workspace, enforced by the handlers even for a supervisor. */
const SUPERVISOR: Refusal[] = [
  {
    what: 'close an incident in progress',
    name: 'incident/transition',
    input: transition('in_progress', 'close'),
    code: 'invalid_transition',
  },
  {
    what: 'start a closed incident',
    name: 'incident/transition',
    input: transition('closed', 'start'),
    code: 'invalid_transition',
  },
  {
    what: 'wait on a new incident',
    name: 'incident/transition',
    input: transition('new', 'wait'),
    code: 'invalid_transition',
  },
  {
    what: 'resume work not paused',
    name: 'incident/transition',
    input: transition('in_progress', 'resume'),
    code: 'invalid_transition',
  },
  {
    what: 'reopen an open incident',
    name: 'incident/transition',
    input: transition('assigned', 'reopen', { notes: 'again' }),
    code: 'invalid_transition',
  },
  {
    what: 'cancel a cancelled incident',
    name: 'incident/transition',
    input: transition('cancelled', 'cancel', { notes: 'again' }),
    code: 'invalid_transition',
  },
  {
    what: 'resolve a resolved incident',
    name: 'incident/transition',
    input: transition('resolved', 'resolve', { notes: 'Fixed.', resolutionCode: 'duplicate' }),
    code: 'invalid_transition',
  },
  {
    what: 'resolve without notes',
    name: 'incident/transition',
    input: transition('in_progress', 'resolve', { resolutionCode: 'solved_permanently' }),
    code: 'invalid_input',
    message: /Resolution notes/,
  },
  {
    what: 'resolve with blank notes',
    name: 'incident/transition',
    input: transition('in_progress', 'resolve', { notes: '   ', resolutionCode: 'solved_permanently' }),
    code: 'invalid_input',
  },
  {
    what: 'resolve without a resolution code',
    name: 'incident/transition',
    input: transition('waiting_on_customer', 'resolve', { notes: 'Fixed the cable.' }),
    code: 'invalid_input',
    message: /Resolution code/,
  },
  {
    what: 'resolve without the cause',
    name: 'incident/transition',
    input: transition('in_progress', 'resolve', { notes: 'Fixed the cable.', resolutionCode: 'solved_permanently' }),
    code: 'invalid_input',
    message: /cause is required/,
  },
  {
    what: 'close a resolved incident whose cause was never recorded',
    name: 'incident/transition',
    input: (w: World) => ({ id: w.resolvedWithoutCause, action: 'close' }),
    code: 'invalid_transition',
    message: /complete the documentation: the cause is missing/,
  },
  {
    what: 'cancel without a reason',
    name: 'incident/transition',
    input: transition('new', 'cancel'),
    code: 'invalid_input',
  },
  {
    what: 'reopen without a reason',
    name: 'incident/transition',
    input: transition('closed', 'reopen'),
    code: 'invalid_input',
  },
  {
    what: 'edit a closed incident',
    name: 'incident/update',
    input: (w) => ({ id: w.incidentIn('closed'), fields: { title: 'Edited after closing' } }),
    code: 'invalid_transition',
    message: /reopen/,
  },
  {
    what: 'edit a cancelled incident',
    name: 'incident/update',
    input: (w) => ({ id: w.incidentIn('cancelled'), fields: { impact: 1 } }),
    code: 'invalid_transition',
  },
  {
    what: 'reassign a closed incident',
    name: 'incident/assign',
    input: (w) => ({ id: w.incidentIn('closed'), assigneeId: w.agent.id }),
    code: 'invalid_transition',
  },
  {
    what: 'reassign a resolved incident',
    name: 'incident/assign',
    input: (w) => ({ id: w.incidentIn('resolved'), assigneeId: null }),
    code: 'invalid_transition',
  },
  { what: 'open an unknown incident', name: 'incident/get', input: () => ({ id: UNKNOWN_ID }), code: 'not_found' },
  {
    what: 'edit an unknown incident',
    name: 'incident/update',
    input: () => ({ id: UNKNOWN_ID, fields: { title: 'x' } }),
    code: 'not_found',
  },
  {
    what: 'transition an unknown incident',
    name: 'incident/transition',
    input: () => ({ id: UNKNOWN_ID, action: 'start' }),
    code: 'not_found',
  },
  {
    what: 'note on an unknown incident',
    name: 'incident/addNote',
    input: () => ({ id: UNKNOWN_ID, body: 'x' }),
    code: 'not_found',
  },
  {
    what: 'create with an unknown category',
    name: 'incident/create',
    input: (w) => ({ ...newIncident(w), categoryId: UNKNOWN_ID }),
    code: 'invalid_input',
    message: /category/,
  },
  {
    what: 'create with an unknown service',
    name: 'incident/create',
    input: (w) => ({ ...newIncident(w), serviceId: UNKNOWN_ID }),
    code: 'invalid_input',
    message: /service/,
  },
  {
    what: 'create with an unknown reporter',
    name: 'incident/create',
    input: (w) => ({ ...newIncident(w), reporterId: UNKNOWN_ID }),
    code: 'invalid_input',
    message: /contact/,
  },
  {
    what: 'create for an unknown assignee',
    name: 'incident/create',
    input: (w) => ({ ...newIncident(w), assigneeId: UNKNOWN_ID }),
    code: 'invalid_input',
    message: /agent/,
  },
  {
    what: 'create for an unknown group',
    name: 'incident/create',
    input: (w) => ({ ...newIncident(w), groupId: UNKNOWN_ID }),
    code: 'invalid_input',
    message: /group/,
  },
  {
    what: 'create with a subcategory but no category',
    name: 'incident/create',
    input: (w) => ({ ...newIncident(w), categoryId: null, subcategory: w.category.subcategories[0] }),
    code: 'invalid_input',
  },
  {
    what: "create with another category's subcategory",
    name: 'incident/create',
    input: (w) => ({ ...newIncident(w), subcategory: w.otherCategory.subcategories[0] }),
    code: 'invalid_input',
    message: /not a subcategory/,
  },
  {
    what: 'move an incident to an unknown category',
    name: 'incident/update',
    input: (w) => ({ id: w.incidentIn('in_progress'), fields: { categoryId: UNKNOWN_ID } }),
    code: 'invalid_input',
  },
  {
    what: 'assign to an unknown agent',
    name: 'incident/assign',
    input: (w) => ({ id: w.incidentIn('new'), assigneeId: UNKNOWN_ID }),
    code: 'invalid_input',
  },
  {
    what: "give an agent a colleague's email",
    name: 'agent/save',
    input: (w) => ({ ...w.agent, email: w.otherAgent.email.toUpperCase() }),
    code: 'conflict',
  },
  {
    what: 'add an agent with a taken email',
    name: 'agent/save',
    input: (w) => ({ name: 'Twin', email: w.agent.email, role: 'agent', groupIds: [], active: true }),
    code: 'conflict',
  },
  {
    what: 'save an unknown agent',
    name: 'agent/save',
    input: (w) => ({ ...w.agent, id: UNKNOWN_ID, email: 'ghost@northwind.example' }),
    code: 'not_found',
  },
  {
    what: 'put an agent in an unknown group',
    name: 'agent/save',
    input: (w) => ({ ...w.agent, groupIds: [UNKNOWN_ID] }),
    code: 'invalid_input',
  },
  {
    what: 'save an unknown group',
    name: 'group/save',
    input: (w) => ({ ...w.group, id: UNKNOWN_ID }),
    code: 'not_found',
  },
  {
    what: 'save an unknown category',
    name: 'category/save',
    input: (w) => ({ ...w.category, id: UNKNOWN_ID }),
    code: 'not_found',
  },
  {
    what: 'save an unknown service',
    name: 'service/save',
    input: (w) => ({ ...w.service, id: UNKNOWN_ID }),
    code: 'not_found',
  },
  {
    what: 'save an unknown contact',
    name: 'contact/save',
    input: (w) => ({ ...w.contact, id: UNKNOWN_ID }),
    code: 'not_found',
  },
  {
    what: 'register an email already in use',
    name: 'session/register',
    input: (w) => ({ name: 'Someone Else', email: w.agent.email }),
    code: 'conflict',
  },
  {
    what: 'sign in as an unknown agent',
    name: 'session/signIn',
    input: () => ({ agentId: UNKNOWN_ID }),
    code: 'not_found',
  },
  {
    what: 'sign in as a deactivated agent',
    name: 'session/signIn',
    input: (w) => ({ agentId: w.inactiveAgent.id }),
    code: 'forbidden',
  },
  { what: 'create a demo over real data', name: 'workspace/createDemo', input: () => ({}), code: 'conflict' },
  {
    what: 'save a view under an unknown id',
    name: 'view/save',
    input: () => ({ id: UNKNOWN_ID, name: 'x', filter: {}, sort: { column: 'number', direction: 'asc' } }),
    code: 'not_found',
  },
];

describe('handler refusals', () => {
  let demo: DemoCore;
  let world: World;

  beforeAll(async () => {
    demo = await openDemoCore({ incidents: 40 });
    const { core, supervisor, agent } = demo;
    await call(core, 'session/signIn', { agentId: supervisor.id });
    const reference = await call(core, 'reference/get', {});
    const others = reference.agents.filter((a) => a.role === 'agent' && a.id !== agent.id);
    const inactiveAgent = await call(core, 'agent/save', agentInput(others[1]!, { active: false }));
    const supervisorView = await call(core, 'view/save', {
      name: 'Critical',
      filter: { priorities: [1] },
      sort: { column: 'updated', direction: 'desc' },
    });
    // One incident in every status, walked there through the handlers.
    const byStatus = new Map<Status, string>();
    for (const status of STATUSES) {
      const detail = await incidentInStatus(core, status, { assigneeId: agent.id });
      byStatus.set(status, detail.incident.id);
    }
    const [category, otherCategory] = reference.categories;
    const uncaused = await incidentInStatus(core, 'resolved', { assigneeId: agent.id });
    await call(core, 'incident/update', {
      id: uncaused.incident.id,
      fields: { cause: null, categoryId: category!.id },
    });
    world = {
      resolvedWithoutCause: uncaused.incident.id,
      supervisor,
      agent,
      otherAgent: others[0]!,
      inactiveAgent,
      group: reference.groups[0]!,
      category: category!,
      otherCategory: otherCategory!,
      service: reference.services[0]!,
      contact: (await call(core, 'contact/search', { text: '', limit: 1 }))[0]!,
      supervisorView: supervisorView.id,
      incidentIn: (status) => {
        const id = byStatus.get(status);
        if (!id) throw new Error(`The demo workspace has no ${status} incident.`);
        return id;
      },
    };
  });

  afterAll(async () => {
    await demo?.dispose();
  });

  const expectRefusals = async (cases: Refusal[]) => {
    const { core } = demo;
    const before = await fingerprintDatabase(core.store.db);
    for (const refused of cases) {
      const error = await refusal(core, refused.name, refused.input(world));
      expect(error.code, `${refused.what} (${refused.name}): ${error.message}`).toBe(refused.code);
      expect(error.message.length, refused.what).toBeGreaterThan(10);
      if (refused.message) expect(error.message, refused.what).toMatch(refused.message);
      expect(await fingerprintDatabase(core.store.db), `${refused.what} wrote to the database`).toEqual(before);
    }
  };

  it('refuses every write while nobody is signed in, and still answers reads', async () => {
    // The demo seed signs nobody in; forget the supervisor used for the setup.
    await demo.core.store.setMeta('session_agent_id', null);
    expect((await call(demo.core, 'session/get', {})).agent).toBeNull();
    await expectRefusals(NOT_SIGNED_IN);
    const page = await call(demo.core, 'queue/page', {
      filter: {},
      sort: { column: 'number', direction: 'asc' },
      offset: 0,
      limit: 5,
    });
    expect(page.total).toBe(40 + STATUSES.length + 1);
  });

  it('refuses team settings to an agent who is not a supervisor', async () => {
    await call(demo.core, 'session/signIn', { agentId: world.agent.id });
    await expectRefusals(AGENT_NOT_SUPERVISOR);
  });

  it('refuses what breaks the lifecycle or the workspace, even to a supervisor', async () => {
    await call(demo.core, 'session/signIn', { agentId: world.supervisor.id });
    await expectRefusals(SUPERVISOR);
  });
});

describe('an unexpected failure inside a handler', () => {
  it('comes back as internal data, logged, with nothing thrown at the caller', async () => {
    const folder = await tempDir();
    const logged: string[] = [];
    try {
      const core = await createCore({
        dataDir: folder.path,
        now: testClock().now,
        logger: { error: (message) => logged.push(message) },
      });
      await call(core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
      await core.close();
      const outcome = await core.invoke('incident/create', { title: 'x', channel: 'phone', impact: 3, urgency: 3 });
      expect(outcome).toEqual({
        ok: false,
        error: { code: 'internal', message: 'Something went wrong inside the desk; it has been logged.' },
      });
      expect(logged).toEqual(['Handler incident/create failed']);
    } finally {
      await folder.remove();
    }
  });
});
