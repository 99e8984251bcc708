import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, refusal } from '../helpers/invoke.ts';
import { startTeamWorkstations } from '../helpers/team-workstations.ts';
import type { TeamWorkstations } from '../helpers/team-workstations.ts';
import { uploadBytes } from '../helpers/upload.ts';

let team: TeamWorkstations;
beforeAll(async () => {
  team = await startTeamWorkstations();
});
afterAll(() => team.close());

/**
 * What a file added on one workstation is on another: the timeline entry syncs, the bytes do not (blobs are
 * local to the workstation that has them), and the other workstation says so rather than failing.
 */
describe('a file added to an incident, seen from a second workstation', () => {
  it('shows the same entry, and says where the file is when asked for it', async () => {
    const alex = await team.join('Alex Morgan', { autoSync: false });
    const priya = await team.join('Priya Raman', { autoSync: false });
    const created = await call(alex, 'incident/create', {
      title: 'Badge reader rejects every card',
      channel: 'walk_in',
      impact: 2,
      urgency: 2,
    });
    const incidentId = created.incident.id;
    const uploadId = await uploadBytes(alex, 'reader-log.txt', Buffer.from('E42 card read timeout\n'));
    const added = await call(alex, 'incident/attach', {
      incidentId,
      files: [{ uploadId, contentType: 'text/plain' }],
    });
    const entry = added.timeline.find((e) => e.type === 'attachment')!;
    await alex.sync.syncNow();
    await priya.sync.syncNow();

    const seen = await call(priya, 'incident/get', { id: incidentId });
    expect(seen.timeline.find((e) => e.type === 'attachment')).toEqual(entry);
    expect(await refusal(priya, 'incident/attachment', { incidentId, hash: entry.attachment!.hash })).toEqual({
      code: 'not_found',
      message:
        'reader-log.txt is kept on the workstation it was added on, not this one: files do not sync through the team hub yet.',
    });
  });
});
