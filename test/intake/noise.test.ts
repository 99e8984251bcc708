import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/invoke.ts';
import { email, openIntakeDesk } from './intake-desk.ts';
import type { IntakeDesk } from './intake-desk.ts';

/** Mark as noise, and its undo: items come back to the inbox unless someone triaged them meanwhile. */
describe('noise and its undo', () => {
  let desk: IntakeDesk;
  beforeAll(async () => {
    desk = await openIntakeDesk();
  });
  afterAll(() => desk?.dispose());

  it('takes marked items back, leaving one that someone has triaged since where they put it', async () => {
    await desk.importMail(
      email({ from: 'A <a@x.example>', subject: 'Lunch menu', messageId: '<n1@x.example>' }),
      email({ from: 'B <b@x.example>', subject: 'Parking notice', messageId: '<n2@x.example>' }),
    );
    const ids = [(await desk.messageWithId('<n1@x.example>')).id, (await desk.messageWithId('<n2@x.example>')).id];
    await call(desk.core, 'inbox/markNoise', { ids });
    // Someone else decides the parking notice matters after all and makes an incident of it.
    await call(desk.core, 'inbox/restore', { ids: [ids[1]!] });
    await call(desk.core, 'inbox/createIncident', { ids: [ids[1]!] });

    expect(await call(desk.core, 'inbox/restore', { ids })).toEqual({ count: 1 });
    expect((await desk.messageWithId('<n1@x.example>')).state).toBe('untriaged');
    expect((await desk.messageWithId('<n2@x.example>')).state).toBe('incident');
  });
});
