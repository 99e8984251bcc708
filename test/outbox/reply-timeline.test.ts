import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/invoke.ts';
import { uploadBytes } from '../helpers/upload.ts';
import { addMailbox, customerMail, incidentFromMail, mailboxWithOutgoing, openSendingDesk } from './outbox-desk.ts';
import type { SendingDesk } from './outbox-desk.ts';

/** A sent reply as the timeline shows it: its text as written, line by line, and the files that went with it. */
describe('a reply on the timeline', () => {
  let desk: SendingDesk;
  beforeEach(async () => {
    desk = await openSendingDesk();
    // Nothing is sent here: the SMTP address is never reached.
    await addMailbox(desk.core, mailboxWithOutgoing({ host: '127.0.0.1', port: 9 }));
  });
  afterEach(async () => {
    await desk.dispose();
  });

  it('keeps the reply’s line breaks and lists its attachments, which open from the incident', async () => {
    const { core } = desk;
    const incidentId = await incidentFromMail(desk, customerMail());
    const log = Buffer.from('Tray 2: 14 jams\nTray 3: none\n');
    const uploadId = await uploadBytes(core, 'jam-log.txt', log);
    const text = 'Hello Dana,\n\nWe replaced the roller.\n  Please try tray 2 again.\n\nBest';
    const detail = await call(core, 'incident/reply', {
      incidentId,
      text,
      attachments: [{ uploadId, contentType: 'text/plain' }],
    });
    const entry = detail.timeline.find((e) => e.type === 'reply')!;
    expect(entry.body).toBe(text);
    expect(entry.reply?.attachments).toEqual([
      {
        name: 'jam-log.txt',
        contentType: 'text/plain',
        size: log.length,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    const file = await call(core, 'incident/attachment', { incidentId, hash: entry.reply!.attachments![0]!.hash });
    expect(file).toMatchObject({ name: 'jam-log.txt', contentType: 'text/plain' });
    expect(Buffer.from(file.base64, 'base64').equals(log)).toBe(true);
  });
});
