import type { BulkChange, BulkIncidentRef, BulkOutcome, BulkSkip, UndoOutcome } from '#shared/domain/bulk.ts';
import { priorityLabel } from '#shared/domain/enums.ts';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import { ACTION_LABELS } from '#shared/domain/lifecycle.ts';

/** How many skipped incidents a notice names one by one; the rest are counted. */
const NAMED_SKIPS = 3;

function incidents(count: number): string {
  return count === 1 ? '1 incident' : `${count.toLocaleString()} incidents`;
}

function numberOf(ref: BulkIncidentRef): string {
  return formatIncidentNumber(ref.number, ref.provisionalNumber);
}

/** What a bulk change does, in the words of the bar's buttons, given the names it refers to. */
export function describeBulkChange(change: BulkChange, nameOf: (id: string) => string | undefined): string {
  switch (change.kind) {
    case 'assign':
      return change.assigneeId ? `Assigned to ${nameOf(change.assigneeId) ?? 'an agent'}` : 'Unassigned';
    case 'group':
      return change.groupId ? `Moved to ${nameOf(change.groupId) ?? 'a group'}` : 'Group removed';
    case 'status':
      return ACTION_LABELS[change.action];
    case 'priority':
      return `Priority set to ${priorityLabel(change.priority)}`;
    case 'tag':
      return `Tagged ${change.tag}`;
  }
}

/**
 * "INC-4, INC-9: It is Closed; …" — incidents skipped for the same reason share it, so a notice about many
 * stays short; the first few reasons are named, the rest counted.
 */
export function describeSkips(skipped: readonly BulkSkip[]): string {
  const byReason = new Map<string, string[]>();
  for (const skip of skipped) byReason.set(skip.reason, [...(byReason.get(skip.reason) ?? []), numberOf(skip)]);
  const reasons = [...byReason.entries()];
  const named = reasons.slice(0, NAMED_SKIPS).map(([reason, numbers]) => {
    const shown = numbers.slice(0, NAMED_SKIPS).join(', ');
    const more = numbers.length > NAMED_SKIPS ? ` and ${(numbers.length - NAMED_SKIPS).toLocaleString()} more` : '';
    return `${shown}${more}: ${reason}`;
  });
  const otherReasons = reasons.length - named.length;
  const others = otherReasons === 1 ? 'and 1 other reason' : `and ${otherReasons.toLocaleString()} other reasons`;
  return [...named, ...(otherReasons > 0 ? [others] : [])].join(' · ');
}

export interface BulkNotice {
  readonly title: string;
  readonly message: string;
}

/** The notice after a bulk change: what was done to how many, and what was left alone and why. */
export function bulkNotice(done: string, outcome: BulkOutcome): BulkNotice {
  const { changed, skipped } = outcome;
  const title =
    changed.length > 0 ? `${done}: ${incidents(changed.length)}` : `Nothing changed (${done.toLowerCase()})`;
  const message = skipped.length > 0 ? `Skipped ${incidents(skipped.length)}. ${describeSkips(skipped)}` : '';
  return { title, message };
}

/** The notice after an undo: what went back, and what stayed because someone changed it since. */
export function undoNotice(outcome: UndoOutcome): BulkNotice {
  const title =
    outcome.restored.length > 0 ? `Undone: ${incidents(outcome.restored.length)} as before` : 'Nothing to undo';
  const message =
    outcome.kept.length > 0 ? `Kept ${incidents(outcome.kept.length)}. ${describeSkips(outcome.kept)}` : '';
  return { title, message };
}
