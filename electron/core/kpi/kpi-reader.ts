import { compileCalendar } from '#shared/domain/business-time.ts';
import { BusinessTimeline } from '#shared/domain/business-timeline.ts';
import type { BusinessCalendar } from '#shared/domain/calendar.ts';
import { KpiColumns } from '#shared/domain/kpi-columns.ts';
import type { IncidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import type { DurationMeasure } from '#shared/domain/kpi-membership.ts';
import type { ApplyResult } from '../store/apply.ts';
import type { Store } from '../store/store.ts';
import { allKpiFacts, kpiFactsActiveIn, kpiFactsOf } from './kpi-facts.repository.ts';

/**
 * Every incident's KPI facts in memory, in columns (KpiColumns), so a report for any period and filters is one
 * pass over flat arrays rather than a trip through SQLite per figure. SQLite stays the truth: the index is
 * loaded from the `incident_kpi` projection and refreshed from it after every committed change, never written
 * on its own. Until it has loaded (and in one-shot commands, which never load it), reports read the facts of
 * their period from SQL.
 */
export class KpiIndex {
  readonly columns = new KpiColumns();

  get size(): number {
    return this.columns.size;
  }

  async load(store: Store): Promise<void> {
    for await (const page of allKpiFacts(store.db)) for (const facts of page) this.columns.put(facts);
  }

  async refresh(store: Store, ids: readonly string[]): Promise<void> {
    for (const facts of await kpiFactsOf(store.db, ids)) this.columns.put(facts);
  }
}

export class KpiReader {
  readonly #store: Store;
  #index: KpiIndex | null = null;
  #pending: Promise<void> = Promise.resolve();
  /**
   * Incidents whose facts a recompute after a settings change announced, waiting for a refresh not started yet:
   * later chunks join it, so a report queues behind one refresh of them, not one per chunk announced so far.
   */
  #reprojected: Set<string> | null = null;
  #business: { key: string; measure: DurationMeasure } | null = null;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Starts loading the index in the background and keeps it current from then on. */
  start(): () => void {
    this.#reload();
    return this.#store.onApplied((result) => this.#follow(result));
  }

  settled(): Promise<void> {
    return this.#pending;
  }

  get loaded(): boolean {
    return this.#index !== null;
  }

  #enqueue(work: () => Promise<void>): void {
    // A failed refresh drops the index rather than leaving it wrong; SQL answers until the next load.
    this.#pending = this.#pending.then(work).catch(() => {
      this.#index = null;
    });
  }

  #reload(): void {
    this.#enqueue(async () => {
      const next = new KpiIndex();
      await next.load(this.#store);
      this.#index = next;
    });
  }

  #follow(result: ApplyResult): void {
    if (result.everything) this.#reload();
    else if (result.reprojected) {
      if (this.#reprojected) {
        for (const id of result.incidentIds) this.#reprojected.add(id);
        return;
      }
      const ids = (this.#reprojected = new Set(result.incidentIds));
      this.#enqueue(async () => {
        this.#reprojected = null;
        await this.#index?.refresh(this.#store, [...ids]);
      });
    } else if (result.incidentIds.size) {
      const ids = [...result.incidentIds];
      this.#enqueue(async () => this.#index?.refresh(this.#store, ids));
    }
  }

  /**
   * The facts a report over [from, to) reads, after every refresh already queued (an agent sees their own
   * change in the very next report): all of them from the index, or those active in the span from SQL.
   */
  async factsFor(from: number, to: number): Promise<KpiColumns | Iterable<IncidentKpiFacts>> {
    await this.#pending;
    return this.#index?.columns ?? (await kpiFactsActiveIn(this.#store.db, from, to));
  }

  /** Durations in the calendar's opening hours, on one running total per calendar (see BusinessTimeline). */
  businessMeasure(calendar: BusinessCalendar): DurationMeasure {
    const key = JSON.stringify(calendar);
    if (this.#business?.key === key) return this.#business.measure;
    const timeline = new BusinessTimeline(compileCalendar(calendar));
    const measure: DurationMeasure = (from, to) => timeline.between(from, to);
    this.#business = { key, measure };
    return measure;
  }
}
