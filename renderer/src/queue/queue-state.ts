import { BUILT_IN_VIEWS } from '#shared/domain/queue.ts';
import type { KpiDrill } from '#shared/domain/kpi-query.ts';
import type { QueueColumn, QueueFilter, QueueSort, QueueView } from '#shared/domain/queue.ts';

/** The search box searches every incident, whatever view was open; clearing it returns to that view. */
export const SEARCH_VIEW_ID = 'search';
export const DEFAULT_VIEW_ID = 'my-open';
/** The incidents behind a KPI figure, opened from the KPIs screen: a view of its own, named after the figure. */
export const KPI_DRILL_VIEW_ID = 'kpi-drill';

export type ViewDefinition = Pick<QueueView, 'id' | 'name' | 'filter' | 'sort'>;

export interface QueueState {
  /** The open view's id, or SEARCH_VIEW_ID while the agent is searching. */
  readonly viewId: string;
  /** The view to go back to when the search is cleared. */
  readonly returnViewId: string;
  readonly filter: QueueFilter;
  readonly sort: QueueSort;
  /** The highlighted row: the incident's id (so it stays put as rows move) and where it was; -1 for none. */
  readonly selection: { readonly id: string | null; readonly index: number };
  /** Kept so the queue comes back where the agent left it after opening an incident. */
  readonly scrollOffset: number;
  /** Counts views opened from the navigation: the search box starts afresh on each. */
  readonly openedViews: number;
  /** What the KPI drill-down shows ("Resolved · Last 30 days"), while it is open. */
  readonly drillName?: string;
}

export type QueueAction =
  | { readonly type: 'open-view'; readonly view: ViewDefinition }
  | { readonly type: 'search'; readonly text: string; readonly returnView: ViewDefinition | undefined }
  | { readonly type: 'drill'; readonly name: string; readonly drill: KpiDrill }
  | { readonly type: 'filter'; readonly patch: Partial<QueueFilter> }
  | { readonly type: 'sort'; readonly column: QueueColumn }
  | { readonly type: 'select'; readonly index: number; readonly id: string | null }
  | { readonly type: 'scrolled'; readonly offset: number };

const NO_SELECTION = { id: null, index: -1 } as const;

export function initialQueueState(): QueueState {
  const view = BUILT_IN_VIEWS.find((v) => v.id === DEFAULT_VIEW_ID) ?? BUILT_IN_VIEWS[0]!;
  return {
    viewId: view.id,
    returnViewId: view.id,
    filter: view.filter,
    sort: view.sort,
    selection: NO_SELECTION,
    scrollOffset: 0,
    openedViews: 0,
  };
}

/** Drops empty lists and blank text, so a filter compares equal to its view's after a round trip. */
export function cleanFilter(filter: QueueFilter): QueueFilter {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    clean[key] = typeof value === 'string' ? value.trim() : value;
  }
  return clean as QueueFilter;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${k}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether the agent has changed the filters or the sort since opening the view. */
export function isModified(state: Pick<QueueState, 'filter' | 'sort'>, view: ViewDefinition): boolean {
  return (
    canonical(cleanFilter(state.filter)) !== canonical(cleanFilter(view.filter)) ||
    canonical(state.sort) !== canonical(view.sort)
  );
}

/** Newest and most urgent first are what agents look for; everything else reads A to Z. */
const FIRST_DIRECTION: Record<QueueColumn, QueueSort['direction']> = {
  number: 'desc',
  priority: 'asc',
  title: 'asc',
  status: 'asc',
  assignee: 'asc',
  group: 'asc',
  channel: 'asc',
  updated: 'desc',
  due: 'asc',
};

export function nextSort(current: QueueSort, column: QueueColumn): QueueSort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: FIRST_DIRECTION[column] };
}

function withQuery(state: QueueState, changes: Partial<QueueState>): QueueState {
  return { ...state, ...changes, selection: NO_SELECTION, scrollOffset: 0 };
}

export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  switch (action.type) {
    case 'open-view':
      return withQuery(state, {
        viewId: action.view.id,
        returnViewId: action.view.id,
        filter: action.view.filter,
        sort: action.view.sort,
        openedViews: state.openedViews + 1,
      });
    case 'drill':
      return withQuery(state, {
        viewId: KPI_DRILL_VIEW_ID,
        filter: { kpi: action.drill },
        sort: { column: 'number', direction: 'desc' },
        drillName: action.name,
        openedViews: state.openedViews + 1,
      });
    case 'search': {
      const text = action.text.trim();
      if (!text) {
        if (state.viewId !== SEARCH_VIEW_ID)
          return withQuery(state, { filter: cleanFilter({ ...state.filter, text: '' }) });
        const back = action.returnView;
        return back
          ? withQuery(state, { viewId: back.id, returnViewId: back.id, filter: back.filter, sort: back.sort })
          : withQuery(state, { filter: {} });
      }
      if (state.viewId === SEARCH_VIEW_ID) return withQuery(state, { filter: { ...state.filter, text } });
      return withQuery(state, { viewId: SEARCH_VIEW_ID, returnViewId: state.viewId, filter: { text } });
    }
    case 'filter':
      return withQuery(state, { filter: cleanFilter({ ...state.filter, ...action.patch }) });
    case 'sort':
      return withQuery(state, { sort: nextSort(state.sort, action.column) });
    case 'select':
      if (state.selection.id === action.id && state.selection.index === action.index) return state;
      return { ...state, selection: { id: action.id, index: action.index } };
    case 'scrolled':
      return state.scrollOffset === action.offset ? state : { ...state, scrollOffset: action.offset };
  }
}
