import { channel as channelEnum } from '#shared/domain/enums.ts';
import type { Channel } from '#shared/domain/enums.ts';
import { MESSAGE_KIND_LABELS } from '#shared/domain/intake.ts';
import type { MessageKind } from '#shared/domain/intake.ts';
import { CHANNEL_COLOURS, MESSAGE_KIND_COLOURS } from './badge-colours.ts';
import { Tag } from './Tag.tsx';

/** "Email", "Phone", "Walk-in", "Monitoring", "Web form": where something came in. */
export function ChannelBadge({ channel, size = 'sm' }: { channel: Channel; size?: 'sm' | 'md' }) {
  return (
    <Tag color={CHANNEL_COLOURS[channel]} size={size}>
      {channelEnum.labels[channel]}
    </Tag>
  );
}

/** "Automatic reply", "Delivery failure", "Mail loop", "Could not be read"; nothing for a person's message. */
export function MessageKindBadge({ kind, size = 'sm' }: { kind: MessageKind; size?: 'sm' | 'md' }) {
  if (kind === 'message') return null;
  return (
    <Tag color={MESSAGE_KIND_COLOURS[kind]} size={size} filled={kind === 'unparsed'}>
      {MESSAGE_KIND_LABELS[kind]}
    </Tag>
  );
}
