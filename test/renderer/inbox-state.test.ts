import { describe, expect, it } from 'vitest';
import type { InboxItem } from '#shared/domain/intake.ts';
import {
  cursorIndex,
  inboxQuery,
  inboxReducer,
  INITIAL_INBOX_STATE,
  triageTargets,
  untriagedTotal,
} from '../../renderer/src/inbox/inbox-state.ts';
import type { InboxViewState } from '../../renderer/src/inbox/inbox-state.ts';

const item = (id: string, state: InboxItem['state'] = 'untriaged'): InboxItem => ({
  id,
  channel: 'email',
  kind: 'message',
  state,
  receivedAt: '2026-03-02T09:00:00.000Z',
  from: null,
  subject: `Subject ${id}`,
  preview: '',
  attachmentCount: 0,
  incidentId: null,
  contactId: null,
});

const at = (state: InboxViewState, ...actions: Parameters<typeof inboxReducer>[1][]) =>
  actions.reduce(inboxReducer, state);

describe('the inbox view', () => {
  it('asks for items waiting for triage by default, and for each filter what it says', () => {
    expect(inboxQuery(INITIAL_INBOX_STATE)).toEqual({ states: ['untriaged'], offset: 0, limit: 100 });
    const state = at(
      INITIAL_INBOX_STATE,
      { type: 'show', show: 'triaged' },
      { type: 'toggle-channel', channel: 'phone' },
      { type: 'search', text: '  printer ' },
    );
    expect(inboxQuery(state)).toEqual({
      states: ['incident', 'threaded'],
      channels: ['phone'],
      text: 'printer',
      offset: 0,
      limit: 100,
    });
    expect(inboxQuery(at(state, { type: 'toggle-channel', channel: 'phone' })).channels).toBeUndefined();
  });

  it('forgets ticks and the highlight when the list changes, never while moving through it', () => {
    const ticked = at(INITIAL_INBOX_STATE, { type: 'toggle', id: 'a' }, { type: 'cursor', index: 2, id: 'c' });
    expect(ticked.selected).toEqual(['a']);
    expect(at(ticked, { type: 'toggle', id: 'a' }).selected).toEqual([]);
    const refiltered = at(ticked, { type: 'show', show: 'noise' });
    expect(refiltered.selected).toEqual([]);
    expect(refiltered.cursor).toEqual({ id: null, index: -1 });
    expect(at(ticked, { type: 'page', offset: 100 }).selected).toEqual([]);
  });

  it('keeps the highlight on its item as items move, else where it was', () => {
    const items = [item('a'), item('b'), item('c')];
    expect(cursorIndex(items, { id: 'c', index: 0 })).toBe(2);
    // "b" was triaged and left: the next item slid into its place.
    expect(cursorIndex([item('a'), item('c')], { id: 'b', index: 1 })).toBe(1);
    expect(cursorIndex([item('a')], { id: 'z', index: 5 })).toBe(0);
    expect(cursorIndex([], { id: null, index: -1 })).toBe(-1);
    expect(cursorIndex(items, { id: null, index: -1 })).toBe(0);
  });

  it('triages the ticked items waiting for it, else the highlighted one', () => {
    const items = [item('a'), item('b', 'noise'), item('c')];
    const highlighted = at(INITIAL_INBOX_STATE, { type: 'cursor', index: 2, id: 'c' });
    expect(triageTargets(items, highlighted).map((i) => i.id)).toEqual(['c']);
    const ticked = at(highlighted, { type: 'select', ids: ['c', 'a', 'b'] });
    expect(triageTargets(items, ticked).map((i) => i.id)).toEqual(['a', 'c']);
    expect(triageTargets(items, at(INITIAL_INBOX_STATE, { type: 'cursor', index: 1, id: 'b' }))).toEqual([]);
  });

  it('counts everything waiting for triage, from every channel', () => {
    expect(untriagedTotal(null)).toBeNull();
    const untriaged = { email: 3, phone: 1, walk_in: 0, monitoring: 2, web: 0 };
    expect(untriagedTotal({ items: [], total: 0, untriaged })).toBe(6);
  });
});
