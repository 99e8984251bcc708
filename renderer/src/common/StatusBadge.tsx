import { status as statusEnum } from '#shared/domain/enums.ts';
import type { Status } from '#shared/domain/enums.ts';
import { STATUS_COLOURS } from './badge-colours.ts';
import { Tag } from './Tag.tsx';

export function StatusBadge({ status, size = 'sm' }: { status: Status; size?: 'sm' | 'md' }) {
  return (
    <Tag color={STATUS_COLOURS[status]} size={size}>
      {statusEnum.labels[status]}
    </Tag>
  );
}
