import type { ImportFailure, ImportSummary } from '#shared/domain/intake.ts';

/** What the file chooser and the drop zone take: mailbox files and single messages. */
export const IMPORT_ACCEPT = '.eml,.mbox,.mbx,message/rfc822,application/mbox';
const IMPORTABLE = /\.(eml|mbox|mbx)$/i;

export function isImportable(name: string): boolean {
  return IMPORTABLE.test(name);
}

export const NOT_IMPORTABLE = 'Only .eml and .mbox files can be imported.';

export const EMPTY_SUMMARY: ImportSummary = {
  messages: 0,
  imported: 0,
  threaded: 0,
  duplicate: 0,
  automatic: 0,
  failed: 0,
  failures: [],
};

/** Several files' summaries as one: the agent asked for one import, whatever they dropped. */
export function addSummaries(a: ImportSummary, b: ImportSummary): ImportSummary {
  return {
    messages: a.messages + b.messages,
    imported: a.imported + b.imported,
    threaded: a.threaded + b.threaded,
    duplicate: a.duplicate + b.duplicate,
    automatic: a.automatic + b.automatic,
    failed: a.failed + b.failed,
    failures: [...a.failures, ...b.failures],
  };
}

/** A file the import refused before reading it (not a mail file, or the upload failed). */
export function refusedFile(name: string, reason: string): ImportSummary {
  return { ...EMPTY_SUMMARY, failed: 1, failures: [{ source: name, reason }] };
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

export interface ImportWords {
  /** "Imported 12 messages", "Imported 10 of 12 messages" or "Nothing new imported". */
  readonly headline: string;
  /** "8 new in the inbox", "2 added to their incidents", …: only the outcomes that happened. */
  readonly outcomes: readonly string[];
  readonly failures: readonly ImportFailure[];
}

/** An import's summary in the words an agent reads at a glance. */
export function describeImport(summary: ImportSummary): ImportWords {
  // Each message has one outcome; new, threaded and automatic ones are stored, duplicates were already here.
  const stored = summary.imported + summary.threaded + summary.automatic;
  const headline =
    stored === 0
      ? summary.messages === 0 && summary.failed === 0
        ? 'No messages found in the files'
        : 'Nothing new imported'
      : stored === summary.messages
        ? `Imported ${count(stored, 'message', 'messages')}`
        : `Imported ${stored.toLocaleString()} of ${count(summary.messages, 'message', 'messages')}`;
  const outcomes = [
    summary.imported ? `${count(summary.imported, 'new item', 'new items')} in the inbox` : null,
    summary.threaded ? `${count(summary.threaded, 'message', 'messages')} added to their incidents` : null,
    summary.duplicate ? `${count(summary.duplicate, 'message was', 'messages were')} already here` : null,
    summary.automatic
      ? `${count(summary.automatic, 'automatic message', 'automatic messages')} (auto-replies, bounces, loops: kept, never answered, not for triage)`
      : null,
    summary.failed ? `${summary.failed.toLocaleString()} could not be imported` : null,
  ].filter((line): line is string => line !== null);
  return { headline, outcomes, failures: summary.failures };
}

/** One line for a notification: "Imported 10 messages: 8 new items in the inbox, 2 …". */
export function importSentence(summary: ImportSummary): string {
  const { headline, outcomes } = describeImport(summary);
  return outcomes.length ? `${headline}: ${outcomes.join(', ')}.` : `${headline}.`;
}
