import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import type { HandlerInput } from '#shared/contract.ts';
import type { MailboxView } from '#shared/domain/mailbox.ts';
import type { OutgoingMail } from '#shared/domain/outbox.ts';
import { DEFAULT_RULE_IDS } from '#core/automation/default-automation.ts';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { call } from '../helpers/invoke.ts';
import type { TestSmtp } from '../helpers/smtp-server.ts';
import { tempDir, testClock } from '../helpers/temp-workspace.ts';
import type { TestClock } from '../helpers/temp-workspace.ts';

/** A local workspace that sends when told (`core.sendOutbox()`), on a clock the test moves. */
export interface SendingDesk {
  readonly core: Core;
  readonly dir: string;
  readonly clock: TestClock;
  dispose(): Promise<void>;
}

/**
 * Turns off the default rules that write to customers on their own (the acknowledgement, the resolution mail):
 * tests of the outbox count the mail they queue themselves. The rules are tested in test/core/automation.test.ts.
 */
export function withoutAutomaticMail(core: Core): Promise<void> {
  return turnOffRules(core, [DEFAULT_RULE_IDS.acknowledgement, DEFAULT_RULE_IDS.resolutionMail]);
}

/** Turns these rules off, as a supervisor would in Settings → Automation. */
export async function turnOffRules(core: Core, ids: readonly string[]): Promise<void> {
  for (const rule of await call(core, 'rule/list', {})) {
    if (!ids.includes(rule.id)) continue;
    const { id, name, trigger, conditions, actions } = rule;
    await call(core, 'rule/save', {
      id,
      name,
      trigger,
      conditions: [...conditions],
      actions: [...actions],
      enabled: false,
    });
  }
}

/** `defaultRules: true` keeps the acknowledgement and the resolution mail on (see withoutAutomaticMail). */
export async function openSendingDesk(options: { defaultRules?: boolean } = {}): Promise<SendingDesk> {
  const dir = await tempDir('desk-outbox-');
  const clock = testClock();
  // No background work: each test sends with sendOutbox() and sees exactly what one pass did.
  const core = await createCore({
    dataDir: dir.path,
    now: clock.now,
    autoSync: false,
    duties: true,
    queueIndex: false,
  });
  await call(core, 'session/register', { name: 'Sam Supervisor', email: 'sam@desk.test' });
  if (!options.defaultRules) await withoutAutomaticMail(core);
  return {
    core,
    dir: dir.path,
    clock,
    dispose: async () => {
      await core.close();
      await dir.remove();
    },
  };
}

/** A mailbox whose reading is off (no IMAP server here) and whose sending goes to the test SMTP server. */
export function mailboxWithOutgoing(
  smtp: Pick<TestSmtp, 'host' | 'port'>,
  outgoing: Partial<NonNullable<HandlerInput<'mailbox/save'>['outgoing']>> = {},
  changes: Partial<HandlerInput<'mailbox/save'>> = {},
): HandlerInput<'mailbox/save'> {
  return {
    name: 'Support',
    host: '127.0.0.1',
    port: 1,
    tls: false,
    username: 'support',
    password: 'imap-secret',
    folder: 'INBOX',
    mode: 'poll',
    pollSeconds: 60,
    maxMessageBytes: 25 * 1024 * 1024,
    enabled: false,
    outgoing: {
      address: 'support@desk.test',
      displayName: 'Service Desk',
      host: smtp.host,
      port: smtp.port,
      security: 'none',
      username: '',
      signature: 'Service Desk, Northwind\nhttps://help.northwind.example',
      ...outgoing,
    },
    ...changes,
  };
}

export async function addMailbox(core: Core, input: HandlerInput<'mailbox/save'>): Promise<MailboxView> {
  return call(core, 'mailbox/save', input);
}

/** A customer's mail imported from a file and made into an incident; answers the incident's id. */
export async function incidentFromMail(
  desk: Pick<SendingDesk, 'core' | 'dir'>,
  raw: string,
  name = 'customer.eml',
): Promise<string> {
  const file = path.join(desk.dir, name);
  await writeFile(file, raw);
  await desk.core.importFiles([file]);
  const inbox = await call(desk.core, 'inbox/list', { states: ['untriaged'] });
  const item = inbox.items.find((i) => raw.includes(i.subject))!;
  const { incidentIds } = await call(desk.core, 'inbox/createIncident', { ids: [item.id] });
  return incidentIds[0]!;
}

export function customerMail(options: { from?: string; subject?: string; messageId?: string; cc?: string } = {}) {
  const headers = [
    `From: ${options.from ?? 'Dana Customer <dana@northwind.example>'}`,
    'To: Service Desk <support@desk.test>',
    ...(options.cc ? [`Cc: ${options.cc}`] : []),
    `Subject: ${options.subject ?? 'The printer on floor 2 jams'}`,
    'Date: Mon, 02 Mar 2026 08:00:00 +0000',
    `Message-ID: ${options.messageId ?? '<jam-1@northwind.example>'}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  return `${headers.join('\r\n')}\r\n\r\nTray 2 jams on every job.\r\n`;
}

export async function outbox(core: Core): Promise<OutgoingMail[]> {
  return call(core, 'outbox/list', { limit: 1_000 });
}

export async function outgoing(core: Core, id: string): Promise<OutgoingMail> {
  const found = (await outbox(core)).find((mail) => mail.id === id);
  if (!found) throw new Error(`No outgoing mail ${id}`);
  return found;
}

export function parse(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw);
}
