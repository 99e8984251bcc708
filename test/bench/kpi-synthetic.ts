import { CHANNELS } from '#shared/domain/enums.ts';
import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import { incidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import type { IncidentKpiFacts, KpiTimelineEntry } from '#shared/domain/kpi-facts.ts';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { writeKpiFacts } from '#core/kpi/kpi-facts.repository.ts';
import { prng } from '../helpers/prng.ts';
import type { Prng } from '../helpers/prng.ts';

/**
 * The bench's own generator for sizes the demo seed would take hours to write through the write path (a
 * million incidents over two years): realistic histories turned into KPI facts by the same pure function the
 * write path uses, written straight into the facts table. Agents, groups and categories go through the
 * handlers as usual. Only the KPI figures can be measured on such a workspace: it has no incident rows.
 */
const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
const AGENTS = 24;
const GROUPS = 6;
const CATEGORIES = 10;
const CHUNK = 5_000;

function history(random: Prng, id: string, reportedAt: number, nowMs: number, people: People) {
  const group = random.pick(people.groups);
  const agents = people.agentsByGroup.get(group)!;
  const age = (nowMs - reportedAt) / DAY;
  const entries: KpiTimelineEntry[] = [];
  let at = reportedAt;
  let status: Status = 'new';
  let assignee: string | null = null;
  const move = (to: Status, minutes: number, extra: [string, unknown, unknown][] = []) => {
    at = Math.min(nowMs, at + Math.ceil(minutes * (0.2 + random.next() * 1.6)) * MINUTE);
    entries.push({
      at,
      type: 'changed',
      payload: {
        changes: [{ field: 'status', from: status, to }, ...extra.map(([field, from, v]) => ({ field, from, to: v }))],
      },
    });
    status = to;
  };
  const ended = age > 10 || random.next() < age / 12;
  if (age > 0.02 || random.next() < 0.5) {
    assignee = random.pick(agents);
    move('in_progress', 45, [['assigneeId', null, assignee]]);
  }
  if (ended && assignee) {
    if (random.next() < 0.3) move('waiting_on_customer', 90);
    move('resolved', 300);
    if (random.next() < 0.05) {
      move('in_progress', 600);
      move('resolved', 200);
    }
    if (age > 3) move('closed', 1_440);
  } else if (ended && random.next() < 0.5) {
    move('cancelled', 60);
  }
  return incidentKpiFacts({
    id,
    channel: random.pick(CHANNELS) as Channel,
    categoryId: random.pick(people.categories),
    serviceId: null,
    priority: random.int(1, 5) as Priority,
    groupId: group,
    assigneeId: assignee,
    status,
    reportedAt,
    createdAt: reportedAt,
    acknowledgedAt: assignee ? (entries[0]?.at ?? null) : null,
    entries,
  });
}

interface People {
  readonly groups: string[];
  readonly agentsByGroup: Map<string, string[]>;
  readonly categories: string[];
}

async function call(core: Core, name: string, input: unknown): Promise<{ id: string }> {
  const outcome = await core.invoke(name, input);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.value as { id: string };
}

/** Fills the (empty) workspace in `dataDir` with `incidents` incidents' facts over `days` days before now. */
export async function writeSyntheticKpiWorkspace(
  dataDir: string,
  options: { incidents: number; days: number; nowMs: number; log: (line: string) => void },
): Promise<void> {
  const core = await createCore({ dataDir, queueIndex: false, autoSync: false, now: () => options.nowMs });
  try {
    const random = prng(42);
    await call(core, 'session/register', { name: 'Bench Supervisor', email: 'bench@desk.example' });
    const people: People = { groups: [], agentsByGroup: new Map(), categories: [] };
    for (let g = 0; g < GROUPS; g++) {
      const { id } = await call(core, 'group/save', { name: `Group ${g + 1}`, description: '' });
      people.groups.push(id);
      people.agentsByGroup.set(id, []);
    }
    for (let a = 0; a < AGENTS; a++) {
      const group = people.groups[a % GROUPS]!;
      const { id } = await call(core, 'agent/save', {
        name: `Agent ${a + 1}`,
        email: `agent${a + 1}@desk.example`,
        role: 'agent',
        groupIds: [group],
        active: true,
      });
      people.agentsByGroup.get(group)!.push(id);
    }
    for (let c = 0; c < CATEGORIES; c++) {
      people.categories.push((await call(core, 'category/save', { name: `Category ${c + 1}`, subcategories: [] })).id);
    }
    const start = options.nowMs - options.days * DAY;
    for (let from = 0; from < options.incidents; from += CHUNK) {
      const facts: IncidentKpiFacts[] = [];
      for (let i = from; i < Math.min(options.incidents, from + CHUNK); i++) {
        const reportedAt = start + Math.floor(((options.nowMs - start) * (i + random.next())) / options.incidents);
        facts.push(
          history(random, `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, reportedAt, options.nowMs, people),
        );
      }
      await core.store.db.transaction().execute((tx) => writeKpiFacts(tx, facts));
      if ((from / CHUNK) % 20 === 0)
        options.log(`  … ${Math.min(options.incidents, from + CHUNK).toLocaleString('en')} incidents' facts`);
    }
  } finally {
    await core.close();
  }
}
