import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { Status } from '#shared/domain/enums.ts';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import type { ImportSummary } from '#shared/domain/intake.ts';
import { importFiles } from '#core/inbox/import-files.ts';
import { call } from '../helpers/invoke.ts';
import { categorise } from '../helpers/incidents.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

/**
 * A service desk workspace on a real SQLite file with an agent signed in, and mail arriving through the real
 * import path (.eml and .mbox files): what the threading and duplicate tests work with.
 */
export interface Mail {
  readonly from: string;
  readonly subject: string;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly to?: string;
  readonly headers?: readonly string[];
  readonly body?: string;
}

/** An email as a mail client writes it (CRLF, the headers a reply carries). */
export function email(mail: Mail): Buffer {
  const lines = [
    ...(mail.headers ?? []),
    `From: ${mail.from}`,
    `To: ${mail.to ?? 'IT Service Desk <support@desk.example>'}`,
    `Subject: ${mail.subject}`,
    'Date: Mon, 02 Mar 2026 08:15:00 +0000',
    ...(mail.messageId ? [`Message-ID: ${mail.messageId}`] : []),
    ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`] : []),
    ...(mail.references?.length ? [`References: ${mail.references.join(' ')}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    mail.body ?? 'Hello, the printer on floor 3 prints blank pages since this morning.',
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

export const ANNA = 'Anna Berg <anna.berg@northwind.example>';
export const STRANGER = 'Mallory <mallory@elsewhere.example>';

type Step = {
  action: 'start' | 'wait' | 'resolve' | 'close';
  notes?: string;
  resolutionCode?: 'solved_remotely';
  cause?: string;
};

/** How the agent brings an incident to a status. */
export const STEPS: Readonly<Record<'new' | 'waiting_on_customer' | 'resolved' | 'closed', readonly Step[]>> = {
  new: [],
  waiting_on_customer: [{ action: 'start' }, { action: 'wait' }],
  resolved: [
    { action: 'start' },
    { action: 'resolve', notes: 'New toner.', resolutionCode: 'solved_remotely', cause: 'An empty toner cartridge.' },
  ],
  closed: [
    { action: 'start' },
    { action: 'resolve', notes: 'New toner.', resolutionCode: 'solved_remotely', cause: 'An empty toner cartridge.' },
    { action: 'close' },
  ],
};

export interface IntakeDesk extends TempCore {
  /** Imports messages as one .eml file, or as one mbox when there are several, through `importFiles`. */
  importMail(...raws: Buffer[]): Promise<ImportSummary>;
  messageWithId(messageId: string): ReturnType<typeof messageRow>;
  incident(id: string): Promise<IncidentDetail>;
  countOf(table: 'incident' | 'message' | 'contact'): Promise<number>;
  /** Anna reports a problem by email; the agent makes an incident of it and brings it to `status`. */
  reportedIncident(status?: keyof typeof STEPS): Promise<{ detail: IncidentDetail; messageId: string }>;
}

function messageRow(temp: TempCore, messageId: string) {
  return temp.core.store.db
    .selectFrom('message')
    .selectAll()
    .where('message_id', '=', messageId)
    .executeTakeFirstOrThrow();
}

export async function openIntakeDesk(): Promise<IntakeDesk> {
  const temp = await openTempCore();
  await call(temp.core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
  let files = 0;
  const desk: IntakeDesk = {
    ...temp,
    async importMail(...raws) {
      const name = `import-${++files}${raws.length > 1 ? '.mbox' : '.eml'}`;
      const file = path.join(temp.dir, name);
      const entry = (raw: Buffer) =>
        Buffer.concat([Buffer.from('From - Mon Mar  2 08:15:00 2026\n'), raw, Buffer.from('\n')]);
      await writeFile(file, raws.length > 1 ? Buffer.concat(raws.map(entry)) : raws[0]!);
      return importFiles(temp.core.store, [file]);
    },
    messageWithId: (messageId) => messageRow(temp, messageId),
    incident: (id) => call(temp.core, 'incident/get', { id }),
    async countOf(table) {
      const row = await temp.core.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row!.n);
    },
    async reportedIncident(status = 'new') {
      const messageId = `<report-${status}@northwind.example>`;
      await desk.importMail(email({ from: ANNA, subject: 'Printer prints blank pages', messageId }));
      const message = await desk.messageWithId(messageId);
      const { incidentIds } = await call(temp.core, 'inbox/createIncident', { ids: [message.id] });
      let detail = await desk.incident(incidentIds[0]!);
      detail = await walk(temp.core, detail.incident.id, STEPS[status]);
      expect(detail.incident.status).toBe(status as Status);
      return { detail, messageId };
    },
  };
  return desk;
}

/** Takes the steps on the incident as the agent would; before closing, it gets the category closing requires. */
export async function walk(core: TempCore['core'], id: string, steps: readonly Step[]): Promise<IncidentDetail> {
  let detail = await call(core, 'incident/get', { id });
  for (const step of steps) {
    if (step.action === 'close') await categorise(core, id);
    detail = await call(core, 'incident/transition', { id, ...step });
  }
  return detail;
}
