import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueSort } from '#shared/domain/queue.ts';
import { openDemoCore } from '../helpers/demo-workspace.ts';
import type { DemoCore } from '../helpers/demo-workspace.ts';
import { call, refusal } from '../helpers/invoke.ts';

const BY_PRIORITY: QueueSort = { column: 'priority', direction: 'asc' };

/** Saved views a supervisor shares with the team, and the order an agent lists their own in. */
describe('saved views', () => {
  let demo: DemoCore;
  const signIn = (agentId: string) => call(demo.core, 'session/signIn', { agentId });
  const saved = async () => (await call(demo.core, 'queue/views', {})).filter((view) => !view.builtIn);

  beforeAll(async () => {
    demo = await openDemoCore({ incidents: 60 });
  });
  afterAll(() => demo?.dispose());

  it('are shared with the team by a supervisor, listed for everyone, changed by their owner only', async () => {
    await signIn(demo.supervisor.id);
    const view = await call(demo.core, 'view/save', {
      name: 'Major incidents',
      filter: { priorities: [1] },
      sort: BY_PRIORITY,
      shared: true,
    });
    expect(view).toMatchObject({ shared: true, mine: true });

    await signIn(demo.agent.id);
    const seen = (await saved()).find((v) => v.id === view.id);
    expect(seen).toMatchObject({ name: 'Major incidents', shared: true, mine: false, count: view.count });
    const input = { id: view.id, name: view.name, filter: view.filter, sort: view.sort };
    const rename = await refusal(demo.core, 'view/save', { ...input, name: 'Mine now' });
    expect(rename).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/shared with the team/) });
    expect(await call(demo.core, 'view/delete', { id: view.id })).toEqual({ deleted: false });

    await signIn(demo.supervisor.id);
    const unshared = await call(demo.core, 'view/save', { ...input, shared: false });
    expect(unshared.shared).toBe(false);
    await signIn(demo.agent.id);
    expect((await saved()).map((v) => v.id)).not.toContain(view.id);
  });

  it('are shared by supervisors only', async () => {
    await signIn(demo.agent.id);
    const refused = await refusal(demo.core, 'view/save', {
      name: 'Everyone look',
      filter: {},
      sort: BY_PRIORITY,
      shared: true,
    });
    expect(refused).toMatchObject({ code: 'forbidden', message: 'Only a supervisor can share a view with the team.' });
  });

  it('keep a rename, new filters and the order their owner gives them', async () => {
    await signIn(demo.agent.id);
    const names = ['First', 'Second', 'Third'];
    const views = [];
    for (const name of names) {
      views.push(await call(demo.core, 'view/save', { name, filter: { statuses: ['new'] }, sort: BY_PRIORITY }));
    }
    const mine = async () => (await saved()).filter((v) => v.mine).map((v) => v.name);
    expect(await mine()).toEqual(names);

    const reordered = await call(demo.core, 'view/reorder', { ids: [views[2]!.id, views[0]!.id, views[1]!.id] });
    expect(reordered.filter((v) => v.mine).map((v) => v.name)).toEqual(['Third', 'First', 'Second']);
    expect(await mine()).toEqual(['Third', 'First', 'Second']);

    const updated = await call(demo.core, 'view/save', {
      id: views[0]!.id,
      name: 'First, open',
      filter: { statuses: ['new', 'assigned', 'in_progress'] },
      sort: { column: 'updated', direction: 'desc' },
    });
    expect(updated).toMatchObject({ name: 'First, open', filter: { statuses: ['new', 'assigned', 'in_progress'] } });
    expect(await mine()).toEqual(['Third', 'First, open', 'Second']);

    await signIn(demo.supervisor.id);
    expect((await refusal(demo.core, 'view/reorder', { ids: [views[1]!.id] })).code).toBe('not_found');
  });
});
