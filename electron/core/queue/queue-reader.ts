import type { KpiDrill } from '#shared/domain/kpi-query.ts';
import type { QueueFilter, QueuePage, QueuePageInput } from '#shared/domain/queue.ts';
import type { ApplyResult } from '../store/apply.ts';
import type { Store } from '../store/store.ts';
import { searchRowids } from './incident-search.ts';
import { QueueIndex } from './queue-index.ts';
import { countQueue, findQueuePage } from './queue.repository.ts';
import type { QueueContext } from './queue.repository.ts';

type PageQuery = Required<Pick<QueuePageInput, 'offset' | 'limit'>> & Pick<QueuePageInput, 'filter' | 'sort'>;

/** The ids of the incidents behind a KPI figure (the KPIs' drill-down). */
export type DrillResolver = (drill: KpiDrill) => Promise<readonly string[]>;

/**
 * Answers queue pages and counts: from the in-memory index once it has loaded, from SQL until then (and in
 * one-shot commands that never load it). Refreshes are chained after each commit, and every read waits for
 * the refreshes before it, so an agent always sees their own change in the very next page.
 */
export class QueueReader {
  readonly #store: Store;
  readonly #drill: DrillResolver | null;
  #index: QueueIndex | null = null;
  #pending: Promise<void> = Promise.resolve();
  /**
   * What a page waits for: the work queued for changes made (here or arriving), so an agent sees their own change
   * in the very next page. Due times reprojected after a calendar or policy change are not waited for: they catch
   * up chunk by chunk (a row not reached yet shows the due time of the settings before, as the recompute says),
   * and waiting for a refresh that queues behind the recompute's next chunk held every page for seconds.
   */
  #readable: Promise<void> = Promise.resolve();
  /**
   * Reprojected incidents waiting for a refresh that has not started yet: the next chunks' ids join it, so the
   * refreshes never fall behind the recompute one query per chunk, and a change made meanwhile (which a page does
   * wait for) queues behind one refresh at most, not behind every chunk announced so far.
   */
  #reprojected: Set<string> | null = null;
  #search: { key: string; rowids: Set<number> | null } | null = null;
  /** The current index's sort orders being built in the background after a load. */
  #preparing: Promise<void> = Promise.resolve();
  /** Bumped by every change, so a search answered before a commit is not cached after it. */
  #version = 0;

  constructor(store: Store, drill: DrillResolver | null = null) {
    this.#store = store;
    this.#drill = drill;
  }

  /** Starts loading the index in the background and keeps it current from then on. */
  start(): () => void {
    const index = new QueueIndex();
    // Not waited for: until the index has loaded (seconds at 100,000 incidents), pages are answered from SQL,
    // where the first page after start-up waited for the whole load. A change made meanwhile is waited for,
    // and its refresh with it, so an agent still sees their own change in the next page.
    this.#enqueue(
      async () => {
        await index.load(this.#store.db);
        this.#index = index;
        this.#prepare(index);
      },
      { waitedFor: false },
    );
    return this.#store.onApplied((result) => this.#follow(result));
  }

  /** Not waited for by pages: a page in an order not built yet sorts what it needs itself. */
  #prepare(index: QueueIndex): void {
    this.#preparing = index.prepareOrders().catch(() => {});
  }

  /** Waits until the index has loaded and built its sort orders: what start-up does in the background. */
  async prepared(): Promise<void> {
    await this.#pending;
    await this.#preparing;
  }

  /** Waits for the index's pending loads and refreshes (before closing the store). */
  settled(): Promise<void> {
    return this.#pending;
  }

  #enqueue(work: () => Promise<void>, options: { waitedFor: boolean } = { waitedFor: true }): void {
    // A failed refresh drops the index rather than leaving it wrong; SQL answers until the next load.
    this.#pending = this.#pending.then(work).catch(() => {
      this.#index = null;
    });
    if (options.waitedFor) this.#readable = this.#pending;
  }

  #follow(result: ApplyResult): void {
    // Any change may change what a search finds: an incident, its reporter, a message, an agent's name.
    this.#version++;
    this.#search = null;
    // Agent and group names are copied onto incidents; a rename touches rows the result does not list.
    // The reload fills a new index and swaps it in whole: a page read while the old one was being emptied
    // and refilled answered with a partial list, and cached that partial sort order for good.
    if (result.everything || result.kinds.has('agent') || result.kinds.has('group')) {
      this.#enqueue(async () => {
        const next = new QueueIndex();
        await next.load(this.#store.db);
        this.#index = next;
        this.#prepare(next);
      });
    } else if (result.reprojected) {
      if (this.#reprojected) {
        for (const id of result.incidentIds) this.#reprojected.add(id);
        return;
      }
      const ids = (this.#reprojected = new Set(result.incidentIds));
      this.#enqueue(
        async () => {
          this.#reprojected = null;
          await this.#index?.refresh(this.#store.db, [...ids]);
        },
        { waitedFor: false },
      );
    } else if (result.incidentIds.size) {
      const ids = [...result.incidentIds];
      this.#enqueue(async () => this.#index?.refresh(this.#store.db, ids));
    }
  }

  async #matches(text: string | undefined, context: QueueContext): Promise<Set<number> | null> {
    // `assignee:me` finds someone else's incidents for someone else.
    const key = `${context.agentId ?? ''} ${text?.trim() ?? ''}`;
    if (this.#search?.key === key) return this.#search.rowids;
    const version = this.#version;
    const rowids = await searchRowids(this.#store.db, text, context);
    if (version === this.#version) this.#search = { key, rowids };
    return rowids;
  }

  /** A drill-down's incidents, worked out again on every read: the figures move as incidents change. */
  async #only(filter: QueueFilter): Promise<ReadonlySet<string> | null> {
    if (!filter.kpi) return null;
    return new Set(this.#drill ? await this.#drill(filter.kpi) : []);
  }

  /**
   * The index to answer from once it has taken in every change made so far, or null to answer from SQL. With no
   * index yet (loading at start-up), SQL has every change already: a change made during the load (the duties'
   * first sweep, say) must not hold pages until the whole load and its refresh are done.
   */
  async #current(): Promise<QueueIndex | null> {
    if (this.#index) await this.#readable;
    return this.#index;
  }

  async page(query: PageQuery, context: QueueContext): Promise<QueuePage> {
    const index = await this.#current();
    const only = await this.#only(query.filter);
    if (!index) return findQueuePage(this.#store.db, query, { ...context, only });
    return index.page(query, context, await this.#matches(query.filter.text, context), only);
  }

  async count(filter: QueueFilter, context: QueueContext): Promise<number> {
    const index = await this.#current();
    const only = await this.#only(filter);
    if (!index) return countQueue(this.#store.db, filter, { ...context, only });
    return index.count(filter, context, await this.#matches(filter.text, context), only);
  }
}
