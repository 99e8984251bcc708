import { QUEUE_COLUMN_LABELS, QUEUE_COLUMNS } from '#shared/domain/queue.ts';
import type { QueueColumn, QueueSort } from '#shared/domain/queue.ts';

/** Widths chosen so a 1280-pixel window shows every column (numbers up to INC-999999); the title takes the rest. */
const WIDTHS: Record<QueueColumn, string> = {
  number: '100px',
  priority: '120px',
  title: 'minmax(180px, 1fr)',
  status: '156px',
  assignee: '140px',
  group: '140px',
  channel: '96px',
  updated: '96px',
  due: '150px',
};

/** The tick box for bulk changes comes first, apart from the data columns. */
const TICK_WIDTH = 36;

export const QUEUE_GRID_TEMPLATE = [`${TICK_WIDTH}px`, ...QUEUE_COLUMNS.map((column) => WIDTHS[column])].join(' ');
/** The sum of the fixed widths and the title's minimum: narrower windows scroll sideways. */
export const QUEUE_MIN_WIDTH = 1178 + TICK_WIDTH;

export const QUEUE_COLUMN_DEFS = QUEUE_COLUMNS.map((column) => ({
  column,
  label: QUEUE_COLUMN_LABELS[column],
}));

export function ariaSort(sort: QueueSort, column: QueueColumn): 'ascending' | 'descending' | 'none' {
  if (sort.column !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}
