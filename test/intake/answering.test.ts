import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayAnswerAutomatically } from '#shared/domain/answering.ts';
import type { AnswerCandidate } from '#shared/domain/answering.ts';
import { messageRowToModel } from '#core/inbox/inbox.repository.ts';
import { emailEntityId } from '#core/messages/message-ids.ts';
import { importFiles } from '#core/inbox/import-files.ts';
import { withLineFeeds } from '#core/email/line-endings.ts';
import { parseEmail } from '#core/email/parse-email.ts';
import { headerBlockEnd, readHeaderFields } from '#core/email/raw-headers.ts';
import type { InboundMessage } from '#shared/domain/intake.ts';
import { openTempStore } from '../helpers/temp-workspace.ts';
import type { TempStore } from '../helpers/temp-workspace.ts';
import { bounceFiles, bouncePath, corpusFiles, corpusPath, readBounce, readCorpus } from './corpus.ts';
import { describeWithBounces, describeWithCorpus } from './with-corpus.ts';
import { call } from '../helpers/invoke.ts';
import { email, openIntakeDesk } from './intake-desk.ts';

/**
 * The one predicate every rule that sends mail asks (shared/domain/answering.ts): no automatic message of any
 * class is ever a candidate for an automatic answer. Over the whole corpus, imported through the real path and
 * judged from what is stored: every file of bounces/ (all automatic, by sisimai's tables), and every message of
 * email/ that shows it was sent by a program, by the headers the standards name, read here on their own.
 */
