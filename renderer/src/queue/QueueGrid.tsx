import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { QueueColumn } from '#shared/domain/queue.ts';
import { cachedIndexOf, rowAt } from '../api/page-cache.ts';
import type { QueuePages } from '../api/use-queue-pages.ts';
import { listMoveFor } from '../navigation/shortcuts.ts';
import { useShortcuts } from '../navigation/use-shortcuts.ts';
import { queueMinWidth } from './queue-columns.ts';
import classes from './queue-grid.module.css';
import { QueueHeaderRow } from './QueueHeaderRow.tsx';
import { QueueRow } from './QueueRow.tsx';

export const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 37;

interface QueueGridProps {
  readonly label: string;
  /** The columns shown, in order (the agent's choice, kept on this workstation). */
  readonly columns: readonly QueueColumn[];
  /** The rows, kept by the QueueProvider so they outlive this screen. */
  readonly pages: QueuePages;
  readonly selection: { readonly id: string | null; readonly index: number };
  readonly initialScrollOffset: number;
  /** Incidents ticked for a bulk change. */
  readonly ticked: ReadonlySet<string>;
  /** Raised after something outside the grid (a bulk change) took the focus: the highlighted row takes it back. */
  readonly refocus: number;
  onTick(index: number, id: string, range: boolean): void;
  onSelect(index: number, id: string | null): void;
  onOpen(id: string): void;
  onSort(column: QueueColumn): void;
  /** Called when the grid goes away, with where it was scrolled to, so coming back finds the same place. */
  onLeave(scrollOffset: number): void;
}

/**
 * The queue as an ARIA grid, virtualised: only the rows on screen exist in the DOM, and only their pages are
 * fetched, so 100,000 incidents scroll like 100. Rows not fetched yet are drawn empty at their place.
 */
export function QueueGrid(props: QueueGridProps) {
  const { pages, selection, ticked, onTick, onSelect, onOpen, onLeave } = props;
  const { query, cache, current, load } = pages;
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = cache.total;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialOffset: props.initialScrollOffset,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => load(firstIndex, lastIndex), [firstIndex, lastIndex, load]);

  // Read on scroll, not at unmount: by then the grid has left the page and reports 0.
  const scrollTop = useRef(props.initialScrollOffset);
  useEffect(() => () => onLeave(scrollTop.current), [onLeave]);

  // A new query starts at the top (the state has already forgotten the old scroll position).
  const queryKey = JSON.stringify(query);
  const shownQuery = useRef(queryKey);
  useEffect(() => {
    if (shownQuery.current === queryKey) return;
    shownQuery.current = queryKey;
    // Scrolling measures the page, which is not free: only when the grid is not at its top already.
    if (scrollTop.current !== 0) virtualizer.scrollToOffset(0);
  }, [queryKey, virtualizer]);

  // The selection follows its incident when rows move (a live update), else stays at its place.
  const found = selection.id ? cachedIndexOf(cache, selection.id, selection.index) : -1;
  const selectedIndex = found >= 0 ? found : Math.min(selection.index, total - 1);
  const selectedId = found >= 0 ? selection.id : (rowAt(cache, selectedIndex)?.id ?? null);

  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest === 0) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${selectedIndex}"]`);
    row?.focus({ preventScroll: true });
  }, [focusRequest, selectedIndex, items.length]);

  const moveTo = useCallback(
    (index: number) => {
      if (total === 0) return;
      const target = Math.max(0, Math.min(total - 1, index));
      onSelect(target, rowAt(cache, target)?.id ?? null);
      virtualizer.scrollToIndex(target, { align: 'auto' });
      setFocusRequest((n) => n + 1);
    },
    [total, cache, onSelect, virtualizer],
  );

  // Focused before its rows arrived (the palette landing on a queue): the highlighted row takes it once there.
  const hasRows = total > 0;
  useEffect(() => {
    if (hasRows && document.activeElement === scrollRef.current) moveTo(selectedIndex < 0 ? 0 : selectedIndex);
    // Only when rows first arrive: moving on every selection change would fight the arrow keys.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasRows]);

  const openSelected = useCallback(() => {
    if (selectedId) onOpen(selectedId);
  }, [selectedId, onOpen]);

  useEffect(() => {
    if (props.refocus > 0) setFocusRequest((n) => n + 1);
  }, [props.refocus]);

  const tickSelected = useCallback(() => {
    if (selectedId && selectedIndex >= 0) onTick(selectedIndex, selectedId, false);
  }, [selectedId, selectedIndex, onTick]);

  useShortcuts({
    'toggle-select': tickSelected,
    next: () => moveTo(selectedIndex < 0 ? 0 : selectedIndex + 1),
    previous: () => moveTo(selectedIndex < 0 ? 0 : selectedIndex - 1),
    open: openSelected,
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const move = listMoveFor(event.key);
    if (move === null) return;
    event.preventDefault();
    const step = move === 'page-down' ? pageRows : move === 'page-up' ? -pageRows : move;
    if (step === 'first') moveTo(0);
    else if (step === 'last') moveTo(total - 1);
    else moveTo(selectedIndex < 0 ? 0 : selectedIndex + step);
  };

  return (
    <div
      ref={scrollRef}
      id="queue-grid"
      role="grid"
      aria-label={props.label}
      aria-rowcount={total + 1}
      aria-colcount={props.columns.length + 1}
      aria-busy={!current}
      className={classes.scroller}
      onKeyDown={onKeyDown}
      onScroll={(event) => {
        scrollTop.current = event.currentTarget.scrollTop;
      }}
      tabIndex={-1}
      onFocus={(event) => {
        if (event.target === event.currentTarget && total > 0) moveTo(selectedIndex < 0 ? 0 : selectedIndex);
      }}
    >
      <div style={{ minWidth: queueMinWidth(props.columns) }}>
        <QueueHeaderRow columns={props.columns} sort={query.sort} onSort={props.onSort} />
        <div role="rowgroup" className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <QueueRow
              columns={props.columns}
              key={item.index}
              index={item.index}
              start={item.start - HEADER_HEIGHT}
              height={ROW_HEIGHT}
              row={rowAt(cache, item.index)}
              selected={item.index === selectedIndex}
              focusable={item.index === Math.max(0, selectedIndex)}
              ticked={ticked.has(rowAt(cache, item.index)?.id ?? '')}
              onTick={onTick}
              onPick={onSelect}
              onOpen={onOpen}
            />
          ))}
        </div>
        {current && total === 0 ? <p className={classes.empty}>No incidents match these filters.</p> : null}
      </div>
    </div>
  );
}
