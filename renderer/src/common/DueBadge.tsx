import type { DueSummary } from '#shared/domain/incident-due.ts';
import { DUE_STATE_LABELS } from '#shared/domain/incident-due.ts';
import { dueText } from '#shared/domain/due-text.ts';
import { formatFullTime } from './time-format.ts';
import { DUE_STATE_COLOURS } from './badge-colours.ts';
import { Tag } from './Tag.tsx';
import { useNow } from './now-context.tsx';

/**
 * The next clock to breach, as time left or overdue, coloured by its state at the clock on screen: the row turns
 * at risk and breached as the instants pass, with nothing reloaded.
 */
export function DueBadge({ due }: { due: DueSummary }) {
  const now = useNow();
  const { state, text } = dueText(due, now);
  if (state === 'none') return <span aria-label="No SLA">—</span>;
  const title = due.dueAt ? `${DUE_STATE_LABELS[state]}, due ${formatFullTime(due.dueAt)}` : DUE_STATE_LABELS[state];
  return (
    <span title={title} aria-label={`${DUE_STATE_LABELS[state]}: ${text}`} data-due-state={state}>
      <Tag color={DUE_STATE_COLOURS[state]} filled={state === 'breached'}>
        {text}
      </Tag>
    </span>
  );
}
