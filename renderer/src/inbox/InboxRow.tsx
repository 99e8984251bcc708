import { Checkbox } from '@mantine/core';
import { memo } from 'react';
import { INBOX_STATE_LABELS } from '#shared/domain/intake.ts';
import type { InboxItem } from '#shared/domain/intake.ts';
import { ChannelBadge, MessageKindBadge } from '../common/ChannelBadge.tsx';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { Tag } from '../common/Tag.tsx';
import classes from './inbox.module.css';
import { senderLabel } from './sender-label.ts';

interface InboxRowProps {
  readonly item: InboxItem;
  readonly index: number;
  readonly current: boolean;
  readonly checked: boolean;
  readonly onPick: (index: number, id: string) => void;
  readonly onToggle: (id: string) => void;
  readonly onOpen: (id: string) => void;
}

function PaperClip() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M16.5 6.5 8.6 14.4a1.5 1.5 0 0 0 2.1 2.1l7.9-7.9a3 3 0 0 0-4.2-4.2l-8.3 8.3a4.5 4.5 0 0 0 6.4 6.4l7-7"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** One inbox item: where it came from, who sent it, what it says, what it is, when it came. */
export const InboxRow = memo(function InboxRow({
  item,
  index,
  current,
  checked,
  onPick,
  onToggle,
  onOpen,
}: InboxRowProps) {
  const sender = senderLabel(item.from);
  const waiting = item.state === 'untriaged';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      // Selected is the highlighted row, as in the queue; ticking is the checkbox's own state.
      aria-selected={current}
      data-current={current}
      data-ticked={checked}
      data-triaged={!waiting}
      data-index={index}
      tabIndex={current ? 0 : -1}
      className={classes.item}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onPick(index, item.id);
      }}
      onClick={() => {
        onPick(index, item.id);
        onOpen(item.id);
      }}
    >
      <div role="gridcell" className={classes.cell} onClick={(event) => event.stopPropagation()}>
        <Checkbox
          size="xs"
          aria-label={`Select “${item.subject || item.preview || 'item'}”`}
          checked={checked}
          disabled={!waiting}
          tabIndex={-1}
          onChange={() => onToggle(item.id)}
        />
      </div>
      <div role="gridcell" className={classes.cell}>
        <ChannelBadge channel={item.channel} />
      </div>
      <div role="gridcell" className={classes.stack}>
        <span className={classes.sender} title={item.from?.address || undefined}>
          {sender.name}
        </span>
        {sender.detail ? <span className={classes.muted}>{sender.detail}</span> : null}
      </div>
      <div role="gridcell" className={classes.stack}>
        <span className={classes.line}>
          <span className={classes.subject}>{item.subject || '(no subject)'}</span>
          <MessageKindBadge kind={item.kind} />
          {waiting ? null : <Tag color="gray">{INBOX_STATE_LABELS[item.state]}</Tag>}
        </span>
        {item.preview ? <span className={classes.muted}>{item.preview}</span> : null}
      </div>
      <div role="gridcell" className={classes.cell}>
        {item.attachmentCount ? (
          <span
            className={classes.line}
            title={item.attachmentCount === 1 ? '1 attachment' : `${item.attachmentCount} attachments`}
            aria-label={item.attachmentCount === 1 ? '1 attachment' : `${item.attachmentCount} attachments`}
          >
            <PaperClip />
            {item.attachmentCount}
          </span>
        ) : null}
      </div>
      <div role="gridcell" className={classes.cell}>
        <span className={classes.muted}>
          <RelativeTime iso={item.receivedAt} />
        </span>
      </div>
    </div>
  );
});
