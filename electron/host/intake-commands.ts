import path from 'node:path';
import { INBOX_STATES, INTAKE_CHANNELS, MESSAGE_KIND_LABELS } from '#shared/domain/intake.ts';
import type { InboxState, IntakeChannel } from '#shared/domain/intake.ts';
import { ask, dataDir, dataOption, wholeNumber, withCore } from './command.ts';
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';

function listOf<T extends string>(value: unknown, allowed: readonly T[], option: string): T[] | undefined {
  const items = ((value as string[] | undefined) ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T))
      throw new UsageError(`--${option} "${item}" is not one of ${allowed.join(', ')}.`);
  }
  return items.length ? (items as T[]) : undefined;
}

/**
 * `desk import`'s exit codes, for scripts: 0 when everything was imported (duplicates and automatic mail
 * included), 3 when any file or message failed (the rest is imported; each failure is listed with its reason),
 * and as every command: 1 when the import could not run at all, 2 for a usage error.
 */
export const IMPORT_SOME_FAILED = 3;

export const INTAKE_COMMANDS: Record<string, Command> = {
  import: {
    summary: 'import .eml and .mbox files (and monitoring alert .json) into the inbox',
    usage: 'desk import [--data DIR] [--json] FILE…',
    options: { ...dataOption, json: { type: 'boolean' } },
    positionals: true,
    async run(values, files) {
      if (!files.length) throw new UsageError('Name at least one .eml, .mbox or alert .json file to import.');
      const summary = await withCore(dataDir(values), (core) =>
        core.importFiles(files.map((file) => path.resolve(file))),
      );
      if (values.json) console.log(JSON.stringify(summary, null, 2));
      else {
        console.log(
          `${summary.messages} messages: ${summary.imported} new in the inbox, ${summary.threaded} added to incidents, ` +
            `${summary.duplicate} already there, ${summary.automatic} automatic (replies, bounces, notices, lists, ` +
            `abuse reports, loops), ${summary.failed} failed.`,
        );
        for (const failure of summary.failures) console.log(`  ${failure.source}: ${failure.reason}`);
      }
      return summary.failed ? IMPORT_SOME_FAILED : 0;
    },
  },
  inbox: {
    summary: 'list the inbox: what arrived and waits for triage',
    usage: 'desk inbox [--data DIR] [--json] [--channel C,…] [--state S,…] [--text WORDS] [--limit N]',
    options: {
      ...dataOption,
      json: { type: 'boolean' },
      channel: { type: 'string', multiple: true },
      state: { type: 'string', multiple: true },
      text: { type: 'string' },
      limit: { type: 'string' },
    },
    async run(values) {
      const channels = listOf<IntakeChannel>(values.channel, INTAKE_CHANNELS, 'channel');
      const states = listOf<InboxState>(values.state, INBOX_STATES, 'state');
      const limit = wholeNumber(values.limit, 'limit', 100);
      if (limit < 1 || limit > 500) throw new UsageError('--limit must be 1 to 500.');
      const page = await withCore(dataDir(values), (core) =>
        ask(core, 'inbox/list', {
          ...(channels ? { channels } : {}),
          ...(states ? { states } : {}),
          ...(typeof values.text === 'string' ? { text: values.text } : {}),
          offset: 0,
          limit,
        }),
      );
      if (values.json) {
        console.log(JSON.stringify(page, null, 2));
        return;
      }
      for (const item of page.items) {
        const from = item.from ? item.from.name || item.from.address : '(unknown sender)';
        const kind = item.kind === 'message' ? '' : ` [${MESSAGE_KIND_LABELS[item.kind]}]`;
        console.log(
          `${item.receivedAt.slice(0, 16).replace('T', ' ')}  ${item.channel.padEnd(10)} ${from.slice(0, 28).padEnd(28)} ${item.subject}${kind}`,
        );
      }
      console.log(`${page.items.length} of ${page.total} items`);
    },
  },
};
