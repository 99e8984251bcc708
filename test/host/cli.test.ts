import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUSES } from '#shared/domain/enums.ts';
import { decodeHlc } from '#shared/hlc.ts';
import type { QueuePage } from '#shared/domain/queue.ts';
import { dueSummaryState } from '#shared/domain/incident-due.ts';
import type { SlaListPage } from '#shared/domain/sla-settings.ts';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { REPO_ROOT } from '../helpers/child-process.ts';
import { desk, deskInProcess } from '../helpers/desk-cli.ts';
import type { DeskRun as Run } from '../helpers/desk-cli.ts';
import { call } from '../helpers/invoke.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

type Row = Record<string, unknown>;

/** Ids are UUIDv7: their first part is the instant they were made, which moves with the clock. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g;

/**
 * What a seeded workspace holds, in terms that do not depend on when it was seeded: ids become numbers and
 * names, instants become offsets from the start of the demo's history.
 */
async function describeWorkspace(core: Core): Promise<unknown> {
  const db = core.store.db;
  const start = decodeHlc(
    // The first change seeding made: the default rules are stamped at the beginning of time, on every workspace.
    (
      await db
        .selectFrom('change')
        .select('hlc')
        .where('device', '!=', 'defaults')
        .orderBy('hlc')
        .executeTakeFirstOrThrow()
    ).hlc,
  ).wall;
  const offset = (iso: unknown) => (typeof iso === 'string' ? Date.parse(iso) - start : iso);
  const agents = new Map((await db.selectFrom('agent').selectAll().execute()).map((a) => [a.id, a.name]));
  const groups = new Map((await db.selectFrom('agent_group').selectAll().execute()).map((g) => [g.id, g.name]));
  const categories = new Map((await db.selectFrom('category').selectAll().execute()).map((c) => [c.id, c.name]));
  const contacts = new Map((await db.selectFrom('contact').selectAll().execute()).map((c) => [c.id, c.email]));
  const incidents = await db.selectFrom('incident').selectAll().orderBy('number').execute();
  const policies = new Map((await db.selectFrom('sla_policy').selectAll().execute()).map((p) => [p.id, p.name]));
  // Due instants run on office hours, which do not move with the seed's start: only whether there is one counts.
  const since = (ms: number | null) => (ms === null || ms >= 8e15 ? ms : 'set');
  const numbers = new Map(incidents.map((i) => [i.id, i.number]));
  const events = await db
    .selectFrom('timeline_event')
    .selectAll()
    .orderBy('entity_id')
    .orderBy('hlc')
    .orderBy('type')
    .execute();
  return {
    agents: (await db.selectFrom('agent').selectAll().orderBy('name').execute()).map((a) => ({
      name: a.name,
      email: a.email,
      role: a.role,
      groups: (JSON.parse(a.group_ids) as string[]).map((id) => groups.get(id)),
    })),
    contacts: [...contacts.values()].sort(),
    incidents: incidents.map((i: Row) => ({
      ...i,
      id: undefined,
      reporter_id: contacts.get(i.reporter_id as string) ?? null,
      category_id: categories.get(i.category_id as string) ?? null,
      assignee_id: agents.get(i.assignee_id as string) ?? null,
      group_id: groups.get(i.group_id as string) ?? null,
      service_id: i.service_id === null ? null : 'set',
      reported_at: offset(i.reported_at),
      acknowledged_at: offset(i.acknowledged_at),
      resolved_at: offset(i.resolved_at),
      closed_at: offset(i.closed_at),
      created_at: offset(i.created_at),
      updated_at: (i.updated_at as number) - start,
      sla_policy_id: policies.get(i.sla_policy_id as string) ?? null,
      sla_due_at: since(i.sla_due_at as number | null),
      sla_at_risk_at: since(i.sla_at_risk_at as number | null),
      sla_breach_at: since(i.sla_breach_at as number | null),
      first_response_due_at: since(i.first_response_due_at as number | null),
      next_update_due_at: since(i.next_update_due_at as number | null),
      resolution_due_at: since(i.resolution_due_at as number | null),
      sla_due_rank: since(i.sla_due_rank as number),
    })),
    timeline: events.map((e) => ({
      incident: numbers.get(e.entity_id),
      at: decodeHlc(e.hlc).wall - start,
      actor: e.actor === null ? null : agents.get(e.actor),
      type: e.type,
      payload: e.payload
        .replace(/"20\d\d-[^"]+"/g, (iso) => String(offset(JSON.parse(iso))))
        .replace(UUID, (id) => agents.get(id) ?? groups.get(id) ?? `id ${id.slice(14)}`),
    })),
  };
}

