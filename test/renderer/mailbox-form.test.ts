import { describe, expect, it } from 'vitest';
import { saveMailboxInput, testMailboxInput } from '#shared/domain/mailbox.ts';
import type { MailboxView } from '#shared/domain/mailbox.ts';
import { describeMailboxHealth } from '../../renderer/src/mailboxes/mailbox-health.ts';
import {
  mailboxDraft,
  missingNumbers,
  saveMailboxInputOf,
  stillWrong,
  testMailboxInputOf,
  withTls,
} from '../../renderer/src/mailboxes/mailbox-draft.ts';

const ID = '0190f2a4-7b1e-7c3d-8e5f-123456789abc';

const saved: MailboxView = {
  id: ID,
  name: 'Support',
  host: 'imap.example.com',
  port: 993,
  tls: true,
  username: 'support@example.com',
  folder: 'INBOX',
  mode: 'poll',
  pollSeconds: 30,
  maxMessageBytes: 10 * 1024 * 1024,
  enabled: true,
  outgoing: null,
  incidentPerMail: false,
  health: {
    readBy: 'here',
    passwordStored: true,
    outgoingPasswordStored: false,
    lastSuccessAt: '2026-03-02T09:00:00.000Z',
    lastError: null,
    lastErrorAt: null,
    failing: false,
    imported: 12,
    notices: [],
  },
};

describe('the mailbox form', () => {
  it('starts a new mailbox on IMAP over TLS, INBOX, told of new mail at once', () => {
    const draft = { ...mailboxDraft(null), name: 'Support', host: 'imap.example.com', username: 'u', password: 'p' };
    const input = saveMailboxInputOf(draft, undefined);
    expect(saveMailboxInput.safeParse(input).success).toBe(true);
    expect(input).toMatchObject({
      port: 993,
      tls: true,
      folder: 'INBOX',
      mode: 'idle',
      maxMessageBytes: 25 * 1024 * 1024,
    });
  });

  it('keeps the stored password of a saved mailbox unless a new one is typed', () => {
    const draft = mailboxDraft(saved);
    expect(draft.maxMessageMb).toBe(10);
    expect(saveMailboxInputOf(draft, ID)).not.toHaveProperty('password');
    expect(saveMailboxInput.safeParse(saveMailboxInputOf(draft, ID)).success).toBe(true);
    expect(testMailboxInput.safeParse(testMailboxInputOf(draft, ID)).success).toBe(true);
    expect(testMailboxInputOf({ ...draft, password: 'new' }, ID)).toHaveProperty('password', 'new');
  });

  it('moves the port along with TLS, unless it is another port', () => {
    const draft = mailboxDraft(null);
    expect(withTls(draft, false).port).toBe(143);
    expect(withTls(withTls(draft, false), true).port).toBe(993);
    expect(withTls({ ...draft, port: 1993 }, false).port).toBe(1993);
  });

  it('says which number fields are empty in words', () => {
    expect(missingNumbers({ ...mailboxDraft(null), port: '', maxMessageMb: '' })).toEqual({
      port: 'Port is required',
      maxMessageBytes: 'Largest message is required',
    });
  });

  it('shows an error until its field is changed', () => {
    const checked = mailboxDraft(null);
    const errors = { name: 'Name is required', maxMessageBytes: 'must be at least 16384 bytes', '': 'Other' };
    expect(stillWrong(errors, checked, checked)).toEqual(errors);
    expect(stillWrong(errors, checked, { ...checked, name: 'Support', maxMessageMb: 1 })).toEqual({ '': 'Other' });
  });
});

describe('how a mailbox stands', () => {
  it('works, fails, waits or is off, and says who reads it', () => {
    expect(describeMailboxHealth(saved)).toMatchObject({ tone: 'ok', status: 'Working' });
    const failing = { ...saved, health: { ...saved.health, failing: true, lastError: 'Wrong password.' } };
    expect(describeMailboxHealth(failing).status).toBe('Failing');
    const fresh = { ...saved, health: { ...saved.health, lastSuccessAt: null } };
    expect(describeMailboxHealth(fresh).status).toBe('Not fetched yet');
    expect(describeMailboxHealth({ ...saved, enabled: false }).status).toBe('Switched off');
    const noPassword = { ...saved, health: { ...saved.health, passwordStored: false } };
    expect(describeMailboxHealth(noPassword).reader).toMatch(/no password/);
    const elsewhere = { ...saved, health: { ...saved.health, readBy: 'elsewhere' as const } };
    expect(describeMailboxHealth(elsewhere).reader).toMatch(/automation/);
  });
});
