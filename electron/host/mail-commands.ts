import { readFile } from 'node:fs/promises';
import type { HandlerInput } from '#shared/contract.ts';
import { DeskError } from '#shared/errors.ts';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import { isLoopbackHost, SMTP_SECURITIES } from '#shared/domain/mailbox.ts';
import type { MailboxView, SmtpSecurity } from '#shared/domain/mailbox.ts';
import { OUTBOX_STATE_LABELS, OUTBOX_STATES } from '#shared/domain/outbox.ts';
import type { OutboxState } from '#shared/domain/outbox.ts';
import type { Core } from '#core/index.ts';
import { ask, dataDir, dataOption, required, wholeNumber, withCore } from './command.ts';
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';

/** Reads a password from a file, or from standard input: never from the command line, where `ps` shows it. */
async function readPassword(file: unknown): Promise<string> {
  let text: string;
  if (typeof file === 'string' && file !== '-') {
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `--password-file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? error}).`,
      );
    }
  } else {
    if (process.stdin.isTTY) {
      throw new UsageError(
        'Give the password in a file (--password-file F) or on standard input, never as an argument.',
      );
    }
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  }
  const password = text.replace(/\r?\n$/, '');
  if (!password) throw new UsageError('The password is empty.');
  return password;
}

type Security = SmtpSecurity;

function security(value: unknown, option: string): Security {
  const text = typeof value === 'string' ? value : 'tls';
  if (!(SMTP_SECURITIES as readonly string[]).includes(text)) {
    throw new UsageError(`--${option} "${text}" is not one of ${SMTP_SECURITIES.join(', ')}.`);
  }
  return text as Security;
}

/** Signs in as the agent with this email (adding them, like `desk web --as`, when the workspace has nobody). */
async function signIn(core: Core, values: Record<string, unknown>): Promise<void> {
  if (typeof values.as !== 'string') return;
  const email = values.as.trim().toLowerCase();
  await core.signInAs(email.split('@')[0]!, email);
}

const IMAP_PORTS: Record<Security, number> = { tls: 993, starttls: 143, none: 143 };
const SMTP_PORTS: Record<Security, number> = { tls: 465, starttls: 587, none: 25 };