describe('the desk command', () => {
  let folder: TempDir;
  let seeded: [Run, Run];

  beforeAll(async () => {
    folder = await tempDir('desk-cli-');
    seeded = await Promise.all([
      desk('seed', '--data', path.join(folder.path, 'a'), '--incidents', '300', '--seed', '42'),
      desk('seed', '--data', path.join(folder.path, 'b'), '--incidents', '300', '--seed', '42'),
    ]);
  });

  afterAll(async () => {
    await folder?.remove();
  });

  // Read as seeded: no background duties (time rules would send the demo's waiting incidents reminders as it opens).
  const open = (name: string) =>
    createCore({ dataDir: path.join(folder.path, name), queueIndex: false, autoSync: false });

  describe('seed', () => {
    it('fills a workspace and says what it made', () => {
      for (const run of seeded) {
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(
          /^Seeded 300 incidents, 12 agents, 5 groups, 40 contacts \(\d+ changes\) in [\d.]+ s\.\n$/,
        );
      }
    });

    it('makes the same workspace twice for the same seed', async () => {
      const [a, b] = await Promise.all([open('a'), open('b')]);
      try {
        const [first, second] = await Promise.all([describeWorkspace(a), describeWorkspace(b)]);
        expect(second).toEqual(first);
        expect((first as { incidents: unknown[] }).incidents).toHaveLength(300);
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('makes a demo with every status and a timeline for every incident', async () => {
      const core = await open('a');
      try {
        const statuses = await core.store.db.selectFrom('incident').select('status').distinct().execute();
        expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(STATUSES));
        const { rows } = await call(core, 'queue/page', {
          filter: {},
          sort: { column: 'number', direction: 'asc' },
          offset: 0,
          limit: 500,
        });
        for (const row of rows) {
          const detail = await call(core, 'incident/get', { id: row.id });
          expect(detail.timeline.length, `INC-${row.number}`).toBeGreaterThan(0);
          expect(detail.timeline[0]!.type).toBe('created');
        }
      } finally {
        await core.close();
      }
    });

    it('refuses to seed a workspace that already has incidents', async () => {
      const run = await desk('seed', '--data', path.join(folder.path, 'a'), '--incidents', '10');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/desk seed: .*already has incidents/);
    });
  });

  describe('incidents', () => {
    it('prints the queue as JSON with its rows and total', async () => {
      const run = await desk(
        'incidents',
        '--data',
        path.join(folder.path, 'a'),
        '--json',
        '--status',
        'new,assigned',
        '--sort',
        'priority:asc',
        '--limit',
        '5',
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const page = JSON.parse(run.stdout) as QueuePage;
      const core = await open('a');
      try {
        const expected = await call(core, 'queue/page', {
          filter: { statuses: ['new', 'assigned'] },
          sort: { column: 'priority', direction: 'asc' },
          offset: 0,
          limit: 5,
        });
        expect(page).toEqual(expected);
        const inDatabase = await core.store.db
          .selectFrom('incident')
          .select('id')
          .where('status', 'in', ['new', 'assigned'])
          .execute();
        expect(page.total).toBe(inDatabase.length);
        expect(page.rows.length).toBe(Math.min(5, inDatabase.length));
        expect(page.rows.length).toBeGreaterThan(1);
        for (const row of page.rows) expect(['new', 'assigned']).toContain(row.status);
        const priorities = page.rows.map((row) => row.priority);
        expect(priorities).toEqual([...priorities].sort());
      } finally {
        await core.close();
      }
    });

    it('understands names, emails and text the way the queue screen does', async () => {
      const core = await open('a');
      let expected: QueuePage;
      let agentEmail: string;
      try {
        const reference = await call(core, 'reference/get', {});
        const agent = reference.agents.find((a) => a.role === 'agent')!;
        agentEmail = agent.email;
        const group = reference.groups.find((g) => g.name === 'Service Desk')!;
        expected = await call(core, 'queue/page', {
          filter: { assigneeIds: [agent.id, 'none'], groupIds: [group.id], text: 'printer', priorities: [3, 4, 5] },
          sort: { column: 'number', direction: 'desc' },
          offset: 2,
          limit: 3,
        });
      } finally {
        await core.close();
      }
      const run = await deskInProcess(
        'incidents',
        '--data',
        path.join(folder.path, 'a'),
        '--json',
        '--assignee',
        `${agentEmail.toUpperCase()},none`,
        '--group',
        'service desk',
        '--text',
        'printer',
        '--priority',
        '3,4',
        '--priority',
        '5',
        '--sort',
        'number:desc',
        '--offset',
        '2',
        '--limit',
        '3',
      );
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual(expected);
    });

    it('says who "me" is when nobody is signed in, rather than listing nothing', async () => {
      for (const args of [
        ['--assignee', 'me'],
        ['--text', 'assignee:me printer'],
      ]) {
        const run = await deskInProcess('incidents', '--data', path.join(folder.path, 'a'), ...args);
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr, args.join(' ')).toMatch(/"me" is the agent signed in on this workspace, and nobody is/);
        expect(run.stdout, args.join(' ')).not.toMatch(/of 0 incidents/);
      }
    });

    it('prints a readable table by default', async () => {
      const run = await deskInProcess(
        'incidents',
        '--data',
        path.join(folder.path, 'a'),
        '--sort',
        'number',
        '--limit',
        '3',
      );
      expect(run.code).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[0]).toMatch(/^INC-1 {2,}P\d {2}/);
      expect(lines[3]).toBe('1–3 of 300 incidents');
    });
  });

  describe('sla', () => {
    it('lists open incidents most urgent first, with their clocks, as the sla/list entry answers', async () => {
      const run = await deskInProcess('sla', '--data', path.join(folder.path, 'a'), '--json', '--limit', '20');
      expect(run.stderr).toBe('');
      const page = JSON.parse(run.stdout) as SlaListPage;
      const core = await open('a');
      try {
        const queue = await call(core, 'queue/page', {
          filter: { statuses: ['new', 'assigned', 'in_progress', 'waiting_on_customer'] },
          sort: { column: 'due', direction: 'asc' },
          offset: 0,
          limit: 20,
        });
        expect(page.total).toBe(queue.total);
        expect(page.rows.map((row) => row.incident.id)).toEqual(queue.rows.map((row) => row.id));
        expect(page.rows.filter((row) => row.clocks.length).length).toBeGreaterThan(5);
      } finally {
        await core.close();
      }
    });

    it('shows only breached or only at-risk incidents when asked, in a table by default', async () => {
      const data = path.join(folder.path, 'a');
      const breached = JSON.parse((await deskInProcess('sla', '--data', data, '--json', '--breached')).stdout);
      const now = Date.parse((breached as SlaListPage).evaluatedAt);
      for (const row of (breached as SlaListPage).rows) {
        expect(dueSummaryState(row.incident.due, now)).toBe('breached');
      }
      expect((breached as SlaListPage).total).toBeGreaterThan(0);
      const table = await deskInProcess('sla', '--data', data, '--breached', '--limit', '3');
      const lines = table.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^INC-\d+ +P\d {2}Breached {3}Overdue .* (First response|Next update|Resolution) /);
      expect(lines.at(-1)).toMatch(/^1–3 of \d+ open incidents$/);
      const atRisk = await deskInProcess('sla', '--data', data, '--json', '--at-risk');
      for (const row of (JSON.parse(atRisk.stdout) as SlaListPage).rows) {
        expect(dueSummaryState(row.incident.due, now)).not.toBe('breached');
      }
    });

    it('sorts and filters the incident list by due time', async () => {
      const data = path.join(folder.path, 'a');
      const run = await deskInProcess('incidents', '--data', data, '--json', '--sort', 'due', '--due', 'breached');
      const page = JSON.parse(run.stdout) as QueuePage;
      const dues = page.rows.map((row) => Date.parse(row.due.dueAt!));
      expect(dues.length).toBeGreaterThan(1);
      expect(dues).toEqual([...dues].sort((a, b) => a - b));
    });

    it('imports holidays from an .ics file into a calendar named on the command line', async () => {
      const data = path.join(folder.path, 'c');
      await desk('seed', '--data', data, '--incidents', '20');
      const file = path.join(folder.path, 'holidays.ics');
      await writeFile(
        file,
        [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'BEGIN:VEVENT',
          'UID:thanksgiving@desk.test',
          'DTSTART;VALUE=DATE:20261126',
          'SUMMARY:Thanksgiving',
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n'),
      );
      const calendar = ['calendar', 'import-holidays', '--data', data, '--calendar', 'office hours (new york)'];
      const anonymous = await deskInProcess(...calendar, file);
      expect(anonymous.code).toBe(1);
      expect(anonymous.stderr).toMatch(/Choose who you are.* Add --as with a supervisor's email/);
      const core = await open('c');
      const supervisor = (await call(core, 'reference/get', {})).agents.find((a) => a.role === 'supervisor')!;
      await core.close();
      const run = await deskInProcess(...calendar, '--as', supervisor.email, file);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Office hours \(New York\): 1 holiday\(s\) added, 0 renamed, 10 in all\. /);
      const again = await deskInProcess(...calendar, file);
      expect(again.stdout).toMatch(/0 holiday\(s\) added, 0 renamed, 10 in all/);
      const notIcs = await deskInProcess(...calendar, path.join(REPO_ROOT, 'package.json'));
      expect(notIcs.code).toBe(1);
      expect(notIcs.stderr).toMatch(/not a usable iCalendar/);
    });
  });

  describe('usage', () => {
    const MISSING_DATA = ['seed', '--incidents', '10'];
    const BAD: string[][] = [
      ['incidents', '--bogus'],
      ['incidents', '--status', 'open'],
      ['incidents', '--priority', '6'],
      ['incidents', '--channel', 'fax'],
      ['incidents', '--sort', 'colour'],
      ['incidents', '--sort', 'priority:sideways'],
      ['incidents', '--limit', '0'],
      ['incidents', '--limit', '501'],
      ['incidents', '--limit', 'ten'],
      ['incidents', '--offset', '-1'],
      ['incidents', '--assignee', 'nobody@nowhere.example'],
      ['incidents', '--group', 'No Such Group'],
      ['incidents', '--category', 'Gardening'],
      ['incidents', 'stray'],
      MISSING_DATA,
      ['seed', '--incidents', 'many'],
      ['seed', '--incidents', '1.5'],
      ['seed', '--seed', 'abc'],
      // The web command checks its options before it builds or serves anything.
      ['web', '--port', 'eighty'],
      ['web', '--port', '70000'],
      ['web', '--as', 'not-an-email'],
      ['web', '--no-open=yes'],
      ['sla', '--breached', '--at-risk'],
      ['sla', '--limit', '0'],
      ['incidents', '--due', 'late'],
      ['calendar', 'import-holidays', 'holidays.ics'],
      ['calendar', 'import-holidays', '--calendar', 'Office hours (New York)'],
      ['calendar', 'import-holidays', '--calendar', 'Nowhere', path.join(REPO_ROOT, 'package.json')],
      ['calendar', 'import-holidays', '--calendar', 'Office hours (New York)', 'no-such-file.ics'],
    ];
    /** Every other bad call names a workspace, so none of them can touch the default one. */
    const withData = (args: string[]) =>
      args === MISSING_DATA ? args : [...args, '--data', path.join(folder.path, 'a')];

    const expectUsageError = (args: string[], run: Run) => {
      const what = args.join(' ');
      const command = args[0] === 'calendar' ? `${args[0]} ${args[1]}` : args[0]!;
      expect(run.code, what).toBe(2);
      expect(run.stderr, what).toMatch(new RegExp(`^desk ${command}: .+\\nUsage: desk ${command} `, 's'));
      expect(run.stdout, what).toBe('');
    };

    it('answers every bad option with exit code 2 and the command’s usage', async () => {
      for (const args of BAD) expectUsageError(args, await deskInProcess(...withData(args)));
    });

    it('does the same as a real process, exit code included', async () => {
      const sample = [BAD[0]!, BAD[5]!, MISSING_DATA];
      const runs = await Promise.all(sample.map((args) => desk(...withData(args))));
      runs.forEach((run, i) => expectUsageError(sample[i]!, run));
    });

    it('answers an unknown command or none with exit code 2 and the list of commands', async () => {
      const [unknown, none] = await Promise.all([desk('frobnicate'), deskInProcess()]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/there is no command "frobnicate"/);
      expect(unknown.stderr).toMatch(/Usage: desk <command>/);
      expect(none.code).toBe(2);
      expect(none.stdout).toMatch(/Usage: desk <command>/);
    });

    it('shows help with exit code 0', async () => {
      const general = await deskInProcess('--help');
      expect(general.code).toBe(0);
      expect(general.stdout).toMatch(/seed +fill a workspace/);
      const incidents = await deskInProcess('incidents', '--help');
      expect(incidents.code).toBe(0);
      expect(incidents.stdout).toMatch(/^Usage: desk incidents /);
    });
  });
});
