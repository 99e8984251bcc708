import { priorityLabel } from '#shared/domain/enums.ts';
import type { Priority } from '#shared/domain/enums.ts';
import { PRIORITY_COLOURS } from './badge-colours.ts';
import { Tag } from './Tag.tsx';

/** "1 - Critical" on red: the most urgent two are filled, so they stand out in a long queue. */
export function PriorityBadge({ priority, size = 'sm' }: { priority: Priority; size?: 'sm' | 'md' }) {
  return (
    <Tag color={PRIORITY_COLOURS[priority]} filled={priority <= 2} size={size}>
      {priorityLabel(priority)}
    </Tag>
  );
}
