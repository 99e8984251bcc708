import { CompiledQuery } from 'kysely';
import { CHANNELS, STATUSES } from '#shared/domain/enums.ts';
import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import type { IncidentSummary } from '#shared/domain/incident.ts';
import { DUE_PHASES, dueRank, dueStateAt, toDueSummary } from '#shared/domain/incident-due.ts';
import type { DuePhase, DueState } from '#shared/domain/incident-due.ts';
import { SLA_CLOCKS } from '#shared/domain/sla-input.ts';
import type { SlaClockName } from '#shared/domain/sla-input.ts';
import { QUEUE_COLUMNS } from '#shared/domain/queue.ts';
import type { QueueColumn, QueueFilter, QueuePage, QueueSort } from '#shared/domain/queue.ts';
import type { Db } from '../store/store.ts';
import type { QueueContext } from './queue.repository.ts';

/**
 * The queue in memory: the dozen columns the queue filters and sorts on, for every incident, stored column
 * by column in typed arrays, with one sorted order per sort column kept up to date as incidents change. A
 * page for any filter and sort is one tight pass over a presorted order, counting as it goes: the same cost
 * at the top of the list and 80,000 rows down, where SQLite would sort every match or walk the offset.
 * Search stays in SQLite (FTS5 and the incident rows, incident-search.ts) and arrives here as a set of rowids.
 *
 * SQLite remains the truth: the index is loaded from the projection and refreshed from it after every
 * committed change; it is never written on its own.
 */
interface DbRow {
  rowid: number;
  id: string;
  number: number | null;
  title: string;
  status: string;
  priority: number;
  assignee_id: string | null;
  assignee_name: string | null;
  group_id: string | null;
  group_name: string | null;
  channel: string;
  category_id: string | null;
  updated_at: number;
  resolved_at: string | null;
  provisional_number: number | null;
  sla_phase: string;
  sla_clock: string | null;
  sla_due_at: number | null;
  sla_at_risk_at: number | null;
  sla_breach_at: number | null;
}

const SELECT_ROWS = `SELECT rowid, id, number, title, status, priority, assignee_id, assignee_name,
  group_id, group_name, channel, category_id, updated_at, resolved_at,
  (SELECT p.number FROM provisional_number p WHERE p.incident_id = incident.id) AS provisional_number,
  sla_phase, sla_clock, sla_due_at, sla_at_risk_at, sla_breach_at
  FROM incident`;
// Small pages: the sqlite3 module holds a whole result in native memory before handing it over.
const LOAD_PAGE = 1_000;
/** How long an order being built in the background holds the event loop at most, in milliseconds. */
const SLICE_MS = 4;
/** Runs sorted whole before they are merged: a few milliseconds' work each, even for titles. */
const SORT_RUN = 2_048;
/** The built-in views' sorts first: what the first pages after start-up ask for. */
const PREPARED_FIRST: readonly QueueColumn[] = [
  'updated',
  'priority',
  'due',
  ...QUEUE_COLUMNS.filter((column) => !['updated', 'priority', 'due'].includes(column)),
];
/** A page in an order not built yet sorts only its matches when they are at most this share of the queue. */
const SORT_MATCHES_ONLY = 1 / 8;

const PHASE_CODE = new Map<string, number>(DUE_PHASES.map((phase, code) => [phase, code]));
const NONE_PHASE = PHASE_CODE.get('none')!;
const CLOCK_CODE = new Map<string, number>(SLA_CLOCKS.map((clock, code) => [clock, code]));
/** A stored instant, with NaN for none: NaN compares false with everything, as NULL does in SQL. */
const instant = (ms: number | null) => (ms === null ? Number.NaN : ms);
const orNull = (ms: number) => (Number.isNaN(ms) ? null : ms);

const STATUS_CODE = new Map<string, number>(STATUSES.map((status, code) => [status, code]));
const CHANNEL_CODE = new Map<string, number>(CHANNELS.map((channel, code) => [channel, code]));
/** Channels sort by name, as SQL sorts the column. */
const CHANNEL_RANK = Uint8Array.from(CHANNELS.map((channel) => [...CHANNELS].sort().indexOf(channel)));

/** Interns ids (agents, groups, categories) as small integers; -1 is "none". */
class Dictionary {
  readonly #codes = new Map<string, number>();
  readonly ids: string[] = [];
  readonly names: (string | null)[] = [];
  readonly keys: (string | null)[] = [];

