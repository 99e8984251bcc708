import { UnstyledButton } from '@mantine/core';
import type { QueueColumn, QueueSort } from '#shared/domain/queue.ts';
import { ariaSort, queueColumnDefs, queueGridTemplate } from './queue-columns.ts';
import classes from './queue-grid.module.css';

const ARROWS = { ascending: '▲', descending: '▼', none: '' } as const;

interface QueueHeaderRowProps {
  readonly columns: readonly QueueColumn[];
  readonly sort: QueueSort;
  onSort(column: QueueColumn): void;
}

export function QueueHeaderRow({ columns, sort, onSort }: QueueHeaderRowProps) {
  return (
    <div role="rowgroup" className={classes.head}>
      <div
        role="row"
        aria-rowindex={1}
        className={classes.row}
        style={{ gridTemplateColumns: queueGridTemplate(columns) }}
      >
        <div role="columnheader" aria-label="Ticked for a bulk change" />
        {queueColumnDefs(columns).map(({ column, label }) => {
          const order = ariaSort(sort, column);
          return (
            <div key={column} role="columnheader" aria-sort={order}>
              <UnstyledButton className={classes.sortButton} onClick={() => onSort(column)}>
                {label}
                <span aria-hidden="true">{ARROWS[order]}</span>
              </UnstyledButton>
            </div>
          );
        })}
      </div>
    </div>
  );
}
