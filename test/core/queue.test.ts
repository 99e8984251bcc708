import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, PRIORITIES, STATUSES } from '#shared/domain/enums.ts';
import type { IncidentSummary } from '#shared/domain/incident.ts';
import { DUE_STATES, toDueSummary } from '#shared/domain/incident-due.ts';
import { BUILT_IN_VIEWS, QUEUE_COLUMNS } from '#shared/domain/queue.ts';
import type { QueueColumn, QueueFilter, QueueSort } from '#shared/domain/queue.ts';
import type { Agent, Category, Group } from '#shared/domain/reference.ts';
import { openDemoCore } from '../helpers/demo-workspace.ts';
import type { DemoCore } from '../helpers/demo-workspace.ts';
import { agentInput, call } from '../helpers/invoke.ts';
import { compareKeys, loadReferenceIncidents, matchesFilter, sortKey } from '../helpers/queue-reference.ts';
import type { ReferenceIncident } from '../helpers/queue-reference.ts';

const MODES = [
  { name: 'in-memory index', queueIndex: true },
  { name: 'SQL (one-shot commands)', queueIndex: false },
] as const;

const DAY = 86_400_000;

/** Incidents whose words and names exercise search and sorting beyond the demo's plain ASCII. */
const CRAFTED = [
  { title: 'Écran noir au démarrage', description: 'Le poste affiche un écran noir.' },
  { title: 'écran bleu après mise à jour', description: 'Blue screen after the update.' },
  { title: 'zebra label printer offline', description: 'Warehouse labels cannot print.' },
  { title: 'ZEBRA scanner beeps', description: 'Handheld scanner in the warehouse.' },
  { title: '"Quoted" AND title NEAR(x) with * stars', description: 'Search syntax must be taken literally.' },
] as const;

