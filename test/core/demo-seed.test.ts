import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUSES } from '#shared/domain/enums.ts';
import { saveAgentInput, saveContactInput } from '#shared/domain/reference.ts';
import { seedDemoWorkspace } from '#core/seed/demo-seed.ts';
import { getIncidentDetail } from '#core/incidents/incident.repository.ts';
import { contactRowToModel, listAgents } from '#core/reference/reference.repository.ts';
import type { Store } from '#core/store/store.ts';
import { openTempStore, testClock } from '../helpers/temp-workspace.ts';
import type { TempStore } from '../helpers/temp-workspace.ts';
import { projectionSnapshot } from '../helpers/projections.ts';
import type { ProjectionSnapshot } from '../helpers/projections.ts';

const SEARCHES = ['printer', 'vpn', 'INC-7', 'credentials'];

/** Everything a user sees, without the device ids, which differ between any two workspaces by design. */
async function seen(store: Store): Promise<ProjectionSnapshot> {
  const snapshot = await projectionSnapshot(store.db, SEARCHES);
  const withoutDevice = (rows: unknown[]) =>
    rows.map((row) => {
      const { device: _device, ...rest } = row as Record<string, unknown>;
      return rest;
    });
  return {
    tables: {
      ...snapshot.tables,
      timeline_event: withoutDevice(snapshot.tables.timeline_event!),
      field_state: withoutDevice(snapshot.tables.field_state!),
    },
    searches: snapshot.searches,
  };
}

describe('the demo workspace', () => {
  const opened: TempStore[] = [];
  const open = async () => {
    const temp = await openTempStore({ clock: testClock() });
    opened.push(temp);
    return temp;
  };
  let first: TempStore;
  let firstSeen: ProjectionSnapshot;

  beforeAll(async () => {
    first = await open();
    const summary = await seedDemoWorkspace(first.store, { incidents: 300, seed: 42, nowMs: first.clock.now() });
    expect(summary).toMatchObject({ incidents: 300, agents: 12, groups: 5 });
    firstSeen = await seen(first.store);
  });

  afterAll(async () => {
    for (const temp of opened) await temp.dispose();
  });

  it('is the same, row for row, for the same seed and clock', async () => {
    const second = await open();
    await seedDemoWorkspace(second.store, { incidents: 300, seed: 42, nowMs: second.clock.now() });
    expect(await seen(second.store)).toEqual(firstSeen);
  });

  it('differs for another seed', async () => {
    const other = await open();
    await seedDemoWorkspace(other.store, { incidents: 300, seed: 43, nowMs: other.clock.now() });
    const otherSeen = await seen(other.store);
    expect(otherSeen.tables.incident).not.toEqual(firstSeen.tables.incident);
  });

  it('has incidents in every status, numbered 1 to N, with a timeline that led there', async () => {
    const incidents = firstSeen.tables.incident as { id: string; number: number; status: string }[];
    expect(new Set(incidents.map((i) => i.status))).toEqual(new Set(STATUSES));
    expect(incidents.map((i) => i.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    for (const incident of incidents) {
      const detail = await getIncidentDetail(first.store.db, incident.id);
      expect(detail.timeline[0]!.type, `INC-${incident.number}`).toBe('created');
      // The status the last step set is the status the incident shows.
      const lastStatus = detail.timeline
        .flatMap((event) => event.changes)
        .filter((change) => change.field === 'status')
        .at(-1);
      expect(lastStatus?.to ?? 'new', `INC-${incident.number}`).toBe(incident.status);
      if (incident.status === 'resolved' || incident.status === 'closed') {
        expect(detail.incident.resolutionCode).not.toBeNull();
        expect(detail.incident.resolvedAt! <= (detail.incident.closedAt ?? detail.incident.resolvedAt!)).toBe(true);
      }
      expect(Date.parse(detail.incident.reportedAt)).toBeLessThanOrEqual(first.clock.now());
    }
    const notes = (firstSeen.tables.timeline_event as { type: string }[]).filter((e) => e.type === 'note');
    expect(notes.length).toBeGreaterThan(30);
  });

  it('has agents and contacts that can be saved back through the handlers unchanged', async () => {
    for (const agent of await listAgents(first.store.db)) {
      const parsed = saveAgentInput.safeParse(agent);
      expect(parsed.success, `${agent.name} <${agent.email}>: ${parsed.error?.message}`).toBe(true);
      expect(parsed.data).toEqual(agent);
    }
    const contacts = (await first.store.db.selectFrom('contact').selectAll().execute()).map(contactRowToModel);
    for (const contact of contacts) {
      const parsed = saveContactInput.safeParse(contact);
      expect(parsed.success, `${contact.name} <${contact.email}>: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('has the reopens and hand-overs that make first-contact resolution and reopen rates mean something', () => {
    const changes = (firstSeen.tables.timeline_event as { type: string; payload: string }[])
      .filter((e) => e.type === 'changed')
      .map((e) => JSON.parse(e.payload) as { action: string; changes: { field: string; from: unknown }[] });
    expect(changes.filter((c) => c.action === 'reopen').length).toBeGreaterThan(3);
    const handOvers = changes.filter((c) => c.changes.some((f) => f.field === 'assigneeId' && f.from !== null));
    expect(handOvers.length).toBeGreaterThan(10);
  });

  it('spreads the incidents over as many days of history as asked', async () => {
    const twoYears = await open();
    await seedDemoWorkspace(twoYears.store, { incidents: 200, seed: 42, nowMs: twoYears.clock.now(), days: 730 });
    const reported = (await twoYears.store.db.selectFrom('incident').select('reported_at').execute()).map((row) =>
      Date.parse(row.reported_at),
    );
    const day = 86_400_000;
    expect(Math.min(...reported)).toBeGreaterThanOrEqual(twoYears.clock.now() - 731 * day);
    expect(Math.max(...reported) - Math.min(...reported)).toBeGreaterThan(600 * day);
  });

  it('refuses to seed over a workspace that has incidents', async () => {
    await expect(seedDemoWorkspace(first.store, { incidents: 10, seed: 1 })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
