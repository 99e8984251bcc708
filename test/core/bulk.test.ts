import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, Group } from '#shared/domain/reference.ts';
import { BULK_UNDO_SECONDS } from '#shared/domain/bulk.ts';
import { categorise } from '../helpers/incidents.ts';
import { call, refusal } from '../helpers/invoke.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

/** Working many incidents at once from the queue: each a change of its own, and an undo that respects others. */
describe('bulk changes', () => {
  let desk: TempCore;
  let alex: Agent;
  let priya: Agent;
  let network: Group;

  const incident = async (title: string) => {
    desk.clock.advance(60_000);
    return (await call(desk.core, 'incident/create', { title, channel: 'phone', impact: 3, urgency: 3 })).incident.id;
  };
  const get = async (id: string) => (await call(desk.core, 'incident/get', { id })).incident;
  const timeline = async (id: string) => (await call(desk.core, 'incident/get', { id })).timeline;

  beforeAll(async () => {
    desk = await openTempCore();
    alex = (await call(desk.core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' })).agent!;
    await call(desk.core, 'agent/save', { ...alex, groupIds: [], role: 'supervisor' });
    priya = await call(desk.core, 'agent/save', {
      name: 'Priya Raman',
      email: 'priya@desk.example',
      role: 'agent',
      groupIds: [],
      active: true,
    });
    network = await call(desk.core, 'group/save', { name: 'Network Operations', description: '' });
  });
  afterAll(() => desk?.dispose());

  it('assigns each incident with its own change and timeline entry, and skips the one it cannot, saying why', async () => {
    const ids = [await incident('VPN drops'), await incident('Wi-Fi slow'), await incident('Printer jam')];
    const closed = ids[2]!;
    await call(desk.core, 'incident/transition', {
      id: closed,
      action: 'resolve',
      resolutionCode: 'solved_remotely',
      notes: 'Cleared.',
      cause: 'A paper jam.',
    });
    await categorise(desk.core, closed);
    await call(desk.core, 'incident/transition', { id: closed, action: 'close' });
    desk.clock.advance(1_000);

    const outcome = await call(desk.core, 'incident/bulkChange', {
      ids,
      change: { kind: 'assign', assigneeId: priya.id },
    });
    expect(outcome.changed.map((ref) => ref.id)).toEqual(ids.slice(0, 2));
    expect(outcome.skipped).toEqual([
      expect.objectContaining({ id: closed, reason: expect.stringMatching(/Closed; reopen it/) }),
    ]);
    expect(outcome.undoId).not.toBeNull();
    for (const id of ids.slice(0, 2)) {
      expect(await get(id)).toMatchObject({ assigneeId: priya.id, status: 'assigned' });
      const last = (await timeline(id)).at(-1)!;
      expect(last).toMatchObject({ actorId: alex.id, action: 'assign' });
      expect(last.changes.map((c) => c.field)).toContain('assigneeId');
    }
  });

  it('changes the group, the priority (with its reason) and adds a tag, once per incident', async () => {
    const ids = [await incident('DNS slow'), await incident('Proxy errors')];
    await call(desk.core, 'incident/bulkChange', { ids, change: { kind: 'group', groupId: network.id } });
    await call(desk.core, 'incident/bulkChange', {
      ids,
      change: { kind: 'priority', priority: 1, reason: 'Trading floor affected' },
    });
    await call(desk.core, 'incident/bulkChange', { ids: [ids[0]!], change: { kind: 'tag', tag: 'network' } });
    const tagged = await call(desk.core, 'incident/bulkChange', { ids, change: { kind: 'tag', tag: 'network' } });
    expect(tagged.changed.map((ref) => ref.id)).toEqual([ids[1]]);
    expect(tagged.skipped).toEqual([expect.objectContaining({ id: ids[0], reason: 'Already tagged “network”.' })]);
    for (const id of ids) {
      expect(await get(id)).toMatchObject({
        groupId: network.id,
        priority: 1,
        priorityOverride: { priority: 1, reason: 'Trading floor affected' },
        tags: ['network'],
      });
    }
  });

  it('closes the resolved incidents and says which could not be closed yet', async () => {
    const resolved = await incident('Outlook crash');
    await call(desk.core, 'incident/transition', {
      id: resolved,
      action: 'resolve',
      resolutionCode: 'solved_remotely',
      notes: 'Repaired Office.',
      cause: 'A damaged Office installation.',
    });
    // Closing needs complete documentation, the category too.
    await categorise(desk.core, resolved);
    const open = await incident('Teams echo');
    const outcome = await call(desk.core, 'incident/bulkChange', {
      ids: [resolved, open],
      change: { kind: 'status', action: 'close' },
    });
    expect(outcome.changed.map((ref) => ref.id)).toEqual([resolved]);
    expect(outcome.skipped[0]).toMatchObject({ id: open, reason: expect.stringMatching(/"Close" is not possible/) });
    expect((await get(resolved)).status).toBe('closed');
  });

  it('undoes a bulk change, except where someone changed an incident again since', async () => {
    const ids = [await incident('Laptop slow'), await incident('Laptop hot'), await incident('Laptop loud')];
    desk.clock.advance(1_000);
    const outcome = await call(desk.core, 'incident/bulkChange', {
      ids,
      change: { kind: 'status', action: 'start' },
    });
    expect(outcome.changed).toHaveLength(3);
    // Meanwhile the second one moves on (waiting on the customer): undoing the start would throw that away.
    desk.clock.advance(1_000);
    await call(desk.core, 'incident/transition', { id: ids[1]!, action: 'wait' });

    desk.clock.advance(5_000);
    const undone = await call(desk.core, 'incident/undoBulk', { undoId: outcome.undoId! });
    expect(undone.restored.map((ref) => ref.id)).toEqual([ids[0], ids[2]]);
    expect(undone.kept).toEqual([
      expect.objectContaining({ id: ids[1], reason: expect.stringMatching(/now Waiting on customer/) }),
    ]);
    for (const id of [ids[0]!, ids[2]!]) {
      expect(await get(id)).toMatchObject({ status: 'new', assigneeId: null });
      // It was seen: its acknowledgement stands (a first occurrence is never replaced).
      expect((await get(id)).acknowledgedAt).not.toBeNull();
      expect((await timeline(id)).at(-1)).toMatchObject({ action: 'undo', actorId: alex.id });
    }
    expect((await get(ids[1]!)).status).toBe('waiting_on_customer');
    // Once is enough: the same undo again finds nothing to undo.
    expect((await refusal(desk.core, 'incident/undoBulk', { undoId: outcome.undoId! })).code).toBe('not_found');
  });

  it('can no longer undo once the moment has passed, nor undo another agent’s change', async () => {
    const id = await incident('Monitor flickers');
    const late = await call(desk.core, 'incident/bulkChange', { ids: [id], change: { kind: 'tag', tag: 'late' } });
    desk.clock.advance((BULK_UNDO_SECONDS + 1) * 1000);
    const tooLate = await refusal(desk.core, 'incident/undoBulk', { undoId: late.undoId! });
    expect(tooLate).toMatchObject({ code: 'not_found', message: expect.stringMatching(/can no longer be undone/) });

    const mine = await call(desk.core, 'incident/bulkChange', { ids: [id], change: { kind: 'tag', tag: 'mine' } });
    await call(desk.core, 'session/signIn', { agentId: priya.id });
    expect((await refusal(desk.core, 'incident/undoBulk', { undoId: mine.undoId! })).code).toBe('not_found');
    await call(desk.core, 'session/signIn', { agentId: alex.id });
    expect((await get(id)).tags).toEqual(['late', 'mine']);
  });

  it('writes nothing and offers no undo when nothing changed', async () => {
    const id = await incident('Keyboard sticky');
    await call(desk.core, 'incident/bulkChange', { ids: [id], change: { kind: 'group', groupId: network.id } });
    const again = await call(desk.core, 'incident/bulkChange', {
      ids: [id],
      change: { kind: 'group', groupId: network.id },
    });
    expect(again).toMatchObject({ changed: [], undoId: null });
    expect(again.skipped[0]!.reason).toBe('Nothing to change: it is already so.');
  });

  it('selects every incident the filter matches, not only the page on screen ("select all in the filter")', async () => {
    const ids = [await incident('Badge reader offline'), await incident('Badge printer offline')];
    const filter = { text: 'badge' };
    const sort = { column: 'number', direction: 'asc' } as const;
    const page = await call(desk.core, 'queue/page', { filter, sort, offset: 0, limit: 1 });
    expect(page.rows).toHaveLength(1);
    expect(await call(desk.core, 'queue/ids', { filter, sort, limit: 100 })).toEqual({ ids, total: 2 });
  });
});
