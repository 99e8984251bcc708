import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { DeskError } from '#shared/errors.ts';
import { emailSchema } from '#shared/domain/schemas.ts';
import { createCore } from '#core/index.ts';
import { dataDir, dataOption, secretsLine, wholeNumber, withCore } from './command.ts';
import type { Command } from './command.ts';
import { HUB_COMMANDS } from './hub-commands.ts';
import { formatQueueTable, queueQueryFromOptions } from './incidents-command.ts';
import { INTAKE_COMMANDS } from './intake-commands.ts';
import { KPI_COMMANDS } from './kpi-command.ts';
import { MAIL_COMMANDS } from './mail-commands.ts';
import { SERVE_COMMANDS } from './serve-command.ts';
import { SLA_COMMANDS } from './sla-commands.ts';
import { SYNC_COMMANDS } from './sync-commands.ts';
import { ensureRendererBuilt } from './renderer-build.ts';
import { UsageError } from './usage-error.ts';
import { serveInBrowser } from './web-command.ts';

function openInBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer.exe' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {}); // No desktop to open it on: the printed address is enough.
  child.unref();
}

const LOCAL_COMMANDS: Record<string, Command> = {
  web: {
    summary: 'serve Incident Desk to a browser on 127.0.0.1',
    usage: 'desk web [--data DIR] [--port N] [--as EMAIL] [--no-open]',
    options: { ...dataOption, port: { type: 'string' }, as: { type: 'string' }, 'no-open': { type: 'boolean' } },
    async run(values) {
      // Options are checked before the renderer build, which can take a while: a typo fails at once.
      const port = wholeNumber(values.port, 'port', 0);
      if (port > 65_535) throw new UsageError(`--port ${port} is not a port (0 to 65535).`);
      const as = values.as === undefined ? undefined : emailSchema.safeParse(values.as);
      if (as && !as.success) throw new UsageError(`--as needs an email address, not "${String(values.as)}".`);
      const staticDir = await ensureRendererBuilt((line) => console.error(line));
      const core = await createCore({
        dataDir: dataDir(values),
        keyring: 'system',
        logger: { error: (m, e) => console.error(m, e) },
      });
      if (as) {
        const email = as.data;
        const name = email
          .split('@')[0]!
          .replace(/[._-]+/g, ' ')
          .replace(/\b\w/g, (c) => c.toUpperCase());
        await core.signInAs(name, email);
      }
      const host = await serveInBrowser(core, { staticDir, port });
      console.log(await secretsLine(core));
      console.log('Incident Desk is running. Open this address in your browser:');
      console.log(host.url);
      if (!values['no-open']) openInBrowser(host.url);
    },
  },
  seed: {
    summary: 'fill a workspace with realistic demo data',
    usage: 'desk seed --data DIR --incidents N [--seed S] [--days D]',
    options: { ...dataOption, incidents: { type: 'string' }, seed: { type: 'string' }, days: { type: 'string' } },
    async run(values) {
      if (values.data === undefined) throw new UsageError('desk seed needs --data DIR (the workspace folder to fill).');
      const incidents = wholeNumber(values.incidents, 'incidents', 1_000);
      const seed = wholeNumber(values.seed, 'seed', 42);
      const days = wholeNumber(values.days, 'days', 90);
      if (days < 1 || days > 3_650) throw new UsageError('--days must be 1 to 3650 (ten years).');
      const started = performance.now();
      const summary = await withCore(dataDir(values), (core) => core.seedDemo({ incidents, seed, days }));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Seeded ${summary.incidents} incidents, ${summary.agents} agents, ${summary.groups} groups, ` +
          `${summary.contacts} contacts (${summary.changes} changes) in ${seconds} s.`,
      );
    },
  },
  incidents: {
    summary: 'list incidents with the queue’s filters',
    usage:
      'desk incidents [--data DIR] [--json] [--status S,…] [--priority P,…] [--assignee EMAIL|me|none,…] ' +
      '[--group NAME|none,…] [--channel C,…] [--category NAME,…] [--due STATE,…] [--text WORDS] ' +
      '[--sort COLUMN[:asc|desc]] ' +
      '[--limit N] [--offset N]',
    options: {
      ...dataOption,
      json: { type: 'boolean' },
      status: { type: 'string', multiple: true },
      priority: { type: 'string', multiple: true },
      assignee: { type: 'string', multiple: true },
      group: { type: 'string', multiple: true },
      channel: { type: 'string', multiple: true },
      category: { type: 'string', multiple: true },
      due: { type: 'string', multiple: true },
      text: { type: 'string' },
      sort: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
    },
    async run(values) {
      await withCore(dataDir(values), async (core) => {
        const query = await queueQueryFromOptions(core, values);
        // Due times are recomputed in the background after a settings change: sort and filter by current ones.
        if (query.sort.column === 'due' || query.filter.dueStates) await core.settleDueTimes();
        const outcome = await core.invoke('queue/page', query);
        if (!outcome.ok) throw new DeskError(outcome.error.code, outcome.error.message);
        const page = outcome.value as Parameters<typeof formatQueueTable>[0];
        console.log(values.json ? JSON.stringify(page, null, 2) : formatQueueTable(page));
      });
    },
  },
};

const COMMANDS: Record<string, Command> = {
  ...LOCAL_COMMANDS,
  ...SERVE_COMMANDS,
  ...INTAKE_COMMANDS,
  ...SLA_COMMANDS,
  ...KPI_COMMANDS,
  ...MAIL_COMMANDS,
  ...SYNC_COMMANDS,
  ...HUB_COMMANDS,
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(24)} ${command.summary}`);
  return [
    'Usage: desk <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'desk <command> --help shows its options.',
  ].join('\n');
}

/**
 * `desk hub admin add-agent …` is one command named by its first three words, `desk calendar import-holidays …`
 * by its first two.
 */
function commandName(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  const [first, ...rest] = argv;
  if (first === 'hub' && rest[0] === 'admin') {
    return { name: rest[1] ? `hub admin ${rest[1]}` : 'hub admin', rest: rest.slice(2) };
  }
  if (first === 'calendar') return { name: rest[0] ? `calendar ${rest[0]}` : 'calendar', rest: rest.slice(1) };
  if (first === 'mailbox') return { name: rest[0] ? `mailbox ${rest[0]}` : 'mailbox', rest: rest.slice(1) };
  return { name: first, rest };
}

export async function main(argv: readonly string[]): Promise<number> {
  const { name, rest } = commandName(argv);
  if (!name || name === '--help' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`desk: there is no command "${name}".\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help')) {
    console.log(`Usage: ${command.usage}`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: command.options,
      strict: true,
      allowPositionals: command.positionals ?? false,
    });
    return (await command.run(values, positionals)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`desk ${name}: ${(error as Error).message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof DeskError) {
      console.error(`desk ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
