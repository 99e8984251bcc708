import { Badge, Button, Group, Text, Title } from '@mantine/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { QueueColumn, QueueFilter, QueueView } from '#shared/domain/queue.ts';
import { rowAt } from '../api/page-cache.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { NowProvider } from '../common/now-context.tsx';
import { useShortcuts } from '../navigation/use-shortcuts.ts';
import { BulkBar } from './BulkBar.tsx';
import { QueueFilters } from './QueueFilters.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { QueueGrid } from './QueueGrid.tsx';
import { useQueueColumns } from './use-queue-columns.ts';
import { useQueue, useQueueRows } from './queue-context.tsx';
import { isModified, KPI_DRILL_VIEW_ID, SEARCH_VIEW_ID } from './queue-state.ts';
import { SaveViewDialog } from './SaveViewDialog.tsx';
import { useBulkChanges } from './use-bulk-change.ts';
import classes from './queue-screen.module.css';

function countLabel(total: number | null): string {
  if (total === null) return '';
  return total === 1 ? '1 incident' : `${total.toLocaleString()} incidents`;
}

interface QueueScreenProps {
  onOpenIncident(id: string): void;
  /** Back to the figure a KPI drill-down came from. */
  onBackToKpis(): void;
}

export function QueueScreen({ onOpenIncident, onBackToKpis }: QueueScreenProps) {
  const { state, dispatch, views, viewById } = useQueue();
  const pages = useQueueRows();
  const queueColumns = useQueueColumns();
  const total = pages.current ? pages.cache.total : null;
  const [saving, setSaving] = useState(false);
  const run = useDeskCommand();
  const [refocus, setRefocus] = useState(0);
  const query = useMemo(() => ({ filter: state.filter, sort: state.sort }), [state.filter, state.sort]);
  const bulk = useBulkChanges(
    query,
    useCallback(() => setRefocus((n) => n + 1), []),
  );
  const { tick } = bulk;
  const barRef = useRef<HTMLDivElement>(null);
  useShortcuts({ 'bulk-bar': () => barRef.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus() });
  const cache = pages.cache;
  const onTick = useCallback(
    (index: number, id: string, range: boolean) => tick(index, id, range, (at) => rowAt(cache, at)?.id),
    [tick, cache],
  );

  const view = state.viewId === SEARCH_VIEW_ID ? undefined : viewById(state.viewId);
  const savedView = views?.find((v) => v.id === state.viewId && !v.builtIn);
  const modified = view ? isModified(state, view) : false;
  const title =
    view?.name ??
    (state.viewId === KPI_DRILL_VIEW_ID ? state.drillName : undefined) ??
    `Search results for “${state.filter.text ?? ''}”`;

  const onSelect = useCallback(
    (index: number, id: string | null) => dispatch({ type: 'select', index, id }),
    [dispatch],
  );
  const onSort = useCallback((column: QueueColumn) => dispatch({ type: 'sort', column }), [dispatch]);
  const onLeave = useCallback((offset: number) => dispatch({ type: 'scrolled', offset }), [dispatch]);
  const onFilter = useCallback((patch: Partial<QueueFilter>) => dispatch({ type: 'filter', patch }), [dispatch]);
  const openView = (saved: QueueView) => {
    setSaving(false);
    dispatch({ type: 'open-view', view: saved });
  };

  const updateView = async () => {
    if (!savedView) return;
    const input = { id: savedView.id, name: savedView.name, filter: state.filter, sort: state.sort };
    const saved = await run('view/save', input, { success: `View “${savedView.name}” updated` });
    if (saved.ok) openView(saved.value);
  };

  return (
    <div className={classes.screen}>
      <Group justify="space-between" px="md" pt="sm" pb="xs" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <Title order={1} size="h3" className={classes.title}>
            {title}
          </Title>
          <Text c="dimmed" size="sm" aria-live="polite" data-testid="queue-total">
            {countLabel(total)}
          </Text>
          {modified ? (
            <Badge variant="outline" color="gray" tt="none">
              Filters changed
            </Badge>
          ) : null}
        </Group>
        <Group gap="xs" wrap="nowrap">
          {state.viewId === KPI_DRILL_VIEW_ID ? (
            <Button variant="subtle" size="xs" onClick={onBackToKpis}>
              Back to KPIs
            </Button>
          ) : null}
          {modified && view ? (
            <Button variant="subtle" size="xs" onClick={() => dispatch({ type: 'open-view', view })}>
              Reset filters
            </Button>
          ) : null}
          {modified && savedView ? (
            <Button variant="default" size="xs" onClick={updateView}>
              Update view
            </Button>
          ) : null}
          <Button variant="default" size="xs" onClick={() => setSaving(true)}>
            Save as view
          </Button>
          <ColumnChooser columns={queueColumns.columns} onChoose={queueColumns.choose} />
        </Group>
      </Group>
      <QueueFilters filter={state.filter} onChange={onFilter} />
      {bulk.ticks.ids.size > 0 ? (
        <BulkBar
          barRef={barRef}
          ticked={bulk.ticks.ids.size}
          total={total}
          busy={bulk.busy}
          onChange={(change) => void bulk.apply(change)}
          onTickAll={() => void bulk.tickAllInFilter()}
          onClear={() => {
            bulk.clear();
            setRefocus((n) => n + 1);
          }}
        />
      ) : null}
      {/* Every second, so the Due column counts down and turns at risk or breached as it happens. */}
      <NowProvider tickMs={1000}>
        <QueueGrid
          label="Incidents"
          columns={queueColumns.columns}
          pages={pages}
          selection={state.selection}
          ticked={bulk.ticks.ids}
          refocus={refocus}
          onTick={onTick}
          initialScrollOffset={state.scrollOffset}
          onSelect={onSelect}
          onOpen={onOpenIncident}
          onSort={onSort}
          onLeave={onLeave}
        />
      </NowProvider>
      <SaveViewDialog
        opened={saving}
        filter={state.filter}
        sort={state.sort}
        onClose={() => setSaving(false)}
        onSaved={openView}
      />
    </div>
  );
}
