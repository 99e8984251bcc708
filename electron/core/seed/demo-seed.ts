import type { Change, EntityKind, JsonValue } from '#shared/change.ts';
import { DeskError } from '#shared/errors.ts';
import { CHANNELS } from '#shared/domain/enums.ts';
import type { Channel, Level, ResolutionCode, Status } from '#shared/domain/enums.ts';
import type { FieldValue, Incident, IncidentField } from '#shared/domain/incident.ts';
import { planAssignment, planTransition } from '#shared/domain/lifecycle.ts';
import type { FieldUpdates, LifecycleState, TransitionAction, TransitionInput } from '#shared/domain/lifecycle.ts';
import { phoneSearchKeys } from '#shared/domain/phone.ts';
import { DEFAULT_PRIORITY_MATRIX, priorityFor } from '#shared/domain/priority.ts';
import { encodeHlc } from '#shared/hlc.ts';
import { recordIncidentChanges, recordNote } from '../incidents/incident.service.ts';
import { recordContactMessage } from '../inbox/triage.service.ts';
import { linkMessage } from '../messages/message-link.ts';
import type { ChangeRecorder, Store } from '../store/store.ts';
import {
  DEMO_AGENTS,
  DEMO_CATEGORIES,
  DEMO_DEPARTMENTS,
  DEMO_DOMAIN,
  DEMO_FIRST_NAMES,
  DEMO_GROUPS,
  DEMO_LAST_NAMES,
  DEMO_NOTES,
  DEMO_CAUSES,
  DEMO_RESOLUTIONS,
  DEMO_SERVICES,
} from './demo-catalogue.ts';
import { demoServiceLevels } from './demo-service-levels.ts';
import { checkSameSeed, interruptedSeed, recordProgress, seedFinished } from './seed-progress.ts';
import type { SeedProgress } from './seed-progress.ts';

/**
 * Deterministic, realistic demo data: the same seed and clock give the same workspace, byte for byte. Every
 * row is written as changes through the store's one write path, in batches, exactly as synced changes are.
 * A seed stopped part-way finishes when run again (seed-progress.ts).
 */
export interface SeedOptions {
  readonly incidents: number;
  readonly seed?: number;
  /** "Now" for the history; defaults to the store's clock. */
  readonly nowMs?: number;
  /** How many days of history lead up to now (90 by default; two years for the KPI benchmark). */
  readonly days?: number;
}

export interface SeedSummary {
  readonly agents: number;
  readonly groups: number;
  readonly contacts: number;
  readonly categories: number;
  readonly services: number;
  readonly incidents: number;
  readonly changes: number;
  /** The demo supervisor, for signing in to a fresh demo workspace. */
  readonly supervisorId: string;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
const HISTORY_DAYS = 90;
/** A resolved incident is reopened this often, and a worked one handed to someone else this often. */
const REOPEN_SHARE = 0.06;
const HAND_OVER_SHARE = 0.12;
const BATCH = 5_000;

/** The local part of a demo email: accents and apostrophes dropped, lower case ("Liam O’Connor" → "liam.oconnor"). */
function emailHandle(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\w.]/g, '')
    .toLowerCase();
}

