import { Badge, Button, Group, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { QueueColumn, QueueFilter, QueueView } from '#shared/domain/queue.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { NowProvider } from '../common/now-context.tsx';
import { QueueFilters } from './QueueFilters.tsx';
import { QueueGrid } from './QueueGrid.tsx';
import { useQueue, useQueueRows } from './queue-context.tsx';
import { isModified, KPI_DRILL_VIEW_ID, SEARCH_VIEW_ID } from './queue-state.ts';
import { SaveViewDialog } from './SaveViewDialog.tsx';
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
  const total = pages.current ? pages.cache.total : null;
  const [saving, setSaving] = useState(false);
  const run = useDeskCommand();

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
        </Group>
      </Group>
      <QueueFilters filter={state.filter} onChange={onFilter} />
      {/* Every second, so the Due column counts down and turns at risk or breached as it happens. */}
      <NowProvider tickMs={1000}>
        <QueueGrid
          label="Incidents"
          pages={pages}
          selection={state.selection}
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
