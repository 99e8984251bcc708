/**
 * Acknowledgement benchmark (issue 11): an mbox of `mails` customers' mails, each from a different person,
 * imported and made into incidents (500 a command, as the inbox's "Create incidents" does) with the default
 * acknowledgement rule on — every incident renders the template and queues a mail in the same transaction —
 * beside the same run with the rule turned off. Fresh workspaces, one after the other, in this process.
 *
 * Run on its own: `tsx test/bench/acknowledgement-bench.ts [MAILS]` (default 10,000).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_RULE_IDS } from '#core/automation/default-automation.ts';
import { createCore } from '#core/index.ts';
import { importFiles } from '#core/inbox/import-files.ts';
import { call } from '../helpers/invoke.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import { mailboxWithOutgoing, turnOffRules } from '../outbox/outbox-desk.ts';

export interface AcknowledgementBenchOptions {
  readonly mails: number;
  readonly log: (line: string) => void;
}

const CHUNK = 500;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** An mbox of distinct customers' mails: the hourly limit per sender never applies. */
function customerMbox(mails: number): string {
  const entries: string[] = [];
  for (let i = 1; i <= mails; i++) {
    entries.push(
      [
        `From customer${i}@customers.example Mon Mar  2 08:00:00 2026`,
        `From: Customer ${i} <customer${i}@customers.example>`,
        'To: Service Desk <support@desk.test>',
        `Subject: Printer ${i} jams on every job`,
        'Date: Mon, 02 Mar 2026 08:00:00 +0000',
        `Message-ID: <jam-${i}@customers.example>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `Tray 2 of printer ${i} jams on every job since this morning.`,
        '',
      ].join('\n'),
    );
  }
  return `${entries.join('\n')}\n`;
}

async function run(file: string, acknowledge: boolean) {
  const dir = await tempDir('desk-bench-ack-');
  const core = await createCore({ dataDir: dir.path, autoSync: false, duties: false, queueIndex: false });
  try {
    await call(core, 'session/register', { name: 'Bench Supervisor', email: 'bench@desk.test' });
    await call(core, 'mailbox/save', mailboxWithOutgoing({ host: '127.0.0.1', port: 1 }));
    if (!acknowledge) await turnOffRules(core, [DEFAULT_RULE_IDS.acknowledgement]);
    const started = performance.now();
    await importFiles(core.store, [file]);
    const imported = performance.now();
    const ids = (await core.store.db.selectFrom('message').select('id').orderBy('id').execute()).map((r) => r.id);
    for (let i = 0; i < ids.length; i += CHUNK) {
      await call(core, 'inbox/createIncident', { ids: ids.slice(i, i + CHUNK) });
    }
    const done = performance.now();
    const queued = Number(
      (
        await core.store.db
          .selectFrom('outgoing_mail')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    const incidentSeconds = (done - imported) / 1000;
    return {
      messages: ids.length,
      importSeconds: round1((imported - started) / 1000),
      incidentSeconds: round1(incidentSeconds),
      incidentsPerSecond: Math.round(ids.length / incidentSeconds),
      totalSeconds: round1((done - started) / 1000),
      acknowledgementsQueued: queued,
    };
  } finally {
    await core.close();
    await dir.remove();
  }
}

export async function benchAcknowledgements({ mails, log }: AcknowledgementBenchOptions) {
  const dir = await tempDir('desk-bench-ack-mbox-');
  try {
    const file = path.join(dir.path, 'customers.mbox');
    await writeFile(file, customerMbox(mails));
    log(`acknowledgements: ${mails} mails, the rule on`);
    const withRule = await run(file, true);
    log(`acknowledgements: ${mails} mails, the rule off`);
    const withoutRule = await run(file, false);
    return {
      mails,
      withRule,
      withoutRule,
      // What the rule costs where it acts: making the incidents, with and without it.
      incidentThroughputShare: round1(withRule.incidentsPerSecond / withoutRule.incidentsPerSecond),
    };
  } finally {
    await dir.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const mails = Number(process.argv[2] ?? 10_000);
  const result = await benchAcknowledgements({ mails, log: (line) => console.error(line) });
  console.log(JSON.stringify(result, null, 2));
}