/** mulberry32: small, fast and good enough for demo data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class DemoWriter {
  readonly #store: Store;
  readonly #rand: () => number;
  readonly #plan: Omit<SeedProgress, 'batches'>;
  /** Batches an interrupted run already committed: made again (the random sequence must advance), not applied. */
  readonly #committed: number;
  #batches = 0;
  #pending: Change[] = [];
  written = 0;

  constructor(store: Store, rand: () => number, plan: Omit<SeedProgress, 'batches'>, committed: number) {
    this.#store = store;
    this.#rand = rand;
    this.#plan = plan;
    this.#committed = committed;
  }

  /** A UUIDv7 for the given instant, with random bits from the seeded generator (or another one). */
  uuid(ms: number, rand: () => number = this.#rand): string {
    const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(rand() * 16).toString(16)).join('');
    const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
    const variant = (8 + Math.floor(rand() * 4)).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  }

  add(
    atMs: number,
    actor: string | null,
    entity: EntityKind,
    entityId: string,
    op: Change['op'],
    field: string,
    value: JsonValue,
  ): void {
    const hlc = encodeHlc({ wall: Math.floor(atMs), counter: 0 });
    const device = this.#store.deviceId;
    this.#pending.push({ id: this.uuid(atMs), hlc, device, actor, entity, entityId, op, field, value });
  }

  /** A recorder for one step at this instant, whose change ids come from the seeded generator (or another one). */
  recorderAt(atMs: number, actor: string | null, rand: () => number = this.#rand): ChangeRecorder {
    return this.#store.stampAt(Math.floor(atMs), actor, () => this.uuid(atMs, rand));
  }

  take(changes: readonly Change[]): void {
    this.#pending.push(...changes);
  }

  async flushIfFull(): Promise<void> {
    if (this.#pending.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.#pending.length) return;
    const batch = this.#pending;
    this.#pending = [];
    this.#batches += 1;
    if (this.#batches > this.#committed) {
      const progress = { ...this.#plan, batches: this.#batches };
      await this.#store.applyBatch(batch, 'local', { alongside: recordProgress(this.#store, progress) });
    }
    this.written += batch.length;
  }
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function weighted<T>(rand: () => number, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = rand() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['email', 40],
  ['phone', 25],
  ['web', 15],
  ['walk_in', 8],
  ['monitoring', 8],
  ['agent', 4],
];

/** Where an incident of this age has got to: recent ones are mostly open, old ones mostly closed. */
function finalStatus(rand: () => number, ageDays: number): Status {
  if (ageDays < 2) {
    return weighted(rand, [
      ['new', 25],
      ['assigned', 20],
      ['in_progress', 30],
      ['waiting_on_customer', 10],
      ['resolved', 15],
    ]);
  }
  if (ageDays < 10) {
    return weighted(rand, [
      ['new', 4],
      ['assigned', 8],
      ['in_progress', 18],
      ['waiting_on_customer', 12],
      ['resolved', 38],
      ['closed', 15],
      ['cancelled', 5],
    ]);
  }
  return weighted(rand, [
    ['in_progress', 2],
    ['waiting_on_customer', 2],
    ['resolved', 8],
    ['closed', 83],
    ['cancelled', 5],
  ]);
}

/** A moment in office hours on the given day, as people mostly report problems then. */
function officeTime(rand: () => number, dayStartMs: number): number {
  const hour = weighted(rand, [
    [8, 8],
    [9, 14],
    [10, 14],
    [11, 12],
    [12, 6],
    [13, 10],
    [14, 12],
    [15, 10],
    [16, 8],
    [17, 3],
    [20, 2],
    [2, 1],
  ]);
  return dayStartMs + hour * 3_600_000 + Math.floor(rand() * 3_600_000);
}

export async function seedDemoWorkspace(store: Store, options: SeedOptions): Promise<SeedSummary> {
  const seed = options.seed ?? 42;
  const interrupted = await interruptedSeed(store);
  if (interrupted) {
    checkSameSeed(interrupted, { incidents: options.incidents, seed, nowMs: options.nowMs, days: options.days });
  } else {
    const existing = await store.db
      .selectFrom('incident')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    if ((existing?.n ?? 0) > 0) {
      throw new DeskError('conflict', 'This workspace already has incidents; seed an empty data folder instead.');
    }
  }
  const rand = random(seed);
  // Service levels and call backs draw from generators of their own, so the rest of a seed's workspace is the
  // same as it was before they were added.
  const slaRand = random(seed + 0x51a);
  // Reopens and hand-overs draw from a stream of their own, so adding them left every other demo incident
  // exactly as it was.
  const sideRand = random(seed ^ 0x5eed);
  // A resumed seed keeps the moment it started at: its history must be the one it began writing.
  const nowMs = interrupted?.nowMs ?? options.nowMs ?? store.now();
  const days = interrupted?.days ?? options.days ?? HISTORY_DAYS;
  const start = nowMs - days * DAY;
  const plan = { incidents: options.incidents, seed, nowMs, days };
  const w = new DemoWriter(store, rand, plan, interrupted?.batches ?? 0);
  const side = new DemoWriter(store, sideRand, plan, 0);

  const setAll = (at: number, entity: EntityKind, id: string, fields: Record<string, JsonValue>) => {
    for (const [field, value] of Object.entries(fields)) w.add(at, null, entity, id, 'set', field, value);
  };

  const groupIds = DEMO_GROUPS.map((group) => {
    const id = w.uuid(start);
    setAll(start, 'group', id, { name: group.name, description: group.description });
    return id;
  });
  const agents = DEMO_AGENTS.map((agent) => {
    const id = w.uuid(start);
    // Emails are plain ASCII (Chloé is chloe@…), so every demo agent can be saved back through agent/save.
    const email = `${emailHandle(agent.name.split(' ')[0]!)}@${DEMO_DOMAIN}`;
    const groups = agent.groups.map((g) => groupIds[g]!);
    setAll(start, 'agent', id, { name: agent.name, email, role: agent.role, groupIds: groups, active: true });
    return { id, groups };
  });
  const serviceIds = DEMO_SERVICES.map((service) => {
    const id = w.uuid(start);
    setAll(start, 'service', id, { name: service.name, description: service.description });
    return id;
  });
  const categoryIds = DEMO_CATEGORIES.map((category) => {
    const id = w.uuid(start);
    setAll(start, 'category', id, {
      name: category.name,
      subcategories: [...category.subcategories],
      groupId: groupIds[usualGroup(category.templates)]!,
    });
    return id;
  });
  const contactCount = Math.max(40, Math.min(3_000, Math.ceil(options.incidents / 20)));
  const contactIds: string[] = [];
  const contacts = new Map<string, DemoContact>();
  for (let i = 0; i < contactCount; i++) {
    const first = pick(rand, DEMO_FIRST_NAMES);
    const last = pick(rand, DEMO_LAST_NAMES);
    const id = w.uuid(start);
    const handle = emailHandle(`${first}.${last}`);
    const phone = `+1 555 ${String(1000 + ((i * 37) % 9000)).padStart(4, '0')}`;
    const contact = { id, name: `${first} ${last}`, email: `${handle}${i}@${DEMO_DOMAIN}` };
    contacts.set(id, contact);
    setAll(start, 'contact', id, {
      name: contact.name,
      email: contact.email,
      phone,
      phoneKeys: phoneSearchKeys(phone).join(' '),
      organisation: pick(rand, DEMO_DEPARTMENTS),
    });
    contactIds.push(id);
  }
  const settings = w.recorderAt(start, null, slaRand);
  for (const record of demoServiceLevels(nowMs, () => w.uuid(start, slaRand))) {
    for (const [field, value] of Object.entries(record.fields)) settings.set(record.entity, record.id, field, value);
  }
  w.take(settings.changes);
  await w.flush();

  const times = Array.from({ length: options.incidents }, () =>
    officeTime(rand, start + Math.floor(rand() * days) * DAY),
  ).sort((a, b) => a - b);

  for (let i = 0; i < times.length; i++) {
    const reportedMs = Math.min(times[i]!, nowMs - MINUTE);
    const categoryIndex = Math.floor(rand() * DEMO_CATEGORIES.length);
    const category = DEMO_CATEGORIES[categoryIndex]!;
    const template = pick(rand, category.templates);
    const impact = weighted<Level>(rand, [
      [1, 10],
      [2, 35],
      [3, 55],
    ]);
    const urgency = weighted<Level>(rand, [
      [1, 12],
      [2, 38],
      [3, 50],
    ]);
    const channel = weighted(rand, CHANNEL_WEIGHTS);
    const id = w.uuid(reportedMs);
    const reporter = channel === 'monitoring' ? null : pick(rand, contactIds);
    const groupId = groupIds[template.group]!;
    const fields: Record<string, JsonValue> = {
      number: i + 1,
      title: template.title,
      description: template.description,
      channel: CHANNELS.includes(channel) ? channel : 'email',
      categoryId: categoryIds[categoryIndex]!,
      subcategory: template.subcategory,
      impact,
      urgency,
      priority: priorityFor(DEFAULT_PRIORITY_MATRIX, impact, urgency),
      status: 'new',
      groupId,
      tags: [],
      reportedAt: new Date(reportedMs).toISOString(),
      createdAt: new Date(reportedMs).toISOString(),
    };
    if (reporter) fields.reporterId = reporter;
    if (template.service !== null) fields.serviceId = serviceIds[template.service]!;
    setAll(reportedMs, 'incident', id, fields);
    w.add(reportedMs, null, 'incident', id, 'append', 'created', { action: 'create', changes: [] });

    const target = finalStatus(rand, (nowMs - reportedMs) / DAY);
    await playLifecycle(w, rand, side, sideRand, {
      id,
      reportedMs,
      nowMs,
      target,
      groupId,
      agents,
      reporter: reporter ? contacts.get(reporter)! : null,
      callRand: slaRand,
      state: { ...fields, id } as Lifecycle['state'],
    });
    await w.flushIfFull();
  }
  await w.flush();
  await seedFinished(store);

  return {
    agents: agents.length,
    groups: groupIds.length,
    contacts: contactIds.length,
    categories: categoryIds.length,
    services: serviceIds.length,
    incidents: times.length,
    changes: w.written,
    supervisorId: agents[0]!.id,
  };
}

interface DemoContact {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

interface Lifecycle {
  readonly id: string;
  readonly reportedMs: number;
  readonly nowMs: number;
  readonly target: Status;
  readonly groupId: string;
  readonly agents: readonly { id: string; groups: readonly string[] }[];
  readonly reporter: DemoContact | null;
  /** Whether and how the agent calls the reporter back (the first response), apart from the rest. */
  readonly callRand: () => number;
  /** The incident's lifecycle fields as the steps so far left them. */
  readonly state: { -readonly [F in IncidentField]?: FieldValue } & { readonly id: string };
}

/**
 * Walks the incident from New to its target status with the lifecycle's own plans and the service's own
 * writes (the same changes an agent's clicks make), stamped at instants in the incident's past.
 */
/** The cause that goes with resolution notes: paired rather than drawn, so the demo's random sequence stays. */
function causeOf(notes: string): string {
  return DEMO_CAUSES[DEMO_RESOLUTIONS.indexOf(notes)]!;
}

async function playLifecycle(
  w: DemoWriter,
  rand: () => number,
  side: DemoWriter,
  sideRand: () => number,
  life: Lifecycle,
): Promise<void> {
  const { target, state } = life;
  let at = life.reportedMs;
  const remaining = () => Math.max(MINUTE, life.nowMs - at);
  const advanceBy = (random: () => number, typicalMinutes: number) => {
    at = Math.min(at + Math.ceil((0.2 + random() * 1.6) * typicalMinutes * MINUTE), at + remaining() / 2);
    return at;
  };
  const advance = (typicalMinutes: number) => advanceBy(rand, typicalMinutes);
  const lifecycleState = (): LifecycleState & Pick<Incident, 'groupId'> => ({
    status: (state.status ?? 'new') as Status,
    assigneeId: (state.assigneeId ?? null) as string | null,
    groupId: (state.groupId ?? null) as string | null,
    acknowledgedAt: (state.acknowledgedAt ?? null) as string | null,
    resolvedAt: (state.resolvedAt ?? null) as string | null,
    closedAt: (state.closedAt ?? null) as string | null,
    resolutionCode: (state.resolutionCode ?? null) as ResolutionCode | null,
    resolutionNotes: (state.resolutionNotes ?? null) as string | null,
    cause: (state.cause ?? null) as string | null,
    categoryId: (state.categoryId ?? null) as string | null,
  });
  const record = (
    actor: string,
    write: (recorder: ChangeRecorder, now: string) => FieldUpdates,
    ids: DemoWriter = w,
  ) => {
    const recorder = ids.recorderAt(at, actor);
    Object.assign(state, write(recorder, recorder.at));
    w.take(recorder.changes);
  };
  const transition = (
    actor: string,
    action: TransitionAction,
    extra: Omit<TransitionInput, 'id' | 'action'> = {},
    ids: DemoWriter = w,
  ) =>
    record(
      actor,
      (recorder, now) => {
        const plan = planTransition(lifecycleState(), { action, ...extra }, { actorId: actor, now });
        recordIncidentChanges(recorder, state, plan.fields, action, plan.notes);
        return plan.fields;
      },
      ids,
    );
  const assign = (actor: string, target: { assigneeId: string; groupId?: string }, ids: DemoWriter = w) =>
    record(
      actor,
      (recorder, now) => {
        const fields = planAssignment(lifecycleState(), target, { actorId: actor, now });
        recordIncidentChanges(recorder, state, fields, 'assign');
        return fields;
      },
      ids,
    );
  if (target === 'new') return;

  const members = life.agents.filter((a) => a.groups.includes(life.groupId));
  let agent = pick(rand, members.length ? members : life.agents).id;
  if (target === 'cancelled') {
    advance(90);
    transition(agent, 'cancel', { notes: 'Duplicate of an incident already being worked on.' });
    return;
  }
  advance(25);
  assign(agent, { assigneeId: agent });
  if (target === 'assigned') return;
  advance(40);
  transition(agent, 'start');
  if (life.reporter && life.callRand() < 0.85) {
    // A minute after starting (never past now): the next step is always later than that.
    const callAt = at + Math.min(MINUTE, remaining() / 4);
    const recorder = w.recorderAt(callAt, agent, life.callRand);
    const call = recordContactMessage(recorder, {
      id: w.uuid(callAt, life.callRand),
      channel: 'phone',
      contact: life.reporter,
      subject: 'Called back',
      notes: 'Called the reporter back to say we are on it.',
      outbound: true,
    });
    linkMessage(recorder, call, state.id, 'threaded');
    w.take(recorder.changes);
  }
  if (sideRand() < HAND_OVER_SHARE) {
    // Handed to a colleague, now and then in another group (a functional escalation).
    const colleague = pick(
      sideRand,
      life.agents.filter((a) => a.id !== agent),
    );
    const elsewhere = sideRand() < 0.3 && !colleague.groups.includes(life.groupId);
    advanceBy(sideRand, 45);
    assign(agent, { assigneeId: colleague.id, ...(elsewhere ? { groupId: colleague.groups[0]! } : {}) }, side);
    agent = colleague.id;
  }
  if (rand() < 0.6) {
    advance(30);
    const body = pick(rand, DEMO_NOTES);
    record(agent, (recorder) => recordNote(recorder, { ...lifecycleState(), id: state.id }, body, agent));
  }
  if (target === 'in_progress') return;
  if (target === 'waiting_on_customer' || rand() < 0.3) {
    advance(60);
    transition(agent, 'wait');
    if (target === 'waiting_on_customer') return;
    advance(240);
    transition(agent, 'resume');
  }
  advance(120);
  const resolutionCode: ResolutionCode = weighted(rand, [
    ['solved_permanently', 40],
    ['solved_workaround', 25],
    ['solved_remotely', 20],
    ['user_instructed', 10],
    ['not_reproducible', 5],
  ]);
  const notes = pick(rand, DEMO_RESOLUTIONS);
  transition(agent, 'resolve', { resolutionCode, notes, cause: causeOf(notes) });
  if (sideRand() < REOPEN_SHARE) {
    advanceBy(sideRand, 60 * 6);
    transition(agent, 'reopen', { notes: 'The reporter says the problem is back.' }, side);
    advanceBy(sideRand, 180);
    const again = pick(sideRand, DEMO_RESOLUTIONS);
    transition(agent, 'resolve', { resolutionCode, notes: again, cause: causeOf(again) }, side);
  }
  if (target === 'resolved') return;
  advance(60 * 24);
  transition(agent, 'close');
}

/** The group most of a category's incidents go to: the one the inbox suggests for it. */
function usualGroup(templates: readonly { readonly group: number }[]): number {
  const counts = new Map<number, number>();
  for (const { group } of templates) counts.set(group, (counts.get(group) ?? 0) + 1);
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}
