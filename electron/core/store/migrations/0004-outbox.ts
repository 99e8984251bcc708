/**
 * Sending mail: outgoing settings on mailboxes, and the outbox, a projection of the `outgoing` entity like
 * incidents and messages (DESIGN §6).
 */
export const outbox: readonly string[] = [
  // The SMTP settings as one JSON value (no password: that stays in this workstation's secret store).
  `
    ALTER TABLE mailbox ADD COLUMN outgoing TEXT`,
  `
    ALTER TABLE mailbox ADD COLUMN incident_per_mail INTEGER NOT NULL DEFAULT 0`,
  `
    CREATE TABLE outgoing_mail (
      id TEXT PRIMARY KEY,
      incident_id TEXT,
      mailbox_id TEXT NOT NULL,
      automatic INTEGER NOT NULL,
      author_id TEXT,
      sender TEXT NOT NULL,
      recipients TEXT NOT NULL,
      copies TEXT NOT NULL,
      subject TEXT NOT NULL,
      body_text TEXT NOT NULL,
      attachments TEXT NOT NULL,
      message_id TEXT NOT NULL,
      in_reply_to TEXT,
      refs TEXT NOT NULL,
      state TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      last_error TEXT,
      next_attempt_at TEXT,
      sent_at TEXT,
      claimed_by TEXT,
      claimed_at TEXT,
      raw_hash TEXT,
      created_at TEXT NOT NULL
    )`,
  // What a sender looks for: mail still to send, by when it is due.
  `
    CREATE INDEX outgoing_mail_due ON outgoing_mail (state, next_attempt_at)`,
  `
    CREATE INDEX outgoing_mail_incident ON outgoing_mail (incident_id, created_at)`,
  // A customer's reply names our Message-ID: it threads back through this.
  `
    CREATE INDEX outgoing_mail_message_id ON outgoing_mail (message_id)`,
];
