/**
 * SLA benchmarks (issue 12), part of `npm run bench`: recomputing every incident's due times after a calendar
 * change, through the store (the background recompute in short transactions, every chunk announced to the
 * queue index), and how usable the desk is meanwhile: queue pages sorted by due and a command (a work note),
 * each timed while the recompute runs. The queue sorted and filtered by due at rest is measured with the other
 * queue pages, beside its raw-SQL floor. Budget: 10 s at 100,000 incidents. Its floor, in the same run: walking
 * the incident table in the recompute's chunks and reading each chunk's clock facts (fields and clock history,
 * with the recompute's one query a chunk), nothing worked out or written.
 */
import type { Core } from '#core/index.ts';
import { RECOMPUTE_CHUNK } from '#core/sla/due-recompute.ts';
import { dueFactsAfter, dueFactsOf } from '#core/sla/due.repository.ts';
import type { CalendarView } from '#shared/domain/sla-settings.ts';
import { summarise } from './measure.ts';
import type { Timing } from './measure.ts';

const RECOMPUTE_BUDGET_MS = 10_000;

export interface SlaBench {
  readonly incidents: number;
  readonly recomputeMs: number;
  /** Reading every incident's clock facts in the same chunks, nothing else. */
  readonly floorMs: number;
  readonly recomputeBudgetMs: number;
  readonly withinBudget: boolean;
  /** While the recompute runs: a page of the queue sorted by due, and a command that writes. */
  readonly meanwhile: { readonly queuePage: Timing; readonly command: Timing };
}

async function invoke(core: Core, name: string, input: unknown): Promise<unknown> {
  const outcome = await core.invoke(name, input);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.value;
}

/** The floor: every incident's clock facts read, chunk by chunk, with the recompute's one query a chunk. */
async function readEveryIncidentsFacts(core: Core): Promise<number> {
  const started = performance.now();
  let after = 0;
  for (;;) {
    const chunk = await dueFactsAfter(core.store.db, after, RECOMPUTE_CHUNK);
    chunk.forEach(dueFactsOf);
    if (chunk.length < RECOMPUTE_CHUNK) break;
    after = chunk.at(-1)!.rowid;
  }
  return Math.round(performance.now() - started);
}

export async function benchSla(core: Core, options: { incidents: number; log?: (line: string) => void }) {
  await core.settleDueTimes();
  options.log?.("SLA: the floor, reading every incident's clock facts …");
  const floorMs = await readEveryIncidentsFacts(core);
  const calendars = (await invoke(core, 'calendar/list', {})) as CalendarView[];
  const office = calendars.find((calendar) => calendar.usedBy.length && !calendar.isDefault) ?? calendars[0]!;
  const page = (await invoke(core, 'queue/page', {
    filter: { statuses: ['in_progress'] },
    sort: { column: 'number', direction: 'desc' },
    offset: 0,
    limit: 1,
  })) as { rows: { id: string }[] };
  const incidentId = page.rows[0]!.id;
  options.log?.(`SLA: recomputing the due times of ${options.incidents} incidents after ${office.name} changes …`);

  // Opening an hour later (or earlier again, on a reused workspace) moves every due time on the calendar.
  const later = office.hours.mon.map(([start, end]) => [
    start === '08:00' ? '09:00' : start === '09:00' ? '08:00' : start,
    end,
  ]);
  const started = performance.now();
  await invoke(core, 'calendar/save', {
    id: office.id,
    name: office.name,
    timeZone: office.timeZone,
    hours: { ...office.hours, mon: later, tue: later, wed: later, thu: later, fri: later },
    holidays: office.holidays,
  });
  let done = false;
  const settled = core.settleDueTimes().then(() => {
    done = true;
  });
  const pages: number[] = [];
  const commands: number[] = [];
  for (let i = 0; !done; i++) {
    let at = performance.now();
    await invoke(core, 'queue/page', {
      filter: { statuses: ['new', 'assigned', 'in_progress', 'waiting_on_customer'] },
      sort: { column: 'due', direction: 'asc' },
      offset: (i % 4) * 50,
      limit: 50,
    });
    pages.push(performance.now() - at);
    if (done) break;
    at = performance.now();
    await invoke(core, 'incident/addNote', { id: incidentId, body: `Checked while due times move (${i}).` });
    commands.push(performance.now() - at);
  }
  await settled;
  const recomputeMs = Math.round(performance.now() - started);
  return {
    incidents: options.incidents,
    recomputeMs,
    floorMs,
    recomputeBudgetMs: RECOMPUTE_BUDGET_MS,
    withinBudget: recomputeMs <= RECOMPUTE_BUDGET_MS,
    meanwhile: { queuePage: summarise(pages), command: summarise(commands) },
  } satisfies SlaBench;
}