  code(id: string | null, name: string | null = null): number {
    if (id === null) return -1;
    let code = this.#codes.get(id);
    if (code === undefined) {
      code = this.ids.length;
      this.#codes.set(id, code);
      this.ids.push(id);
    }
    this.names[code] = name;
    this.keys[code] = name === null ? null : nocaseKey(name);
    return code;
  }

  find(id: string): number | undefined {
    return this.#codes.get(id);
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, capacity: number): T {
  if (array.length >= capacity) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(capacity, array.length * 2, 1024));
  next.set(array);
  return next;
}

/**
 * The sort key SQLite's NOCASE gives: only ASCII letters fold. A full toLowerCase() made "Écran" and "écran"
 * tie here while SQL keeps them apart, so the same page came out in a different order from the index and
 * from SQL (the CLI, or the app before the index has loaded).
 */
function nocaseKey(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

const compareStrings = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

export class QueueIndex {
  #size = 0;
  #rowid = new Int32Array(0);
  #number = new Float64Array(0);
  #priority = new Uint8Array(0);
  #status = new Uint8Array(0);
  #channel = new Uint8Array(0);
  #assignee = new Int32Array(0);
  #group = new Int32Array(0);
  #category = new Int32Array(0);
  #updated = new Float64Array(0);
  #resolved = new Float64Array(0);
  #provisional = new Float64Array(0);
  #phase = new Uint8Array(0);
  /** The next clock to breach, 255 for none. */
  #clock = new Uint8Array(0);
  #dueAt = new Float64Array(0);
  #atRiskAt = new Float64Array(0);
  #breachAt = new Float64Array(0);
  #dueRank = new Float64Array(0);
  readonly #ids: string[] = [];
  readonly #titles: string[] = [];
  readonly #titleKeys: string[] = [];
  #slotById = new Map<string, number>();
  #slotByRowid = new Int32Array(0);
  #agents = new Dictionary();
  #groups = new Dictionary();
  #categories = new Dictionary();
  /** Per sort column: slots in ascending (key, rowid) order, built when first asked for. */
  readonly #orders = new Map<QueueColumn, Int32Array>();
  /** Bumped by every refresh, so an order built in slices is not kept when rows moved while it was built. */
  #changes = 0;

  /** Rows sorted whole before merging when an order is built in slices (small in tests, to merge at all). */
  readonly #sortRun: number;
  /** How long a slice runs before the event loop gets a turn (0 in tests: a turn after every step). */
  readonly #sliceMs: number;

  constructor(options: { sortRun?: number; sliceMs?: number } = {}) {
    this.#sortRun = options.sortRun ?? SORT_RUN;
    this.#sliceMs = options.sliceMs ?? SLICE_MS;
  }

  get size(): number {
    return this.#size;
  }

  /** Whether a column's order is built (pages in it then walk it; otherwise they sort what they need). */
  hasOrder(column: QueueColumn): boolean {
    return this.#orders.has(column);
  }

  /** Loads every incident, a page of rows at a time so start-up never holds the whole table twice. */
  async load(db: Db): Promise<void> {
    this.#reset();
    let after = 0;
    for (;;) {
      const { rows } = await db.executeQuery<DbRow>(
        CompiledQuery.raw(`${SELECT_ROWS} WHERE rowid > ? ORDER BY rowid LIMIT ${LOAD_PAGE}`, [after]),
      );
      for (const row of rows) this.#write(this.#slotFor(row), row);
      if (rows.length < LOAD_PAGE) return;
      after = rows.at(-1)!.rowid;
    }
  }

  /**
   * Re-reads the given incidents from the projection after a commit. A row whose sort key changed leaves each
   * order it moved in and goes back in at its new place: in one merge per order, so a thousand rows whose due
   * times were recomputed cost about what one does.
   */
  async refresh(db: Db, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const { rows } = await db.executeQuery<DbRow>(
      CompiledQuery.raw(`${SELECT_ROWS} WHERE id IN (SELECT value FROM json_each(?))`, [JSON.stringify(ids)]),
    );
    // Counted when the rows are written, not when asked for: an order built meanwhile still saw the old keys.
    this.#changes++;
    const moved = new Map<QueueColumn, number[]>([...this.#orders.keys()].map((column) => [column, []]));
    for (const row of rows) {
      const known = this.#slotById.get(row.id) !== undefined;
      const slot = this.#slotFor(row);
      const before = known ? [...moved.keys()].map((column) => this.#sortKey(column, slot)) : null;
      this.#write(slot, row);
      [...moved.entries()].forEach(([column, slots], i) => {
        if (!before || before[i] !== this.#sortKey(column, slot)) slots.push(slot);
      });
    }
    for (const [column, slots] of moved) {
      if (slots.length) this.#orders.set(column, this.#move(this.#orders.get(column)!, column, slots));
    }
  }

  #reset(): void {
    this.#size = 0;
    this.#ids.length = 0;
    this.#titles.length = 0;
    this.#titleKeys.length = 0;
    this.#slotById = new Map();
    this.#slotByRowid.fill(-1);
    this.#agents = new Dictionary();
    this.#groups = new Dictionary();
    this.#categories = new Dictionary();
    this.#orders.clear();
  }

  #slotFor(row: DbRow): number {
    const known = this.#slotById.get(row.id);
    if (known !== undefined) return known;
    const slot = this.#size++;
    const capacity = this.#size;
    this.#rowid = grow(this.#rowid, capacity);
    this.#number = grow(this.#number, capacity);
    this.#priority = grow(this.#priority, capacity);
    this.#status = grow(this.#status, capacity);
    this.#channel = grow(this.#channel, capacity);
    this.#assignee = grow(this.#assignee, capacity);
    this.#group = grow(this.#group, capacity);
    this.#category = grow(this.#category, capacity);
    this.#updated = grow(this.#updated, capacity);
    this.#resolved = grow(this.#resolved, capacity);
    this.#provisional = grow(this.#provisional, capacity);
    this.#phase = grow(this.#phase, capacity);
    this.#clock = grow(this.#clock, capacity);
    this.#dueAt = grow(this.#dueAt, capacity);
    this.#atRiskAt = grow(this.#atRiskAt, capacity);
    this.#breachAt = grow(this.#breachAt, capacity);
    this.#dueRank = grow(this.#dueRank, capacity);
    if (row.rowid >= this.#slotByRowid.length) {
      const byRowid = new Int32Array(Math.max(row.rowid + 1, this.#slotByRowid.length * 2, 1024)).fill(-1);
      byRowid.set(this.#slotByRowid);
      this.#slotByRowid = byRowid;
    }
    this.#slotById.set(row.id, slot);
    this.#slotByRowid[row.rowid] = slot;
    return slot;
  }

  #write(slot: number, row: DbRow): void {
    this.#rowid[slot] = row.rowid;
    this.#number[slot] = row.number ?? Number.NEGATIVE_INFINITY;
    this.#priority[slot] = row.priority;
    this.#status[slot] = STATUS_CODE.get(row.status) ?? STATUSES.length;
    this.#channel[slot] = CHANNEL_CODE.get(row.channel) ?? 0;
    this.#assignee[slot] = this.#agents.code(row.assignee_id, row.assignee_name);
    this.#group[slot] = this.#groups.code(row.group_id, row.group_name);
    this.#category[slot] = this.#categories.code(row.category_id);
    this.#updated[slot] = row.updated_at;
    this.#resolved[slot] = row.resolved_at ? Date.parse(row.resolved_at) : Number.NaN;
    this.#provisional[slot] = row.provisional_number ?? Number.NaN;
    this.#phase[slot] = PHASE_CODE.get(row.sla_phase) ?? NONE_PHASE;
    this.#clock[slot] = row.sla_clock === null ? 255 : (CLOCK_CODE.get(row.sla_clock) ?? 255);
    this.#dueAt[slot] = instant(row.sla_due_at);
    this.#atRiskAt[slot] = instant(row.sla_at_risk_at);
    this.#breachAt[slot] = instant(row.sla_breach_at);
    this.#dueRank[slot] = dueRank({ phase: row.sla_phase as DuePhase, dueAt: row.sla_due_at });
    this.#ids[slot] = row.id;
    this.#titles[slot] = row.title;
    this.#titleKeys[slot] = nocaseKey(row.title);
  }

  /** Compares two slots by a column's key, NULL first as in SQL, the rowid breaking ties. */
  #comparator(column: QueueColumn): (a: number, b: number) => number {
    const rowid = this.#rowid;
    const tie = (a: number, b: number) => rowid[a]! - rowid[b]!;
    const numeric = (values: Float64Array | Uint8Array) => (a: number, b: number) =>
      values[a]! - values[b]! || tie(a, b);
    switch (column) {
      case 'number':
        return (a, b) => {
          const x = this.#number[a]!;
          const y = this.#number[b]!;
          return x === y ? tie(a, b) : x < y ? -1 : 1;
        };
      case 'priority':
        return numeric(this.#priority);
      case 'status':
        return numeric(this.#status);
      case 'updated':
        return numeric(this.#updated);
      case 'channel':
        return (a, b) => CHANNEL_RANK[this.#channel[a]!]! - CHANNEL_RANK[this.#channel[b]!]! || tie(a, b);
      case 'title':
        return (a, b) => compareStrings(this.#titleKeys[a]!, this.#titleKeys[b]!) || tie(a, b);
      case 'assignee':
        return this.#byName(this.#assignee, this.#agents, tie);
      case 'group':
        return this.#byName(this.#group, this.#groups, tie);
      case 'due':
        return numeric(this.#dueRank);
    }
  }

  /** What a slot sorts by in a column, to tell whether a refresh moved it. */
  #sortKey(column: QueueColumn, slot: number): number | string | null {
    switch (column) {
      case 'number':
        return this.#number[slot]!;
      case 'priority':
        return this.#priority[slot]!;
      case 'status':
        return this.#status[slot]!;
      case 'updated':
        return this.#updated[slot]!;
      case 'channel':
        return this.#channel[slot]!;
      case 'title':
        return this.#titleKeys[slot]!;
      case 'assignee':
        return this.#assignee[slot]! < 0 ? null : (this.#agents.keys[this.#assignee[slot]!] ?? null);
      case 'group':
        return this.#group[slot]! < 0 ? null : (this.#groups.keys[this.#group[slot]!] ?? null);
      case 'due':
        return this.#dueRank[slot]!;
    }
  }

  #byName(codes: Int32Array, dictionary: Dictionary, tie: (a: number, b: number) => number) {
    return (a: number, b: number) => {
      const x = codes[a]!;
      const y = codes[b]!;
      const keyA = x < 0 ? null : (dictionary.keys[x] ?? null);
      const keyB = y < 0 ? null : (dictionary.keys[y] ?? null);
      return compareStrings(keyA, keyB) || tie(a, b);
    };
  }

  /** `order` with `slots` taken out and merged back in at their places by the column's current keys. */
  #move(order: Int32Array, column: QueueColumn, slots: number[]): Int32Array {
    const compare = this.#comparator(column);
    const moving = new Uint8Array(this.#size);
    for (const slot of slots) moving[slot] = 1;
    // A plain loop: TypedArray#filter calls back once per row, ten times slower over a hundred thousand.
    const keptAll = new Int32Array(order.length);
    let keptCount = 0;
    for (let i = 0; i < order.length; i++) {
      const slot = order[i]!;
      if (moving[slot] === 0) keptAll[keptCount++] = slot;
    }
    const kept = keptAll.subarray(0, keptCount);
    slots.sort(compare);
    // Each moving row's place is found by halving and the kept rows before it are copied as one run: a chunk of
    // a recompute (500 rows among 100,000) costs a few thousand comparisons, not one per row of the queue.
    const result = new Int32Array(kept.length + slots.length);
    let [from, r] = [0, 0];
    for (const slot of slots) {
      let [low, high] = [from, kept.length];
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compare(kept[middle]!, slot) <= 0) low = middle + 1;
        else high = middle;
      }
      result.set(kept.subarray(from, low), r);
      r += low - from;
      from = low;
      result[r++] = slot;
    }
    result.set(kept.subarray(from), r);
    return result;
  }

  /**
   * Builds every column's order ahead of need, so the first click on a column header is as fast as the next
   * (a first sort of 100,000 titles takes a tenth of a second). Built in slices of a few milliseconds between
   * turns of the event loop, the built-in views' sorts first: built in one piece, a sort held every page asked
   * meanwhile (the first pages after start-up waited up to 100 ms at 100,000 incidents).
   */
  async prepareOrders(): Promise<void> {
    for (const column of PREPARED_FIRST) {
      for (let attempt = 0; !this.#orders.has(column); attempt++) {
        const changes = this.#changes;
        // Rows that changed while an order was half built may sit out of place in it: it is built again,
        // and in one piece after a few tries, so a busy workspace still gets it.
        const order =
          attempt < 3
            ? await this.#sortInSlices(column, () => changes !== this.#changes || this.#orders.has(column))
            : this.#order(column);
        if (order && !this.#orders.has(column) && changes === this.#changes) this.#orders.set(column, order);
      }
    }
  }

  /**
   * A column's order by merge sort, yielding to pages and refreshes every few milliseconds; null when `stale()`
   * says after a pause that the rows moved underneath or the order is no longer needed.
   */
  async #sortInSlices(column: QueueColumn, stale: () => boolean): Promise<Int32Array | null> {
    const size = this.#size;
    const compare = this.#comparator(column);
    let order = new Int32Array(size);
    for (let slot = 0; slot < size; slot++) order[slot] = slot;
    let sliceStarted = performance.now();
    const pause = async (): Promise<boolean> => {
      if (performance.now() - sliceStarted < this.#sliceMs) return false;
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
      return stale();
    };
    for (let start = 0; start < size; start += this.#sortRun) {
      order.subarray(start, Math.min(size, start + this.#sortRun)).sort(compare);
      if (await pause()) return null;
    }
    let into = new Int32Array(size);
    for (let width = this.#sortRun; width < size; width *= 2) {
      for (let left = 0; left < size; left += 2 * width) {
        const middle = Math.min(size, left + width);
        const end = Math.min(size, left + 2 * width);
        let [a, b, out] = [left, middle, left];
        while (a < middle && b < end) {
          into[out++] = compare(order[a]!, order[b]!) <= 0 ? order[a++]! : order[b++]!;
          if (out % this.#sortRun === 0 && (await pause())) return null;
        }
        into.set(order.subarray(a, middle), out);
        into.set(order.subarray(b, end), out + middle - a);
      }
      [order, into] = [into, order];
    }
    return order;
  }

  /**
   * For a page in an order not built yet: when few incidents match, only they are sorted (a thousand
   * unassigned incidents, not the hundred thousand); otherwise the whole order is built now, and kept.
   * Sorted matches pass the page's test again below, which costs little beside the sort.
   */
  #sortedMatches(column: QueueColumn, test: (slot: number) => boolean): Int32Array {
    const found = new Int32Array(this.#size);
    let count = 0;
    for (let slot = 0; slot < this.#size; slot++) if (test(slot)) found[count++] = slot;
    if (count > this.#size * SORT_MATCHES_ONLY) return this.#order(column);
    return found.slice(0, count).sort(this.#comparator(column));
  }

  #order(column: QueueColumn): Int32Array {
    let order = this.#orders.get(column);
    if (!order) {
      order = new Int32Array(this.#size);
      for (let slot = 0; slot < this.#size; slot++) order[slot] = slot;
      order.sort(this.#comparator(column));
      this.#orders.set(column, order);
    }
    return order;
  }

  /**
   * Compiles the filter into lookup tables, so the per-row test is a handful of array reads. Returns null
   * when nothing can match (an unknown id, an empty search).
   */
  #matcher(
    filter: QueueFilter,
    context: QueueContext,
    matches: ReadonlySet<number> | null,
    only: ReadonlySet<string> | null = null,
  ) {
    const mask = (size: number, codes: readonly number[] | null) => {
      if (!codes) return null;
      const table = new Uint8Array(size + 1);
      for (const code of codes) if (code >= 0) table[code + 1] = 1;
      return table;
    };
    const statuses = filter.statuses?.length
      ? mask(
          STATUSES.length + 1,
          filter.statuses.map((s) => STATUS_CODE.get(s)!),
        )
      : null;
    const priorities = filter.priorities?.length
      ? mask(
          6,
          filter.priorities.map((p) => p),
        )
      : null;
    const channels = filter.channels?.length
      ? mask(
          CHANNELS.length,
          filter.channels.map((c) => CHANNEL_CODE.get(c)!),
        )
      : null;
    const people = (refs: readonly string[] | undefined, dictionary: Dictionary, me: string | null) => {
      if (!refs?.length) return null;
      const table = new Uint8Array(dictionary.ids.length + 1);
      for (const ref of refs) {
        if (ref === 'none') table[0] = 1;
        const id = ref === 'me' ? me : ref === 'none' ? null : ref;
        const code = id === null ? undefined : dictionary.find(id);
        if (code !== undefined) table[code + 1] = 1;
      }
      return table;
    };
    const assignees = people(filter.assigneeIds, this.#agents, context.agentId);
    const groups = people(filter.groupIds, this.#groups, null);
    const categories = people(filter.categoryIds, this.#categories, null);
    const since =
      filter.resolvedWithinDays === undefined ? null : context.nowMs - filter.resolvedWithinDays * 86_400_000;
    const dueStates = filter.dueStates?.length ? new Set<DueState>(filter.dueStates) : null;
    let searched: Uint8Array | null = null;
    if (matches) {
      if (!matches.size) return null;
      searched = new Uint8Array(this.#size);
      for (const rowid of matches) {
        const slot = this.#slotByRowid[rowid];
        if (slot !== undefined && slot >= 0) searched[slot] = 1;
      }
    }
    let listed: Uint8Array | null = null;
    if (only) {
      if (!only.size) return null;
      listed = new Uint8Array(this.#size);
      for (const id of only) {
        const slot = this.#slotById.get(id);
        if (slot !== undefined) listed[slot] = 1;
      }
    }
    const status = this.#status;
    const priority = this.#priority;
    const channel = this.#channel;
    const assignee = this.#assignee;
    const group = this.#group;
    const category = this.#category;
    const resolved = this.#resolved;
    const now = context.nowMs;
    const dueState = (slot: number): DueState =>
      dueStateAt(
        {
          phase: DUE_PHASES[this.#phase[slot]!]!,
          atRiskAt: orNull(this.#atRiskAt[slot]!),
          breachAt: orNull(this.#breachAt[slot]!),
        },
        now,
      );
    return (slot: number): boolean =>
      (statuses === null || statuses[status[slot]! + 1] === 1) &&
      (priorities === null || priorities[priority[slot]! + 1] === 1) &&
      (channels === null || channels[channel[slot]! + 1] === 1) &&
      (assignees === null || assignees[assignee[slot]! + 1] === 1) &&
      (groups === null || groups[group[slot]! + 1] === 1) &&
      (categories === null || categories[category[slot]! + 1] === 1) &&
      (since === null || resolved[slot]! >= since) &&
      (searched === null || searched[slot] === 1) &&
      (listed === null || listed[slot] === 1) &&
      (dueStates === null || dueStates.has(dueState(slot)));
  }

  #summary(slot: number): IncidentSummary {
    const number = this.#number[slot]!;
    const assignee = this.#assignee[slot]!;
    const group = this.#group[slot]!;
    const category = this.#category[slot]!;
    return {
      id: this.#ids[slot]!,
      number: Number.isFinite(number) ? number : null,
      provisionalNumber: Number.isNaN(this.#provisional[slot]!) ? null : this.#provisional[slot]!,
      title: this.#titles[slot]!,
      status: STATUSES[this.#status[slot]!] as Status,
      priority: this.#priority[slot] as Priority,
      assigneeId: assignee < 0 ? null : this.#agents.ids[assignee]!,
      assigneeName: assignee < 0 ? null : (this.#agents.names[assignee] ?? null),
      groupId: group < 0 ? null : this.#groups.ids[group]!,
      groupName: group < 0 ? null : (this.#groups.names[group] ?? null),
      channel: CHANNELS[this.#channel[slot]!] as Channel,
      categoryId: category < 0 ? null : this.#categories.ids[category]!,
      updatedAt: new Date(this.#updated[slot]!).toISOString(),
      due: toDueSummary({
        phase: DUE_PHASES[this.#phase[slot]!]!,
        clock: (SLA_CLOCKS[this.#clock[slot]!] as SlaClockName | undefined) ?? null,
        dueAt: orNull(this.#dueAt[slot]!),
        atRiskAt: orNull(this.#atRiskAt[slot]!),
        breachAt: orNull(this.#breachAt[slot]!),
      }),
    };
  }

  page(
    query: { filter: QueueFilter; sort: QueueSort; offset: number; limit: number },
    context: QueueContext,
    matches: ReadonlySet<number> | null,
    only: ReadonlySet<string> | null = null,
  ): QueuePage {
    const test = this.#matcher(query.filter, context, matches, only);
    if (!test) return { rows: [], total: 0, offset: query.offset };
    const order = this.#orders.get(query.sort.column) ?? this.#sortedMatches(query.sort.column, test);
    const last = order.length - 1;
    const ascending = query.sort.direction === 'asc';
    const end = query.offset + query.limit;
    const rows: IncidentSummary[] = [];
    let total = 0;
    for (let i = 0; i <= last; i++) {
      const slot = order[ascending ? i : last - i]!;
      if (!test(slot)) continue;
      if (total >= query.offset && total < end) rows.push(this.#summary(slot));
      total++;
    }
    return { rows, total, offset: query.offset };
  }

  count(
    filter: QueueFilter,
    context: QueueContext,
    matches: ReadonlySet<number> | null,
    only: ReadonlySet<string> | null = null,
  ): number {
    const test = this.#matcher(filter, context, matches, only);
    if (!test) return 0;
    let total = 0;
    for (let slot = 0; slot < this.#size; slot++) if (test(slot)) total++;
    return total;
  }
}
