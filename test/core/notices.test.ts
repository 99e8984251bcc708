import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE_IDS } from '#core/automation/default-automation.ts';
import { call, refusal } from '../helpers/invoke.ts';
import { addMailbox, mailboxWithOutgoing, openSendingDesk, outbox } from '../outbox/outbox-desk.ts';
import type { SendingDesk } from '../outbox/outbox-desk.ts';

/** Nobody listens there: these tests queue mail and never send it. */
const NO_SMTP = { host: '127.0.0.1', port: 1 };

let desk: SendingDesk;

beforeEach(async () => {
  desk = await openSendingDesk();
  await addMailbox(desk.core, mailboxWithOutgoing(NO_SMTP));
});

afterEach(async () => {
  await desk.dispose();
});

async function disruptedService() {
  const { core } = desk;
  const ana = await call(core, 'contact/save', {
    name: 'Ana Lind',
    email: 'ana@northwind.example',
    phone: '',
    organisation: '',
  });
  await call(core, 'contact/save', {
    name: 'Bo Berg',
    email: 'bo@fabrikam.example',
    phone: '',
    organisation: 'Fabrikam',
  });
  await call(core, 'contact/save', {
    name: 'Cy Berg',
    email: 'cy@fabrikam.example',
    phone: '',
    organisation: 'Fabrikam',
  });
  await call(core, 'contact/save', { name: 'No Mail', email: null, phone: '555', organisation: 'Fabrikam' });
  const service = await call(core, 'service/save', {
    name: 'Email',
    description: 'Company mail',
    subscribers: { contactIds: [ana.id], organisations: ['Fabrikam'] },
  });
  const created = await call(core, 'incident/create', {
    title: 'Mail is down',
    channel: 'phone',
    impact: 1,
    urgency: 1,
    serviceId: service.id,
  });
  return { service, id: created.incident.id };
}

describe('service disruption notices', () => {
  it('go to the contacts and organisations subscribed to the affected service, each on the timeline', async () => {
    const { id } = await disruptedService();
    const audience = await call(desk.core, 'incident/noticeAudience', { id });
    expect(audience.problem).toBeNull();
    expect(audience.recipients.map((r) => r.address)).toEqual([
      'ana@northwind.example',
      'bo@fabrikam.example',
      'cy@fabrikam.example',
    ]);
    await call(desk.core, 'incident/notifyAffected', {
      incidentId: id,
      kind: 'notice',
      templateId: DEFAULT_TEMPLATE_IDS.disruptionNotice,
    });
    const detail = await call(desk.core, 'incident/notifyAffected', {
      incidentId: id,
      kind: 'all_clear',
      templateId: DEFAULT_TEMPLATE_IDS.disruptionAllClear,
    });
    const notices = detail.timeline.filter((e) => e.type === 'notice').map((e) => e.notice);
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'notice', subject: 'Service disruption: Email', recipients: 3, waiting: 3 }),
      expect.objectContaining({ kind: 'all_clear', subject: 'Resolved: the disruption of Email', recipients: 3 }),
    ]);
    const mails = await outbox(desk.core);
    expect(mails).toHaveLength(6);
    // Each subscriber gets a mail of their own, belonging to no incident: an answer does not reopen it.
    expect(mails.every((m) => m.to.length === 1 && m.incidentId === null)).toBe(true);
    expect(mails.find((m) => m.subject === 'Service disruption: Email')!.text).toMatch(
      /disruption of Email: Mail is down/,
    );
  });

  it('are refused for an incident without an affected service, and write nothing', async () => {
    const created = await call(desk.core, 'incident/create', {
      title: 'Slow',
      channel: 'phone',
      impact: 2,
      urgency: 2,
    });
    const error = await refusal(desk.core, 'incident/notifyAffected', {
      incidentId: created.incident.id,
      kind: 'notice',
      templateId: DEFAULT_TEMPLATE_IDS.disruptionNotice,
    });
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/names no affected service/);
    expect(await outbox(desk.core)).toEqual([]);
  });
});
