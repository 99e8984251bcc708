import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxView } from '#shared/domain/mailbox.ts';
import type { OutgoingMail } from '#shared/domain/outbox.ts';
import { createCore } from '#core/index.ts';
import { deskInProcess as desk } from '../helpers/desk-cli.ts';
import { call } from '../helpers/invoke.ts';
import { startTestSmtp } from '../helpers/smtp-server.ts';
import type { TestSmtp } from '../helpers/smtp-server.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';
import { customerMail, parse } from './outbox-desk.ts';

describe('desk mailbox, desk outbox and desk reply', () => {
  let folder: TempDir;
  let smtp: TestSmtp;
  let data: string;

  beforeAll(async () => {
    folder = await tempDir('desk-mail-cli-');
    smtp = await startTestSmtp({ users: { 'support@desk.test': 'from-a-file' } });
    data = path.join(folder.path, 'workspace');
    // An incident from a customer's mail, INC-1.
    const core = await createCore({ dataDir: data, autoSync: false, duties: false, queueIndex: false });
    const eml = path.join(folder.path, 'customer.eml');
    await writeFile(eml, customerMail());
    await core.importFiles([eml]);
    await call(core, 'session/register', { name: 'Sam Supervisor', email: 'sam@desk.test' });
    const item = (await call(core, 'inbox/list', {})).items[0]!;
    await call(core, 'inbox/createIncident', { ids: [item.id] });
    await core.close();
  });
  afterAll(async () => {
    await smtp.close();
    await folder.remove();
  });

  it('adds a mailbox with its password from a file, never from an argument', async () => {
    const secret = path.join(folder.path, 'password');
    await writeFile(secret, 'from-a-file\n', { mode: 0o600 });
    expect((await desk('mailbox', 'add', '--data', data, '--password', 'x')).code).toBe(2);
    const none = await desk(
      'mailbox',
      'add',
      '--data',
      data,
      '--as',
      'sam@desk.test',
      '--name',
      'Support',
      '--address',
      'support@desk.test',
      '--imap-host',
      'imap.example.com',
      '--smtp-host',
      'smtp.example.com',
      '--smtp-security',
      'none',
      '--password-file',
      secret,
    );
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/only to this computer/);

    const added = await desk(
      'mailbox',
      'add',
      '--data',
      data,
      '--as',
      'sam@desk.test',
      '--name',
      'Support',
      '--address',
      'support@desk.test',
      '--imap-host',
      '127.0.0.1',
      '--imap-port',
      '1',
      '--imap-security',
      'none',
      '--smtp-host',
      smtp.host,
      '--smtp-port',
      String(smtp.port),
      '--smtp-security',
      'none',
      '--password-file',
      secret,
      '--incident-per-mail',
    );
    expect(added, added.stderr).toMatchObject({ code: 0 });
    expect(added.stdout).toMatch(
      /^Added Support: reads support@desk\.test at 127\.0\.0\.1:1 .*sends as support@desk\.test/,
    );
    const listed = JSON.parse((await desk('mailbox', 'list', '--data', data, '--json')).stdout) as MailboxView[];
    expect(listed).toMatchObject([
      {
        name: 'Support',
        incidentPerMail: true,
        outgoing: { address: 'support@desk.test', security: 'none', username: 'support@desk.test', sameAsImap: true },
        health: { passwordStored: true, outgoingPasswordStored: true },
      },
    ]);
  });

  it('replies as an agent, sends at once, and lists the outbox with each mail’s state', async () => {
    const text = path.join(folder.path, 'reply.txt');
    await writeFile(text, 'Tray 2 has a new roller.\n');
    const replied = await desk(
      'reply',
      '--data',
      data,
      '--as',
      'sam@desk.test',
      '--incident',
      'INC-1',
      '--text-file',
      text,
    );
    expect(replied, replied.stderr).toMatchObject({ code: 0 });
    expect(replied.stdout).toBe('Reply on INC-1 to dana@northwind.example: Sent.\n');
    expect(smtp.received.map((m) => m.user)).toEqual(['support@desk.test']);
    expect((await parse(smtp.received[0]!.raw)).subject).toBe('[INC-1] Re: The printer on floor 2 jams');

    const unknown = await desk(
      'reply',
      '--data',
      data,
      '--as',
      'nobody@desk.test',
      '--incident',
      'INC-1',
      '--text-file',
      text,
    );
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/No agent with nobody@desk\.test/) });

    const listed = JSON.parse(
      (await desk('outbox', '--data', data, '--json', '--state', 'sent')).stdout,
    ) as OutgoingMail[];
    expect(listed).toMatchObject([{ state: 'sent', to: [{ address: 'dana@northwind.example' }] }]);
    expect((await desk('outbox', '--data', data, '--state', 'lost')).code).toBe(2);
    const table = await desk('outbox', '--data', data);
    expect(table.stdout).toMatch(/Sent\s+dana@northwind\.example\s+Re: The printer on floor 2 jams\n1 mails\n$/);
  });

  it('removes a mailbox by name', async () => {
    const removed = await desk('mailbox', 'remove', '--data', data, '--as', 'sam@desk.test', 'Support');
    expect(removed, removed.stderr).toMatchObject({ code: 0, stdout: 'Removed Support.\n' });
    expect((await desk('mailbox', 'list', '--data', data)).stdout).toMatch(/No mailboxes yet/);
  });
});