async function mailboxByName(core: Core, name: string): Promise<MailboxView> {
  const found = (await ask(core, 'mailbox/list', {})).find((m) => m.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new DeskError('not_found', `No mailbox called ${name}.`);
  return found;
}

async function mailboxInput(values: Record<string, unknown>): Promise<HandlerInput<'mailbox/save'>> {
  const address = required(values, 'address', 'the address the mailbox receives and sends as');
  const imapHost = required(values, 'imap-host', 'the IMAP server the mailbox is read from');
  const imapSecurity = security(values['imap-security'], 'imap-security');
  if (imapSecurity === 'none' && !isLoopbackHost(imapHost)) {
    throw new UsageError('--imap-security none is allowed only to this computer (localhost).');
  }
  const imapUser = typeof values['imap-user'] === 'string' ? values['imap-user'] : address;
  const password = await readPassword(values['password-file']);
  let outgoing: HandlerInput<'mailbox/save'>['outgoing'];
  if (typeof values['smtp-host'] === 'string') {
    const smtpSecurity = security(values['smtp-security'], 'smtp-security');
    const smtpUser = typeof values['smtp-user'] === 'string' ? values['smtp-user'] : imapUser;
    outgoing = {
      address,
      displayName: required(values, 'name', 'the mailbox’s name'),
      host: values['smtp-host'],
      port: wholeNumber(values['smtp-port'], 'smtp-port', SMTP_PORTS[smtpSecurity]),
      security: smtpSecurity,
      username: smtpUser,
      // One password for both when the account is the same; otherwise it is stored for SMTP on its own.
      sameAsImap: smtpUser === imapUser,
      ...(smtpUser === imapUser ? {} : { password }),
    };
  }
  return {
    name: required(values, 'name', 'the mailbox’s name'),
    host: imapHost,
    port: wholeNumber(values['imap-port'], 'imap-port', IMAP_PORTS[imapSecurity]),
    tls: imapSecurity === 'tls',
    username: imapUser,
    password,
    folder: typeof values['imap-folder'] === 'string' ? values['imap-folder'] : 'INBOX',
    mode: 'idle',
    pollSeconds: 60,
    maxMessageBytes: 25 * 1024 * 1024,
    enabled: true,
    ...(outgoing ? { outgoing } : {}),
    incidentPerMail: Boolean(values['incident-per-mail']),
  };
}

function describeMailbox(m: MailboxView): string {
  const sends = m.outgoing
    ? `sends as ${m.outgoing.address} via ${m.outgoing.host}:${m.outgoing.port} (${m.outgoing.security})`
    : 'does not send';
  const reads = `reads ${m.username} at ${m.host}:${m.port} “${m.folder}”${m.enabled ? '' : ' (off)'}`;
  const incidents = m.incidentPerMail ? ', an incident from every new mail' : '';
  const error = m.health.failing && m.health.lastError ? `\n    last error: ${m.health.lastError}` : '';
  return `${m.name}: ${reads}; ${sends}${incidents}${error}`;
}

async function incidentByNumber(core: Core, text: string): Promise<string> {
  const number = Number(/^INC-(\d+)$/i.exec(text.trim())?.[1]);
  if (!Number.isInteger(number)) throw new UsageError(`--incident needs a number like INC-42, not "${text}".`);
  const page = await ask(core, 'queue/page', {
    filter: { text: `INC-${number}` },
    sort: { column: 'number', direction: 'asc' },
    offset: 0,
    limit: 50,
  });
  const row = page.rows.find((r) => r.number === number);
  if (!row) throw new DeskError('not_found', `No incident INC-${number} in this workspace.`);
  return row.id;
}

export const MAIL_COMMANDS: Record<string, Command> = {
  'mailbox add': {
    summary: 'add a mailbox: where mail is read (IMAP) and sent (SMTP)',
    usage:
      'desk mailbox add [--data DIR] [--as EMAIL] --name NAME --address EMAIL --imap-host H [--imap-port N] ' +
      '[--imap-security tls|starttls|none] [--imap-user U] [--imap-folder F] [--smtp-host H --smtp-port N ' +
      '--smtp-security tls|starttls|none --smtp-user U] [--password-file F] [--incident-per-mail]   ' +
      '(the password from the file, or standard input)',
    options: {
      ...dataOption,
      as: { type: 'string' },
      name: { type: 'string' },
      address: { type: 'string' },
      'imap-host': { type: 'string' },
      'imap-port': { type: 'string' },
      'imap-security': { type: 'string' },
      'imap-user': { type: 'string' },
      'imap-folder': { type: 'string' },
      'smtp-host': { type: 'string' },
      'smtp-port': { type: 'string' },
      'smtp-security': { type: 'string' },
      'smtp-user': { type: 'string' },
      'password-file': { type: 'string' },
      'incident-per-mail': { type: 'boolean' },
    },
    async run(values) {
      const input = await mailboxInput(values);
      await withCore(dataDir(values), async (core) => {
        await signIn(core, values);
        const saved = await ask(core, 'mailbox/save', input);
        console.log(`Added ${describeMailbox(saved)}`);
      });
    },
  },
  'mailbox list': {
    summary: 'list the mailboxes, how they read and send, and how they are doing',
    usage: 'desk mailbox list [--data DIR] [--json]',
    options: { ...dataOption, json: { type: 'boolean' } },
    async run(values) {
      const list = await withCore(dataDir(values), (core) => ask(core, 'mailbox/list', {}));
      if (values.json) return console.log(JSON.stringify(list, null, 2));
      for (const mailbox of list) console.log(describeMailbox(mailbox));
      if (!list.length) console.log('No mailboxes yet: desk mailbox add.');
    },
  },
  'mailbox remove': {
    summary: 'remove a mailbox (what it brought in stays)',
    usage: 'desk mailbox remove [--data DIR] [--as EMAIL] NAME',
    options: { ...dataOption, as: { type: 'string' } },
    positionals: true,
    async run(values, names) {
      if (names.length !== 1) throw new UsageError('Name the one mailbox to remove.');
      await withCore(dataDir(values), async (core) => {
        await signIn(core, values);
        const mailbox = await mailboxByName(core, names[0]!);
        await ask(core, 'mailbox/delete', { id: mailbox.id });
        console.log(`Removed ${mailbox.name}.`);
      });
    },
  },
  outbox: {
    summary: 'list outgoing mail with its state and error',
    usage: `desk outbox [--data DIR] [--json] [--state ${OUTBOX_STATES.join('|')},…] [--limit N]`,
    options: {
      ...dataOption,
      json: { type: 'boolean' },
      state: { type: 'string', multiple: true },
      limit: { type: 'string' },
    },
    async run(values) {
      const states = ((values.state as string[] | undefined) ?? []).flatMap((s) => s.split(',')).filter(Boolean);
      for (const state of states) {
        if (!(OUTBOX_STATES as readonly string[]).includes(state)) {
          throw new UsageError(`--state "${state}" is not one of ${OUTBOX_STATES.join(', ')}.`);
        }
      }
      const limit = wholeNumber(values.limit, 'limit', 200);
      if (limit < 1 || limit > 1_000) throw new UsageError('--limit must be 1 to 1000.');
      const mails = await withCore(dataDir(values), (core) =>
        ask(core, 'outbox/list', { ...(states.length ? { states: states as OutboxState[] } : {}), limit }),
      );
      if (values.json) return console.log(JSON.stringify(mails, null, 2));
      for (const mail of mails) {
        const error = mail.lastError ? `  (${mail.lastError})` : '';
        const to = mail.to.map((r) => r.address).join(', ');
        console.log(
          `${mail.createdAt.slice(0, 16).replace('T', ' ')}  ${OUTBOX_STATE_LABELS[mail.state].padEnd(18)} ${to.slice(0, 40).padEnd(40)} ${mail.subject}${error}`,
        );
      }
      console.log(`${mails.length} mails`);
    },
  },
  reply: {
    summary: 'send a public reply to an incident’s reporter, as an agent',
    usage: 'desk reply [--data DIR] --as EMAIL --incident INC-n --text-file F',
    options: { ...dataOption, as: { type: 'string' }, incident: { type: 'string' }, 'text-file': { type: 'string' } },
    async run(values) {
      const email = required(values, 'as', 'the agent the reply is from').toLowerCase();
      const number = required(values, 'incident', 'the incident, like INC-42');
      const file = required(values, 'text-file', 'a file holding the reply');
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`--text-file ${file} cannot be read (${error.code ?? error}).`);
      });
      await withCore(dataDir(values), async (core) => {
        const agent = (await ask(core, 'reference/get', {})).agents.find((a) => a.email.toLowerCase() === email);
        if (!agent) throw new DeskError('not_found', `No agent with ${email} in this workspace.`);
        await ask(core, 'session/signIn', { agentId: agent.id });
        const incidentId = await incidentByNumber(core, number);
        const detail = await ask(core, 'incident/reply', { incidentId, text });
        const outboxId = detail.timeline.filter((e) => e.type === 'reply').at(-1)!.reply!.outboxId;
        await core.sendOutbox();
        const mail = (await ask(core, 'outbox/list', { incidentId, limit: 1_000 })).find((m) => m.id === outboxId)!;
        const where = formatIncidentNumber(detail.incident.number, detail.incident.provisionalNumber);
        console.log(
          `Reply on ${where} to ${mail.to.map((r) => r.address).join(', ')}: ${OUTBOX_STATE_LABELS[mail.state]}` +
            `${mail.lastError ? ` (${mail.lastError})` : ''}.`,
        );
        if (mail.state === 'failed') process.exitCode = 1;
      });
    },
  },
};
