import { QUEUE_COLUMN_LABELS, QUEUE_COLUMNS } from '#shared/domain/queue.ts';
import type { QueueColumn, QueueSort } from '#shared/domain/queue.ts';

/**
 * Widths chosen so a 1280-pixel window shows every column (numbers up to INC-999999) and names such as
 * "Desktop Support" whole; the title takes the rest, and whatever a hidden column leaves.
 */
const WIDTHS: Record<QueueColumn, number> = {
  number: 100,
  priority: 120,
  title: 220,
  status: 156,
  assignee: 150,
  group: 150,
  channel: 90,
  updated: 96,
  due: 150,
};

/** The tick box for bulk changes comes first, apart from the data columns. */
const TICK_WIDTH = 36;

/** The title is what an agent reads first: it is always shown. */
export const ALWAYS_SHOWN: QueueColumn = 'title';

/**
 * The columns to show, in the queue's order, from the workstation's preference (column ids; unknown ones,
 * from a later version, are ignored). No preference shows them all.
 */
export function shownColumns(preference: readonly string[] | undefined): QueueColumn[] {
  if (!preference) return [...QUEUE_COLUMNS];
  return QUEUE_COLUMNS.filter((column) => column === ALWAYS_SHOWN || preference.includes(column));
}

/** The grid's columns: the tick box, then each shown column at its width, the title taking the rest. */
export function queueGridTemplate(columns: readonly QueueColumn[]): string {
  const widths = columns.map((column) =>
    column === 'title' ? `minmax(${WIDTHS.title}px, 1fr)` : `${WIDTHS[column]}px`,
  );
  return [`${TICK_WIDTH}px`, ...widths].join(' ');
}

/** The sum of the fixed widths and the title's minimum: narrower windows scroll sideways. */
export function queueMinWidth(columns: readonly QueueColumn[]): number {
  return TICK_WIDTH + columns.reduce((sum, column) => sum + WIDTHS[column], 0);
}

export function queueColumnDefs(columns: readonly QueueColumn[]) {
  return columns.map((column) => ({ column, label: QUEUE_COLUMN_LABELS[column] }));
}

export function ariaSort(sort: QueueSort, column: QueueColumn): 'ascending' | 'descending' | 'none' {
  if (sort.column !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}
