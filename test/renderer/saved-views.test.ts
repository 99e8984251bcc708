import { describe, expect, it } from 'vitest';
import type { QueueView } from '#shared/domain/queue.ts';
import { movedViewOrder, savedViewSections, whyCannotShare } from '../../renderer/src/queue/saved-views.ts';

function view(id: string, flags: Partial<QueueView> = {}): QueueView {
  return {
    id,
    name: id,
    filter: {},
    sort: { column: 'priority', direction: 'asc' },
    builtIn: false,
    count: 0,
    shared: false,
    mine: true,
    ...flags,
  };
}

describe('saved views in the navigation', () => {
  it('lists the agent’s own views apart from those the team shares, and no built-in one', () => {
    const views = [view('all', { builtIn: true, mine: false }), view('a'), view('t', { shared: true, mine: false })];
    const sections = savedViewSections(views);
    expect(sections.mine.map((v) => v.id)).toEqual(['a']);
    expect(sections.team.map((v) => v.id)).toEqual(['t']);
    expect(savedViewSections(null)).toEqual({ mine: [], team: [] });
  });

  it('moves a view one place, and not past either end', () => {
    const mine = [view('a'), view('b'), view('c')];
    expect(movedViewOrder(mine, 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(movedViewOrder(mine, 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(movedViewOrder(mine, 'a', -1)).toBeNull();
    expect(movedViewOrder(mine, 'c', 1)).toBeNull();
    expect(movedViewOrder(mine, 'x', 1)).toBeNull();
  });

  it('tells an agent why they cannot share', () => {
    expect(whyCannotShare('supervisor')).toBeNull();
    expect(whyCannotShare('agent')).toMatch(/supervisors/);
  });
});