describe.each(MODES)('the queue, answered from $name', ({ queueIndex }) => {
  let demo: DemoCore;
  let all: ReferenceIncident[];
  let groups: Group[];
  let categories: Category[];
  let agents: Agent[];

  const page = (filter: QueueFilter, sort: QueueSort, offset = 0, limit = 500) =>
    call(demo.core, 'queue/page', { filter, sort, offset, limit });

  const refresh = async () => {
    all = await loadReferenceIncidents(demo.core.store.db);
  };

  const expected = (filter: QueueFilter, agentId: string | null = demo.agent.id) =>
    all.filter((incident) => matchesFilter(incident, filter, { agentId, nowMs: demo.clock.now() }));

  const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id).sort();

  /** Reads the whole queue page by page in both directions and checks it against the reference sort. */
  const expectSortedLikeReference = async (column: QueueColumn) => {
    const everything = [...all].sort((a, b) => compareKeys(sortKey(a, column), sortKey(b, column)));
    const byId = new Map(all.map((incident) => [incident.id, incident]));
    const byDirection: Record<string, IncidentSummary[]> = {};
    for (const direction of ['asc', 'desc'] as const) {
      const rows: IncidentSummary[] = [];
      for (let offset = 0; ; offset += 37) {
        const result = await page({}, { column, direction }, offset, 37);
        expect(result.total).toBe(all.length);
        expect(result.offset).toBe(offset);
        rows.push(...result.rows);
        if (result.rows.length < 37) break;
      }
      expect(rows).toHaveLength(all.length);
      expect(new Set(rows.map((row) => row.id)).size, 'no incident on two pages').toBe(all.length);
      const keys = rows.map((row) => sortKey(byId.get(row.id)!, column));
      const reference = everything.map((incident) => sortKey(incident, column));
      expect(keys, `${column} ${direction}`).toEqual(direction === 'asc' ? reference : [...reference].reverse());
      byDirection[direction] = rows;
    }
    // Flipping the direction reverses the list exactly, ties included.
    expect(byDirection.desc!.map((r) => r.id)).toEqual(byDirection.asc!.map((r) => r.id).reverse());
  };

  beforeAll(async () => {
    demo = await openDemoCore({ incidents: 300, queueIndex });
    await call(demo.core, 'session/signIn', { agentId: demo.supervisor.id });
    for (const incident of CRAFTED) {
      demo.clock.advance(60_000);
      await call(demo.core, 'incident/create', { ...incident, channel: 'web', impact: 2, urgency: 3 });
    }
    const reference = await call(demo.core, 'reference/get', {});
    groups = [...reference.groups];
    categories = [...reference.categories];
    agents = [...reference.agents];
    await refresh();
  });

  afterAll(async () => {
    await demo?.dispose();
  });

  it("matches nobody with 'me' while nobody is signed in", async () => {
    await demo.core.store.setMeta('session_agent_id', null);
    const result = await page({ assigneeIds: ['me'] }, { column: 'number', direction: 'asc' });
    expect(result.total).toBe(0);
    const unassignedOrMine = await page({ assigneeIds: ['me', 'none'] }, { column: 'number', direction: 'asc' });
    expect(ids(unassignedOrMine.rows)).toEqual(ids(expected({ assigneeIds: ['none'] }, null)));
    await call(demo.core, 'session/signIn', { agentId: demo.agent.id });
  });

  describe('sorting', () => {
    for (const column of QUEUE_COLUMNS) {
      it(`by ${column}, both directions, page by page, in the order a reference sort gives`, async () => {
        await expectSortedLikeReference(column);
      });
    }

    it('shows the summary a row needs, as the incident itself says', async () => {
      const { rows } = await page({}, { column: 'number', direction: 'asc' }, 0, 500);
      const byId = new Map(all.map((incident) => [incident.id, incident]));
      for (const row of rows) {
        const incident = byId.get(row.id)!;
        expect(row).toEqual({
          id: incident.id,
          number: incident.number,
          provisionalNumber: incident.provisionalNumber,
          title: incident.title,
          status: incident.status,
          priority: incident.priority,
          assigneeId: incident.assigneeId,
          assigneeName: incident.assigneeName,
          groupId: incident.groupId,
          groupName: incident.groupName,
          channel: incident.channel,
          categoryId: incident.categoryId,
          updatedAt: new Date(incident.updatedAt).toISOString(),
          due: toDueSummary(incident.due),
        });
      }
    });
  });

  describe('filters', () => {
    const cases = (): [string, QueueFilter][] => {
      const group = groups[1]!;
      const category = categories[2]!;
      const colleague = agents.find((a) => a.id !== demo.agent.id && a.role === 'agent')!;
      return [
        ...STATUSES.map((status): [string, QueueFilter] => [`status ${status}`, { statuses: [status] }]),
        ['every open status', { statuses: ['new', 'assigned', 'in_progress', 'waiting_on_customer'] }],
        ...PRIORITIES.map((priority): [string, QueueFilter] => [`priority ${priority}`, { priorities: [priority] }]),
        ['priorities 1 and 2', { priorities: [1, 2] }],
        ...CHANNELS.map((channel): [string, QueueFilter] => [`channel ${channel}`, { channels: [channel] }]),
        ['a category', { categoryIds: [category.id] }],
        ['two categories', { categoryIds: [category.id, categories[0]!.id] }],
        ['a group', { groupIds: [group.id] }],
        ['no group', { groupIds: ['none'] }],
        ['a group or none', { groupIds: [group.id, 'none'] }],
        ['an agent by id', { assigneeIds: [colleague.id] }],
        ['me', { assigneeIds: ['me'] }],
        ['nobody', { assigneeIds: ['none'] }],
        ['me or nobody', { assigneeIds: ['me', 'none'] }],
        ['me or a colleague', { assigneeIds: ['me', colleague.id] }],
        ['an unknown agent', { assigneeIds: ['0190f000-0000-7000-8000-00000000dead'] }],
        ['resolved within 7 days', { resolvedWithinDays: 7 }],
        ['resolved within 30 days', { resolvedWithinDays: 30 }],
        ['my open work', { statuses: ['assigned', 'in_progress', 'waiting_on_customer'], assigneeIds: ['me'] }],
        ['urgent unassigned in a group', { priorities: [1, 2, 3], assigneeIds: ['none'], groupIds: [group.id] }],
        ['closed email in a category', { statuses: ['closed'], channels: ['email'], categoryIds: [category.id] }],
        ...DUE_STATES.map((state): [string, QueueFilter] => [`due ${state}`, { dueStates: [state] }]),
        ['open and at risk or breached', { statuses: ['new', 'in_progress'], dueStates: ['at_risk', 'breached'] }],
        ['nothing at all', {}],
      ];
    };

    it('match what the reference matches, for each kind of filter alone and combined', async () => {
      for (const [what, filter] of cases()) {
        const want = expected(filter);
        const result = await page(filter, { column: 'priority', direction: 'asc' });
        expect(result.total, what).toBe(want.length);
        expect(ids(result.rows), what).toEqual(ids(want));
      }
      // The cases are not vacuous: most of them match something and none matches everything.
      const sizes = cases().map(([, filter]) => expected(filter).length);
      expect(sizes.filter((n) => n > 0).length).toBeGreaterThan(sizes.length * 0.8);
      expect(sizes.filter((n) => n === all.length)).toHaveLength(1);
    });

    const SEARCHES = [
      'INC-12',
      'inc-12',
      'INC-150',
      '12',
      'printer',
      'PRINTER',
      'print',
      'vpn disconnects',
      'credentials',
      'screenshot',
      'écran',
      'ecran',
      'ECRAN NOIR',
      'zebra',
      'warehouse label',
      '"Quoted" AND',
      'NEAR(x)',
      '* stars',
      'no-such-words-anywhere',
      '   ',
      '—',
      // People, operators and phone numbers (the demo's contacts have numbers like +1 555 1037).
      'schmidt',
      'from:garcía',
      'from:garcia printer',
      'status:open printer',
      'status:"in progress"',
      'priority:1',
      'priority:p2 status:new',
      'assignee:me',
      'assignee:none status:open',
      '#12',
      '+1 555 1037',
      '5551037',
      '"printer offline"',
      'status:soon',
    ];
    for (const text of SEARCHES) {
      it(`search finds exactly what the reference finds for ${JSON.stringify(text)}`, async () => {
        const want = expected({ text });
        const result = await page({ text }, { column: 'number', direction: 'asc' });
        expect(result.total).toBe(want.length);
        expect(ids(result.rows)).toEqual(ids(want));
      });
    }

    it('finds an incident by its number, and by a word only its work notes contain', async () => {
      const target = all.find((incident) => incident.number === 12)!;
      const byNumber = await page({ text: 'INC-12' }, { column: 'number', direction: 'asc' });
      expect(byNumber.rows[0]!.id).toBe(target.id);
      const incident = all.find((i) => i.status === 'in_progress')!;
      await call(demo.core, 'incident/addNote', { id: incident.id, body: 'Swapped the flux capacitor.' });
      const found = await page({ text: 'capacitor' }, { column: 'number', direction: 'asc' });
      expect(found.rows.map((row) => row.id)).toEqual([incident.id]);
      await refresh();
    });

    it('combines search with the other filters', async () => {
      const filter: QueueFilter = { text: 'printer', statuses: ['closed', 'resolved'] };
      const want = expected(filter);
      expect(want.length).toBeGreaterThan(0);
      expect(want.length).toBeLessThan(expected({ text: 'printer' }).length);
      expect(ids((await page(filter, { column: 'title', direction: 'desc' })).rows)).toEqual(ids(want));
    });
  });

  describe('paging', () => {
    it('keeps offsets consistent with the total, one row at a time and past the end', async () => {
      const filter: QueueFilter = { statuses: ['closed'] };
      const sort: QueueSort = { column: 'updated', direction: 'desc' };
      const whole = await page(filter, sort);
      expect(whole.total).toBe(expected(filter).length);
      for (let offset = 0; offset < whole.total; offset += 7) {
        const one = await page(filter, sort, offset, 1);
        expect(one.total).toBe(whole.total);
        expect(one.rows.map((r) => r.id)).toEqual([whole.rows[offset]!.id]);
      }
      const tail = await page(filter, sort, whole.total - 3, 10);
      expect(tail.rows.map((r) => r.id)).toEqual(whole.rows.slice(-3).map((r) => r.id));
      const beyond = await page(filter, sort, whole.total + 100, 10);
      expect(beyond).toEqual({ rows: [], total: whole.total, offset: whole.total + 100 });
    });
  });

  describe('views', () => {
    it('list the built-in views with the counts their filters match', async () => {
      const views = await call(demo.core, 'queue/views', {});
      expect(views.filter((v) => v.builtIn).map((v) => v.id)).toEqual(BUILT_IN_VIEWS.map((v) => v.id));
      for (const view of views) expect(view.count, view.name).toBe(expected(view.filter).length);
      expect(views.find((v) => v.id === 'my-open')!.count).toBeGreaterThan(0);
      expect(views.find((v) => v.id === 'recently-resolved')!.count).toBeGreaterThan(0);
    });

    it("add an agent's own saved views, counted, and only for them", async () => {
      const saved = await call(demo.core, 'view/save', {
        name: 'Critical and high',
        filter: { priorities: [1, 2], statuses: ['new', 'assigned', 'in_progress'] },
        sort: { column: 'priority', direction: 'asc' },
      });
      expect(saved.count).toBe(expected(saved.filter).length);
      expect(saved.builtIn).toBe(false);
      let views = await call(demo.core, 'queue/views', {});
      expect(views.map((v) => v.name)).toContain('Critical and high');

      const renamed = await call(demo.core, 'view/save', {
        id: saved.id,
        name: 'P1 and P2',
        filter: saved.filter,
        sort: saved.sort,
      });
      expect(renamed.id).toBe(saved.id);
      views = await call(demo.core, 'queue/views', {});
      expect(views.map((v) => v.name)).toContain('P1 and P2');
      expect(views.map((v) => v.name)).not.toContain('Critical and high');

      await call(demo.core, 'session/signIn', { agentId: demo.supervisor.id });
      expect((await call(demo.core, 'queue/views', {})).map((v) => v.id)).not.toContain(saved.id);
      expect(await call(demo.core, 'view/delete', { id: saved.id })).toEqual({ deleted: false });

      await call(demo.core, 'session/signIn', { agentId: demo.agent.id });
      expect(await call(demo.core, 'view/delete', { id: saved.id })).toEqual({ deleted: true });
      expect((await call(demo.core, 'queue/views', {})).map((v) => v.id)).not.toContain(saved.id);
      expect(await call(demo.core, 'view/delete', { id: saved.id })).toEqual({ deleted: false });
    });
  });

  describe('after a change', () => {
    it('shows the change on the very next page: new incidents, edits, assignment and renames', async () => {
      const byNumber: QueueSort = { column: 'number', direction: 'desc' };
      const created = await call(demo.core, 'incident/create', {
        title: 'Aardvark-themed wallpaper request',
        channel: 'email',
        impact: 3,
        urgency: 3,
      });
      const id = created.incident.id;
      expect((await page({}, byNumber, 0, 1)).rows[0]!.id).toBe(id);
      await refresh();
      await expectSortedLikeReference('title');
      const firstByTitle = async () => (await page({}, { column: 'title', direction: 'asc' }, 0, 5)).rows;
      expect((await firstByTitle()).map((r) => r.id)).toContain(id);

      await call(demo.core, 'incident/update', {
        id,
        fields: { title: 'Zz wallpaper request', impact: 1, urgency: 1 },
      });
      expect((await firstByTitle()).map((r) => r.id)).not.toContain(id);
      await refresh();
      await expectSortedLikeReference('title');
      await expectSortedLikeReference('priority');
      await expectSortedLikeReference('updated');

      const mine = (await page({ assigneeIds: ['me'] }, byNumber)).total;
      await call(demo.core, 'incident/assign', { id, assigneeId: demo.agent.id });
      expect((await page({ assigneeIds: ['me'] }, byNumber)).total).toBe(mine + 1);

      await call(demo.core, 'session/signIn', { agentId: demo.supervisor.id });
      await call(demo.core, 'agent/save', agentInput(demo.agent, { name: 'Aaron Aardvark' }));
      const theirs = await page({ assigneeIds: [demo.agent.id] }, { column: 'assignee', direction: 'asc' });
      expect(theirs.total).toBe(mine + 1);
      expect(new Set(theirs.rows.map((r) => r.assigneeName))).toEqual(new Set(['Aaron Aardvark']));
      await refresh();
      await expectSortedLikeReference('assignee');
      await call(demo.core, 'session/signIn', { agentId: demo.agent.id });
    });

    it('answers searches correctly while a group is being renamed, and afterwards', async () => {
      await call(demo.core, 'session/signIn', { agentId: demo.supervisor.id });
      await refresh();
      const search: QueueFilter = { text: 'printer' };
      const sort: QueueSort = { column: 'number', direction: 'asc' };
      const want = expected(search).length;
      expect(want).toBeGreaterThan(3);
      const group = groups[0]!;
      for (let round = 0; round < 5; round++) {
        const rename = call(demo.core, 'group/save', { ...group, name: `Service Desk ${round}` });
        const during = [page(search, sort), page({ text: `printer ${round}` }, sort), page({}, sort)];
        await rename;
        const [searched, , everything] = await Promise.all(during);
        expect(searched!.total, `round ${round}: search during a rename`).toBe(want);
        expect(everything!.total, `round ${round}: the whole queue during a rename`).toBe(all.length);
        expect((await page(search, sort)).total, `round ${round}: search after a rename`).toBe(want);
        expect((await page({}, sort)).total, `round ${round}: whole queue after a rename`).toBe(all.length);
      }
      const renamed = await page({ groupIds: [group.id] }, sort, 0, 1);
      expect(renamed.rows[0]!.groupName).toBe('Service Desk 4');
      await call(demo.core, 'session/signIn', { agentId: demo.agent.id });
    });

    it('is the same queue after the workspace is reopened', async () => {
      const sort: QueueSort = { column: 'assignee', direction: 'desc' };
      const before = await page({ statuses: ['closed', 'in_progress'] }, sort);
      const { createCore } = await import('#core/index.ts');
      const other = await createCore({ dataDir: demo.dir, now: demo.clock.now, queueIndex });
      try {
        await call(other, 'session/signIn', { agentId: demo.agent.id });
        const after = await call(other, 'queue/page', {
          filter: { statuses: ['closed', 'in_progress'] },
          sort,
          offset: 0,
          limit: 500,
        });
        expect(after).toEqual(before);
      } finally {
        await other.close();
      }
    });
  });

  it('keeps recently resolved to the last days of the clock', async () => {
    const within = expected({ resolvedWithinDays: 7 });
    expect(within.length).toBeGreaterThan(0);
    for (const incident of within) {
      expect(Date.parse(incident.resolvedAt!)).toBeGreaterThanOrEqual(demo.clock.now() - 7 * DAY);
    }
  });
});
