import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { dueText, formatDuration } from '#shared/domain/due-text.ts';
import { DUE_STATE_LABELS } from '#shared/domain/incident-due.ts';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import { instantMs } from '#shared/domain/instant.ts';
import type { SlaListPage } from '#shared/domain/sla-settings.ts';
import { SLA_CLOCK_LABELS } from '#shared/domain/sla.ts';
import type { SlaClock } from '#shared/domain/sla.ts';
import { DeskError } from '#shared/errors.ts';
import type { Core } from '#core/index.ts';
import { ask, dataDir, dataOption, wholeNumber, withCore } from './command.ts';
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';

/** "First response 12 min left of 20 min", "Resolution breached (overdue 1 h 05 min)", "Next update met". */
function describeClock(clock: SlaClock, nowMs: number): string {
  const name = SLA_CLOCK_LABELS[clock.clock];
  const target = formatDuration(clock.targetMinutes * 60_000);
  switch (clock.state) {
    case 'met':
      return `${name} met${clock.breached ? ' late' : ''}`;
    case 'stopped':
      return `${name} stopped`;
    case 'paused':
      return `${name} paused at ${Math.floor(clock.percentElapsed)} % of ${target}`;
    case 'breached': {
      const since = clock.breachedAt === null ? null : instantMs(clock.breachedAt);
      return `${name} breached${since === null ? '' : ` (overdue ${formatDuration(nowMs - since)})`}`;
    }
    case 'running': {
      const left = clock.dueAt === undefined ? 0 : instantMs(clock.dueAt)! - nowMs;
      return `${name} ${formatDuration(left)} left of ${target}`;
    }
  }
}

export function formatSlaTable(page: SlaListPage): string {
  const nowMs = instantMs(page.evaluatedAt)!;
  const lines = page.rows.map(({ incident, policy, clocks }) => {
    const due = dueText(incident.due, nowMs);
    return [
      formatIncidentNumber(incident.number, incident.provisionalNumber).padEnd(11),
      `P${incident.priority}`,
      DUE_STATE_LABELS[due.state].padEnd(9),
      due.text.padEnd(20),
      (policy?.name ?? 'No policy').padEnd(18),
      clocks.map((clock) => describeClock(clock, nowMs)).join(' · ') || '—',
    ].join('  ');
  });
  const shown = page.rows.length ? `${page.offset + 1}–${page.offset + page.rows.length}` : '0';
  return [...lines, `${shown} of ${page.total} open incidents`].join('\n');
}

/** The calendar a command line names: by id, or by name without regard to case. */
async function calendarNamed(core: Core, name: string) {
  const calendars = await ask(core, 'calendar/list', {});
  const wanted = name.trim().toLocaleLowerCase();
  const found = calendars.find((c) => c.id === name || c.name.toLocaleLowerCase() === wanted);
  if (!found) {
    throw new UsageError(`--calendar "${name}" is not a calendar here (${calendars.map((c) => c.name).join(', ')}).`);
  }
  return found;
}

/** Signs in as the agent with this email for the command (an existing agent only: the CLI adds nobody). */
async function actAs(core: Core, email: unknown): Promise<void> {
  if (email === undefined) return;
  const { agents } = await ask(core, 'reference/get', {});
  const agent = agents.find((a) => a.email === String(email).trim().toLowerCase());
  if (!agent) throw new UsageError(`--as "${String(email)}" is not an agent in this workspace.`);
  await ask(core, 'session/signIn', { agentId: agent.id });
}

export const SLA_COMMANDS: Record<string, Command> = {
  sla: {
    summary: 'list open incidents with their SLA clocks, most urgent first',
    usage: 'desk sla [--data DIR] [--json] [--breached|--at-risk] [--limit N] [--offset N]',
    options: {
      ...dataOption,
      json: { type: 'boolean' },
      breached: { type: 'boolean' },
      'at-risk': { type: 'boolean' },
      limit: { type: 'string' },
      offset: { type: 'string' },
    },
    async run(values) {
      if (values.breached && values['at-risk']) {
        throw new UsageError('Choose --breached or --at-risk, not both (leave both out for every open incident).');
      }
      const limit = wholeNumber(values.limit, 'limit', 100);
      if (limit < 1 || limit > 500) throw new UsageError('--limit must be 1 to 500.');
      const offset = wholeNumber(values.offset, 'offset', 0);
      const states = values.breached ? (['breached'] as const) : values['at-risk'] ? (['at_risk'] as const) : null;
      const page = await withCore(dataDir(values), async (core) => {
        // Due times are recomputed in the background after a settings change: print them once they are current.
        await core.settleDueTimes();
        return ask(core, 'sla/list', { ...(states ? { states: [...states] } : {}), offset, limit });
      });
      console.log(values.json ? JSON.stringify(page, null, 2) : formatSlaTable(page));
    },
  },
  'calendar import-holidays': {
    summary: 'add the holidays of an .ics file to a business calendar',
    usage: 'desk calendar import-holidays [--data DIR] --calendar NAME [--as EMAIL] FILE.ics',
    options: { ...dataOption, calendar: { type: 'string' }, as: { type: 'string' } },
    positionals: true,
    async run(values, files) {
      if (typeof values.calendar !== 'string' || !values.calendar.trim()) {
        throw new UsageError('--calendar is required (the calendar to add the holidays to, by name).');
      }
      if (files.length !== 1) throw new UsageError('Name one .ics file to import.');
      const file = path.resolve(files[0]!);
      let ics: string;
      try {
        ics = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
      }
      const result = await withCore(dataDir(values), async (core) => {
        await actAs(core, values.as);
        const calendar = await calendarNamed(core, values.calendar as string);
        try {
          return await ask(core, 'calendar/importHolidays', { calendarId: calendar.id, ics });
        } catch (error) {
          // Calendars are supervisors' to change: say how to act as one from the command line.
          if (error instanceof DeskError && (error.code === 'not_signed_in' || error.code === 'forbidden')) {
            throw new DeskError(error.code, `${error.message} Add --as with a supervisor's email.`);
          }
          throw error;
        }
      });
      const left = [
        result.timedEventsIgnored ? `${result.timedEventsIgnored} timed event(s)` : null,
        result.cancelledEventsIgnored ? `${result.cancelledEventsIgnored} cancelled event(s)` : null,
      ].filter(Boolean);
      console.log(
        `${result.calendar.name}: ${result.added} holiday(s) added, ${result.renamed} renamed, ` +
          `${result.calendar.holidays.length} in all.${left.length ? ` Left out: ${left.join(', ')}.` : ''} ` +
          `Yearly events were expanded over ${result.window.from} to ${result.window.to}.`,
      );
    },
  },
};
