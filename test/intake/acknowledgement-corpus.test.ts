import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call } from '../helpers/invoke.ts';
import { addMailbox, mailboxWithOutgoing, openSendingDesk, outbox } from '../outbox/outbox-desk.ts';
import type { SendingDesk } from '../outbox/outbox-desk.ts';
import { bounceFiles, bouncePath, corpusFiles, corpusPath } from './corpus.ts';
import { describeWithBounces } from './with-corpus.ts';

/** Nobody listens there: the test only looks at what is queued. */
const NO_SMTP = { host: '127.0.0.1', port: 1 };

/**
 * Loop protection over the corpora: every auto-reply, bounce, delivery notice, abuse report and list mail, made
 * into an incident each with the acknowledgement rule on, gets no acknowledgement; the rule's entry says why.
 */
describeWithBounces('the acknowledgement over the corpus of automatic mail', () => {
  let desk: SendingDesk;

  beforeAll(async () => {
    desk = await openSendingDesk({ defaultRules: true });
    await addMailbox(desk.core, mailboxWithOutgoing(NO_SMTP));
    await desk.core.importFiles([
      ...bounceFiles().map(({ file }) => bouncePath(file)),
      ...corpusFiles().map((file) => corpusPath(file)),
    ]);
  }, 300_000);

  afterAll(async () => {
    await desk.dispose();
  });

  it('is sent for none of them', async () => {
    const automatic = await desk.core.store.db
      .selectFrom('message')
      .select('id')
      .where('incident_id', 'is', null)
      // What the importer set aside as noise is made into an incident all the same, as an agent may.
      .where('state', 'in', ['untriaged', 'noise'])
      .where((eb) => eb.or([eb('kind', '!=', 'message'), eb('never_answer', 'is not', null)]))
      .execute();
    expect(automatic.length).toBeGreaterThan(300);
    const incidents: string[] = [];
    for (let i = 0; i < automatic.length; i += 500) {
      const ids = automatic.slice(i, i + 500).map((row) => row.id);
      await call(desk.core, 'inbox/restore', { ids });
      incidents.push(...(await call(desk.core, 'inbox/createIncident', { ids })).incidentIds);
    }
    expect(incidents).toHaveLength(automatic.length);
    expect(await outbox(desk.core)).toEqual([]);
    const firings = await desk.core.store.db
      .selectFrom('timeline_event')
      .select('payload')
      .where('type', '=', 'changed')
      .where(sql`json_extract(payload, '$.rule.name')`, '=', 'Acknowledgement')
      .execute();
    const outcomes = firings.map((row) => (JSON.parse(row.payload) as { outcomes: string[] }).outcomes[0]!);
    expect(outcomes).toHaveLength(incidents.length);
    // Each refused for what the mail it came from is (mayAnswerAutomatically), not for want of an address.
    expect(
      outcomes.filter((outcome) => !outcome.startsWith('Not sent “Acknowledgement”: the incident came from')),
    ).toEqual([]);
  }, 300_000);
});
