import { memo } from 'react';
import type { ReactNode } from 'react';
import { channel as channelEnum } from '#shared/domain/enums.ts';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import type { IncidentSummary } from '#shared/domain/incident.ts';
import type { QueueColumn } from '#shared/domain/queue.ts';
import { DueBadge } from '../common/DueBadge.tsx';
import { IncidentNumber } from '../common/IncidentNumber.tsx';
import { PriorityBadge } from '../common/PriorityBadge.tsx';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { StatusBadge } from '../common/StatusBadge.tsx';
import { queueGridTemplate } from './queue-columns.ts';
import classes from './queue-grid.module.css';

interface QueueRowProps {
  readonly index: number;
  /** The columns shown, in order (the agent's choice). */
  readonly columns: readonly QueueColumn[];
  readonly start: number;
  readonly height: number;
  /** Undefined while the row's page is on its way: the row is drawn empty, at its place. */
  readonly row: IncidentSummary | undefined;
  readonly selected: boolean;
  readonly focusable: boolean;
  /** Ticked for a bulk change. */
  readonly ticked: boolean;
  readonly onTick: (index: number, id: string, range: boolean) => void;
  readonly onPick: (index: number, id: string | null) => void;
  readonly onOpen: (id: string) => void;
}

/** What each column shows of an incident. */
function cellContent(column: QueueColumn, row: IncidentSummary): ReactNode {
  switch (column) {
    case 'number':
      return (
        <IncidentNumber number={row.number} provisionalNumber={row.provisionalNumber} className={classes.number} />
      );
    case 'priority':
      return <PriorityBadge priority={row.priority} size="sm" />;
    case 'title':
      return (
        <a className={classes.title} href={`#/incident/${row.id}`} tabIndex={-1} title={row.title}>
          {row.title}
        </a>
      );
    case 'status':
      return <StatusBadge status={row.status} />;
    case 'assignee':
      return (
        <span className={row.assigneeName ? classes.text : classes.muted} title={row.assigneeName ?? undefined}>
          {row.assigneeName ?? 'Unassigned'}
        </span>
      );
    case 'group':
      return (
        <span className={row.groupName ? classes.text : classes.muted} title={row.groupName ?? undefined}>
          {row.groupName ?? '—'}
        </span>
      );
    case 'channel':
      return <span className={classes.text}>{channelEnum.labels[row.channel]}</span>;
    case 'updated':
      return (
        <span className={classes.muted}>
          <RelativeTime iso={row.updatedAt} />
        </span>
      );
    case 'due':
      return <DueBadge due={row.due} />;
  }
}

export const QueueRow = memo(function QueueRow(props: QueueRowProps) {
  const { index, columns, start, height, row, selected, focusable, ticked, onTick, onPick, onOpen } = props;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      data-ticked={ticked}
      tabIndex={focusable ? 0 : -1}
      className={classes.bodyRow}
      style={{ height, transform: `translateY(${start}px)`, gridTemplateColumns: queueGridTemplate(columns) }}
      onFocus={() => onPick(index, row?.id ?? null)}
      onClick={(event) => {
        event.preventDefault();
        onPick(index, row?.id ?? null);
        if (row) onOpen(row.id);
      }}
    >
      <div role="gridcell" className={classes.cell}>
        {row ? (
          <input
            type="checkbox"
            className={classes.tick}
            tabIndex={-1}
            checked={ticked}
            aria-label={`Tick ${formatIncidentNumber(row.number, row.provisionalNumber)} for a bulk change`}
            // The row's own click opens the incident; a tick only ticks (Shift ticks the range from the last one).
            onClick={(event) => {
              // Not preventDefault: the browser would put the box back after React has drawn the new tick.
              event.stopPropagation();
              onPick(index, row.id);
              onTick(index, row.id, event.shiftKey);
            }}
            onChange={() => undefined}
          />
        ) : null}
      </div>
      {columns.map((column) => (
        <div key={column} role="gridcell" className={classes.cell}>
          {row ? cellContent(column, row) : null}
        </div>
      ))}
    </div>
  );
});
