import { Checkbox } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { InboxItem } from '#shared/domain/intake.ts';
import { listMoveFor } from '../navigation/shortcuts.ts';
import { useShortcuts } from '../navigation/use-shortcuts.ts';
import classes from './inbox.module.css';
import { InboxRow } from './InboxRow.tsx';

interface InboxListProps {
  readonly items: readonly InboxItem[];
  /** Where the highlight is (-1 for an empty list). */
  readonly currentIndex: number;
  readonly selected: readonly string[];
  /** Whether `items` answer the filters asked for now (false for a moment after a change). */
  readonly current: boolean;
  readonly empty: string;
  onPick(index: number, id: string): void;
  onToggle(id: string): void;
  onSelectAll(ids: readonly string[]): void;
  onOpen(id: string): void;
}

/**
 * The inbox as an ARIA grid: the highlighted row is aria-selected and has the focus (j, k and the arrows move
 * it), as in the queue; several rows can be ticked with their checkboxes.
 */
export function InboxList(props: InboxListProps) {
  const { items, currentIndex, selected, onPick, onToggle, onOpen } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest === 0) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${currentIndex}"]`);
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  }, [focusRequest, currentIndex]);

  const moveTo = useCallback(
    (index: number) => {
      if (!items.length) return;
      const target = Math.max(0, Math.min(items.length - 1, index));
      onPick(target, items[target]!.id);
      setFocusRequest((n) => n + 1);
    },
    [items, onPick],
  );

  useShortcuts({
    next: () => moveTo(currentIndex + 1),
    previous: () => moveTo(currentIndex - 1),
    open: () => {
      const item = items[currentIndex];
      if (item) onOpen(item.id);
    },
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = listMoveFor(event.key);
    if (move === null) return;
    event.preventDefault();
    // The inbox shows one page at a time: a page key goes to its first or last row.
    if (move === 'first' || move === 'page-up') moveTo(0);
    else if (move === 'last' || move === 'page-down') moveTo(items.length - 1);
    else moveTo(currentIndex + move);
  };

  const waiting = items.filter((item) => item.state === 'untriaged').map((item) => item.id);
  const allTicked = waiting.length > 0 && waiting.every((id) => selected.includes(id));

  return (
    <div
      ref={scrollRef}
      id="inbox-grid"
      role="grid"
      aria-label="Inbox"
      aria-rowcount={items.length + 1}
      aria-colcount={6}
      aria-busy={!props.current}
      className={classes.scroller}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target === event.currentTarget && items.length) moveTo(Math.max(0, currentIndex));
      }}
    >
      <div role="row" aria-rowindex={1} className={classes.head}>
        <div role="columnheader" className={classes.cell}>
          <Checkbox
            size="xs"
            aria-label="Select every item on this page waiting for triage"
            checked={allTicked}
            indeterminate={!allTicked && selected.length > 0}
            disabled={!waiting.length}
            onChange={() => props.onSelectAll(allTicked ? [] : waiting)}
          />
        </div>
        <div role="columnheader" className={classes.cell}>
          Channel
        </div>
        <div role="columnheader" className={classes.cell}>
          From
        </div>
        <div role="columnheader" className={classes.cell}>
          Subject
        </div>
        <div role="columnheader" className={classes.cell}>
          Files
        </div>
        <div role="columnheader" className={classes.cell}>
          Received
        </div>
      </div>
      <div role="rowgroup">
        {items.map((item, index) => (
          <InboxRow
            key={item.id}
            item={item}
            index={index}
            current={index === currentIndex}
            checked={selected.includes(item.id)}
            onPick={onPick}
            onToggle={onToggle}
            onOpen={onOpen}
          />
        ))}
      </div>
      {props.current && items.length === 0 ? <p className={classes.empty}>{props.empty}</p> : null}
    </div>
  );
}
