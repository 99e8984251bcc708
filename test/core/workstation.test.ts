import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '#core/index.ts';
import { incidentDraftKey, NEW_INCIDENT_DRAFT } from '#shared/domain/workstation.ts';
import { call, refusal } from '../helpers/invoke.ts';
import { tempDir, testClock } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

/** Drafts and preferences: one agent's, on one workstation, kept across restarts, never shared with the team. */
describe('what an agent keeps on their workstation', () => {
  let dir: TempDir;
  const clock = testClock();
  const open = () => createCore({ dataDir: dir.path, now: clock.now, queueIndex: false, autoSync: false });

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  it('keeps a draft until it is discarded, across a restart, for the agent who wrote it only', async () => {
    let core = await open();
    const alex = (await call(core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' })).agent!;
    const draft = { title: 'Printer jams', description: 'Tray 2, since Monday.', impact: 2 as const };
    const saved = await call(core, 'draft/save', { key: NEW_INCIDENT_DRAFT, value: draft });
    expect(saved).toMatchObject({ key: NEW_INCIDENT_DRAFT, value: draft });
    const changes = await core.store.db.selectFrom('change').select('id').execute();
    await core.close();

    core = await open();
    expect(await call(core, 'draft/get', { key: NEW_INCIDENT_DRAFT })).toMatchObject({ value: draft });
    // A draft is not team data: nothing was recorded for the hub to pass on.
    expect(await core.store.db.selectFrom('change').select('id').execute()).toEqual(changes);

    const priya = (await call(core, 'session/register', { name: 'Priya Raman', email: 'priya@desk.example' })).agent!;
    expect(await call(core, 'draft/get', { key: NEW_INCIDENT_DRAFT })).toBeNull();
    await call(core, 'session/signIn', { agentId: alex.id });
    expect(await call(core, 'draft/discard', { key: NEW_INCIDENT_DRAFT })).toEqual({ discarded: true });
    expect(await call(core, 'draft/get', { key: NEW_INCIDENT_DRAFT })).toBeNull();
    expect(priya.id).not.toBe(alex.id);
    await core.close();
  });

  it("keeps each incident's edits and notes apart", async () => {
    const core = await open();
    await call(core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
    const one = await call(core, 'incident/create', { title: 'One', channel: 'phone', impact: 3, urgency: 3 });
    const two = await call(core, 'incident/create', { title: 'Two', channel: 'phone', impact: 3, urgency: 3 });
    await call(core, 'draft/save', { key: incidentDraftKey(one.incident.id, 'note'), value: { body: 'first' } });
    await call(core, 'draft/save', { key: incidentDraftKey(two.incident.id, 'note'), value: { body: 'second' } });
    await call(core, 'draft/save', {
      key: incidentDraftKey(one.incident.id, 'summary'),
      value: { title: 'One, renamed' },
    });
    expect((await call(core, 'draft/get', { key: incidentDraftKey(one.incident.id, 'note') }))?.value).toEqual({
      body: 'first',
    });
    expect((await call(core, 'draft/get', { key: incidentDraftKey(two.incident.id, 'note') }))?.value).toEqual({
      body: 'second',
    });
    expect((await call(core, 'draft/get', { key: incidentDraftKey(one.incident.id, 'summary') }))?.value).toEqual({
      title: 'One, renamed',
    });
    await core.close();
  });

  it('refuses a draft for nobody, and a draft that is not what its form holds', async () => {
    const core = await open();
    expect((await refusal(core, 'draft/save', { key: NEW_INCIDENT_DRAFT, value: { title: 'x' } })).code).toBe(
      'not_signed_in',
    );
    await call(core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
    const refused = await refusal(core, 'draft/save', { key: NEW_INCIDENT_DRAFT, value: { title: 'x', impact: 9 } });
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(/value\.impact/);
    await core.close();
  });

  it('remembers the queue columns an agent chose', async () => {
    let core = await open();
    await call(core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
    expect(await call(core, 'preferences/get', {})).toEqual({});
    const columns = ['number', 'title', 'reporter', 'status'];
    expect(await call(core, 'preferences/save', { queueColumns: columns })).toEqual({ queueColumns: columns });
    await core.close();
    core = await open();
    expect(await call(core, 'preferences/get', {})).toEqual({ queueColumns: columns });
    await core.close();
  });
});
