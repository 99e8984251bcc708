import type { Priority, Status } from '#shared/domain/enums.ts';

/** Colours carry meaning only alongside the words ("1 - Critical"), never instead of them. */
export const PRIORITY_COLOURS: Record<Priority, string> = {
  1: 'red',
  2: 'orange',
  3: 'yellow',
  4: 'blue',
  5: 'gray',
};

export const STATUS_COLOURS: Record<Status, string> = {
  new: 'blue',
  assigned: 'cyan',
  in_progress: 'indigo',
  waiting_on_customer: 'orange',
  resolved: 'teal',
  closed: 'gray',
  cancelled: 'dark',
};
