import { UnstyledButton } from '@mantine/core';
import type { QueueColumn, QueueSort } from '#shared/domain/queue.ts';
import { ariaSort, QUEUE_COLUMN_DEFS, QUEUE_GRID_TEMPLATE } from './queue-columns.ts';
import classes from './queue-grid.module.css';

const ARROWS = { ascending: '▲', descending: '▼', none: '' } as const;

export function QueueHeaderRow({ sort, onSort }: { sort: QueueSort; onSort: (column: QueueColumn) => void }) {
  return (
    <div role="rowgroup" className={classes.head}>
      <div role="row" aria-rowindex={1} className={classes.row} style={{ gridTemplateColumns: QUEUE_GRID_TEMPLATE }}>
        <div role="columnheader" aria-label="Ticked for a bulk change" />
        {QUEUE_COLUMN_DEFS.map(({ column, label }) => {
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