/** Why a raw message shows itself automatic, read straight from its header block; null for none. */
function automaticByItsHeaders(raw: Buffer): string | null {
  const message = withLineFeeds(raw);
  const fields = readHeaderFields(message, 0, headerBlockEnd(message));
  const value = (name: string) => fields.find((f) => f.name === name)?.value.trim() ?? '';
  const from = value('from').toLowerCase();
  const checks: [boolean, string][] = [
    [/^(?!no\b)\S/i.test(value('auto-submitted')), 'Auto-Submitted'],
    [/^(bulk|junk|list|auto_reply)$/i.test(value('precedence')), 'Precedence'],
    [fields.some((f) => /^list-(id|unsubscribe|post|help)$/.test(f.name)), 'RFC 2369/2919 list headers'],
    [/\b(all|oof|autoreply)\b/i.test(value('x-auto-response-suppress')), 'X-Auto-Response-Suppress'],
    [/^<\s*>$/.test(value('return-path')), 'Return-Path <>'],
    [/^multipart\/report/i.test(value('content-type')), 'multipart/report'],
    [/(^|[<\s"])(mailer-daemon|postmaster|no-?reply|do-?not-?reply)[@>\s"]/i.test(` ${from} `), 'a system sender'],
    [Boolean(value('x-loop')), 'X-Loop'],
    [fields.some((f) => /^x-(autoreply|autorespond|jira-fingerprint)$/.test(f.name)), 'a program’s own header'],
  ];
  return checks.find(([found]) => found)?.[1] ?? null;
}

/** People writing, from the corpus: the predicate is not simply "no". */
const PEOPLE = [
  'zammad/mail001.box',
  'zammad/mail003.box',
  'zammad/mail005.box',
  'zammad/mail007.box',
  'zammad/mail009.box',
  'zammad/mail013.box',
  'zammad/mail057.box',
  'mikel-mail/rfc2822/example01.eml',
  'cpython/msg_04.txt',
];

/** The stored message a file became: the one with its id (a second copy of a mail is that same message). */
async function storedMessage(temp: TempStore, raw: Buffer): Promise<InboundMessage> {
  const { messageId, contentKey } = await parseEmail(raw);
  const row = await temp.store.db
    .selectFrom('message')
    .selectAll()
    .where('id', '=', emailEntityId(messageId, contentKey))
    .executeTakeFirstOrThrow();
  return messageRowToModel(row);
}

describe('the predicate', () => {
  const person: AnswerCandidate = {
    channel: 'email',
    kind: 'message',
    from: { address: 'anna.berg@northwind.example', name: 'Anna Berg' },
    neverAnswer: null,
  };

  it('answers a person’s email', () => {
    expect(mayAnswerAutomatically(person)).toBe(true);
  });

  it('answers no message of any automatic kind, and nothing that arrived by phone', () => {
    for (const kind of [
      'auto_reply',
      'bounce',
      'delivery_notice',
      'abuse_report',
      'mailing_list',
      'loop',
      'unparsed',
    ]) {
      expect(mayAnswerAutomatically({ ...person, kind: kind as AnswerCandidate['kind'] }), kind).toBe(false);
    }
    expect(mayAnswerAutomatically({ ...person, channel: 'phone' })).toBe(false);
  });

  it('answers no sender nobody reads, even on a message stored before the importer said so', () => {
    for (const address of ['noreply@vendor.example', 'no-reply@sns.amazonaws.com', 'MAILER-DAEMON@mx.example']) {
      expect(mayAnswerAutomatically({ ...person, from: { address, name: '' } }), address).toBe(false);
    }
    expect(mayAnswerAutomatically({ ...person, from: { address: 'postmaster@example.org', name: '' } })).toBe(false);
    expect(mayAnswerAutomatically({ ...person, from: { address: 'announce-request@lists.example', name: '' } })).toBe(
      false,
    );
    expect(mayAnswerAutomatically({ ...person, from: null })).toBe(false);
  });

  it('answers nothing the importer found a reason against', () => {
    expect(mayAnswerAutomatically({ ...person, neverAnswer: 'Sent by another ticket system (Jira).' })).toBe(false);
  });
});

describeWithCorpus('no automatic mail of the email corpus is ever answered', () => {
  let temp: TempStore;
  const files = corpusFiles().filter((file) => !/msg_19\.txt$|sample_output_multipart$/.test(file));

  beforeAll(async () => {
    temp = await openTempStore();
    const summary = await importFiles(temp.store, files.map(corpusPath));
    expect(summary.failed).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await temp.dispose();
  });

  it('finds automatic mail in it to check', () => {
    expect(files.filter((file) => automaticByItsHeaders(readCorpus(file))).length).toBeGreaterThan(25);
  });

  it('answers none of the messages whose headers show a program sent them', async () => {
    const answered: string[] = [];
    for (const file of files) {
      const raw = readCorpus(file);
      const why = automaticByItsHeaders(raw);
      if (why && mayAnswerAutomatically(await storedMessage(temp, raw))) answered.push(`${file} (${why})`);
    }
    expect(answered).toEqual([]);
  });

  it('answers none of the messages it stored as automatic, and people’s messages it may', async () => {
    for (const file of files) {
      const message = await storedMessage(temp, readCorpus(file));
      if (message.kind !== 'message') expect(mayAnswerAutomatically(message), file).toBe(false);
    }
    for (const file of PEOPLE) {
      expect(mayAnswerAutomatically(await storedMessage(temp, readCorpus(file))), file).toBe(true);
    }
  });

  it('answers neither a Jira notification nor a no-reply sender that look like people’s mail', async () => {
    const jira = await storedMessage(temp, readCorpus('zammad/mail103.box'));
    expect(jira.kind).toBe('message');
    expect(jira.neverAnswer).toBe('Sent by another ticket system (Jira), which would answer an answer.');
    const noreply = await storedMessage(temp, readCorpus('zammad/mail099.box'));
    expect(mayAnswerAutomatically(noreply)).toBe(false);
  });
});

describeWithBounces('no automatic mail of the bounce corpus is ever answered', () => {
  let temp: TempStore;

  beforeAll(async () => {
    temp = await openTempStore();
    const summary = await importFiles(
      temp.store,
      bounceFiles().map(({ file }) => bouncePath(file)),
    );
    expect(summary.failed).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await temp.dispose();
  });

  it('answers none of its 408 files, each stored with the reason', async () => {
    const answered: string[] = [];
    for (const { file } of bounceFiles()) {
      const message = await storedMessage(temp, readBounce(file));
      if (mayAnswerAutomatically(message) || !message.neverAnswer) answered.push(file);
    }
    expect(answered).toEqual([]);
  });
});

describe('mail from the desk’s own mailbox', () => {
  it('is never answered, even when a person wrote it', async () => {
    const desk = await openIntakeDesk();
    try {
      await call(desk.core, 'mailbox/save', {
        name: 'Support',
        host: 'imap.desk.example',
        port: 993,
        tls: true,
        username: 'support@desk.example',
        password: 'secret',
        folder: 'INBOX',
        mode: 'poll',
        pollSeconds: 300,
        maxMessageBytes: 25 * 1024 * 1024,
        enabled: false,
      });
      await desk.importMail(
        email({ from: 'Support <Support@desk.example>', subject: 'Printer', messageId: '<own@x>' }),
      );
      const message = messageRowToModel(await desk.messageWithId('<own@x>'));
      expect(message.kind).toBe('message');
      expect(message.neverAnswer).toBe(
        "Sent from the desk's own mailbox (support@desk.example): an answer would come straight back.",
      );
      expect(mayAnswerAutomatically(message)).toBe(false);
    } finally {
      await desk.dispose();
    }
  });
});
