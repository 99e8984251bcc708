import { describe, expect, it } from 'vitest';
import type { KpiDrill } from '#shared/domain/kpi-query.ts';
import { BUILT_IN_VIEWS } from '#shared/domain/queue.ts';
import {
  initialQueueState,
  isModified,
  KPI_DRILL_VIEW_ID,
  nextSort,
  queueReducer,
  SEARCH_VIEW_ID,
} from '../../renderer/src/queue/queue-state.ts';

const view = (id: string) => BUILT_IN_VIEWS.find((v) => v.id === id)!;

describe('queue state', () => {
  it('starts on "My open" with nothing selected', () => {
    const state = initialQueueState();
    expect(state.viewId).toBe('my-open');
    expect(state.selection.index).toBe(-1);
  });

  it('opens a KPI drill-down as a view of its own: exactly the figure’s incidents, named after it', () => {
    const drill: KpiDrill = {
      period: { preset: 'last7Days' },
      filters: { channels: ['email'] },
      measure: 'calendar',
      figure: 'resolved',
    };
    const filtered = queueReducer(initialQueueState(), { type: 'filter', patch: { text: 'printer' } });
    const state = queueReducer(filtered, { type: 'drill', name: 'Resolved · Last 7 days', drill });
    expect(state).toMatchObject({
      viewId: KPI_DRILL_VIEW_ID,
      drillName: 'Resolved · Last 7 days',
      filter: { kpi: drill },
    });
    expect(state.filter.text).toBeUndefined();
    expect(state.selection.index).toBe(-1);
  });

  it('searches every incident, and clearing the search returns to the view it left', () => {
    const onAllOpen = queueReducer(initialQueueState(), { type: 'open-view', view: view('all-open') });
    const searching = queueReducer(onAllOpen, { type: 'search', text: ' printer ', returnView: undefined });
    expect(searching).toMatchObject({ viewId: SEARCH_VIEW_ID, returnViewId: 'all-open', filter: { text: 'printer' } });
    const refined = queueReducer(searching, { type: 'search', text: 'printer jam', returnView: undefined });
    expect(refined.filter).toEqual({ text: 'printer jam' });
    const back = queueReducer(refined, { type: 'search', text: '', returnView: view('all-open') });
    expect(back).toMatchObject({ viewId: 'all-open', filter: view('all-open').filter });
  });

  it('counts a changed filter or sort as a modified view, and an emptied filter as unchanged', () => {
    const open = queueReducer(initialQueueState(), { type: 'open-view', view: view('all-open') });
    expect(isModified(open, view('all-open'))).toBe(false);
    const filtered = queueReducer(open, { type: 'filter', patch: { priorities: [1] } });
    expect(isModified(filtered, view('all-open'))).toBe(true);
    const unfiltered = queueReducer(filtered, { type: 'filter', patch: { priorities: [] } });
    expect(isModified(unfiltered, view('all-open'))).toBe(false);
    expect(isModified(queueReducer(open, { type: 'sort', column: 'title' }), view('all-open'))).toBe(true);
  });

  it('forgets the selection and scroll position when the query changes, not when a row is picked', () => {
    let state = queueReducer(initialQueueState(), { type: 'select', index: 4, id: 'x' });
    state = queueReducer(state, { type: 'scrolled', offset: 300 });
    expect(queueReducer(state, { type: 'select', index: 4, id: 'x' })).toBe(state);
    const sorted = queueReducer(state, { type: 'sort', column: 'number' });
    expect(sorted.selection).toEqual({ id: null, index: -1 });
    expect(sorted.scrollOffset).toBe(0);
  });

  it('flips the direction on the same column and starts a new column the way agents read it', () => {
    expect(nextSort({ column: 'priority', direction: 'asc' }, 'priority')).toEqual({
      column: 'priority',
      direction: 'desc',
    });
    expect(nextSort({ column: 'priority', direction: 'asc' }, 'updated')).toEqual({
      column: 'updated',
      direction: 'desc',
    });
    expect(nextSort({ column: 'updated', direction: 'desc' }, 'title')).toEqual({ column: 'title', direction: 'asc' });
  });
});
