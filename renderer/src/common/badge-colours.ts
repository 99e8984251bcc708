import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import type { DueState } from '#shared/domain/incident-due.ts';
import type { MessageKind } from '#shared/domain/intake.ts';

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

export const CHANNEL_COLOURS: Record<Channel, string> = {
  email: 'blue',
  phone: 'green',
  walk_in: 'grape',
  web: 'cyan',
  monitoring: 'orange',
  agent: 'gray',
};

/** Automatic messages are told apart from people's at a glance; "Could not be read" asks for a look. */
export const MESSAGE_KIND_COLOURS: Record<MessageKind, string> = {
  message: 'gray',
  auto_reply: 'gray',
  bounce: 'yellow',
  delivery_notice: 'gray',
  abuse_report: 'orange',
  mailing_list: 'gray',
  loop: 'yellow',
  unparsed: 'red',
};

/** The due column's states; the words ("12 min left", "Overdue 5 min") carry the meaning. */
export const DUE_STATE_COLOURS: Record<DueState, string> = {
  on_track: 'teal',
  at_risk: 'yellow',
  breached: 'red',
  paused: 'gray',
  met: 'gray',
  none: 'gray',
};
