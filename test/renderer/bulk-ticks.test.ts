import { describe, expect, it } from 'vitest';
import { bulkNotice, describeBulkChange, undoNotice } from '../../renderer/src/queue/bulk-summary.ts';
import { NO_TICKS, tickAll, tickRange, toggleTick } from '../../renderer/src/queue/ticks.ts';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const idAt = (index: number) => ids[index];

describe('queue ticks', () => {
  it('toggles one incident and remembers it as the anchor', () => {
    const once = toggleTick(NO_TICKS, 2, 'c');
    expect([...once.ids]).toEqual(['c']);
    expect(once.anchor).toBe(2);
    expect([...toggleTick(once, 2, 'c').ids]).toEqual([]);
  });

  it('ticks the range from the anchor, either way round', () => {
    expect([...tickRange(toggleTick(NO_TICKS, 1, 'b'), 4, idAt).ids].sort()).toEqual(['b', 'c', 'd', 'e']);
    expect([...tickRange(toggleTick(NO_TICKS, 4, 'e'), 2, idAt).ids].sort()).toEqual(['c', 'd', 'e']);
  });

  it('unticks the range when the anchor was just unticked', () => {
    const all = tickAll(ids);
    const anchor = toggleTick(all, 1, 'b');
    expect([...tickRange(anchor, 3, idAt).ids].sort()).toEqual(['a', 'e', 'f']);
  });

  it('skips rows not loaded yet and starts a range at the clicked row without an anchor', () => {
    const sparse = (index: number) => (index === 2 ? undefined : ids[index]);
    expect([...tickRange(toggleTick(NO_TICKS, 0, 'a'), 3, sparse).ids].sort()).toEqual(['a', 'b', 'd']);
    expect([...tickRange(NO_TICKS, 3, idAt).ids]).toEqual(['d']);
  });
});

describe('bulk notices', () => {
  const ref = (number: number) => ({ id: `id-${number}`, number, provisionalNumber: null });

  it('says what was done, to how many, and names the skipped with their reasons', () => {
    const notice = bulkNotice('Tagged vip', {
      changed: [ref(1), ref(2)],
      skipped: [1, 2, 3, 4, 5].map((n) => ({ ...ref(n + 10), reason: 'Already tagged vip' })),
      undoId: 'u',
    });
    expect(notice.title).toBe('Tagged vip: 2 incidents');
    expect(notice.message).toBe('Skipped 5 incidents. INC-11, INC-12, INC-13 and 2 more: Already tagged vip');
  });

  it('names each reason once, with the incidents it kept', () => {
    const skipped = [
      { ...ref(1), reason: 'It is New' },
      { ...ref(2), reason: 'It is In progress' },
      { ...ref(3), reason: 'It is New' },
      { ...ref(4), reason: 'It is Waiting' },
      { ...ref(5), reason: 'It is Resolved' },
    ];
    expect(bulkNotice('Close', { changed: [], skipped, undoId: null }).message).toBe(
      'Skipped 5 incidents. INC-1, INC-3: It is New · INC-2: It is In progress · INC-4: It is Waiting · and 1 other reason',
    );
  });

  it('says nothing changed when everything was skipped', () => {
    const notice = bulkNotice('Close', { changed: [], skipped: [{ ...ref(4), reason: 'It is New' }], undoId: null });
    expect(notice).toEqual({ title: 'Nothing changed (close)', message: 'Skipped 1 incident. INC-4: It is New' });
  });

  it('names what a change does in the bar’s words', () => {
    const names = new Map([['agent-1', 'Mia Lindqvist']]);
    const nameOf = (id: string) => names.get(id);
    expect(describeBulkChange({ kind: 'assign', assigneeId: 'agent-1' }, nameOf)).toBe('Assigned to Mia Lindqvist');
    expect(describeBulkChange({ kind: 'group', groupId: null }, nameOf)).toBe('Group removed');
    expect(describeBulkChange({ kind: 'status', action: 'start' }, nameOf)).toBe('Start work');
  });

  it('says what an undo put back and what it kept', () => {
    expect(undoNotice({ restored: [ref(1)], kept: [{ ...ref(2), reason: 'Changed since by Sam' }] })).toEqual({
      title: 'Undone: 1 incident as before',
      message: 'Kept 1 incident. INC-2: Changed since by Sam',
    });
  });
});
