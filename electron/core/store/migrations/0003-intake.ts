/**
 * The inbox: inbound messages (a projection, like incidents), mailboxes, and content-addressed blobs (raw
 * messages, attachments, HTML bodies) kept whole on this workstation.
 */
export const intake: readonly string[] = [
  // An incident made from a reply to a closed one points back at it.
  `
    ALTER TABLE incident ADD COLUMN related_incidents TEXT NOT NULL DEFAULT '[]'`,
  `
    CREATE TABLE message (
      id TEXT PRIMARY KEY,
      channel TEXT NOT NULL,
      kind TEXT NOT NULL,
      state TEXT NOT NULL,
      received_at TEXT NOT NULL,
      from_address TEXT,
      from_name TEXT,
      recipients TEXT NOT NULL,
      copies TEXT NOT NULL,
      subject TEXT NOT NULL,
      preview TEXT NOT NULL,
      body_text TEXT NOT NULL,
      html_hash TEXT,
      attachments TEXT NOT NULL,
      message_id TEXT,
      in_reply_to TEXT,
      refs TEXT NOT NULL,
      raw_hash TEXT,
      note TEXT,
      incident_id TEXT,
      contact_id TEXT,
      alert_fingerprint TEXT,
      alert_status TEXT,
      source TEXT
    )`,
  `
    CREATE INDEX message_inbox ON message (state, received_at)`,
  `
    CREATE INDEX message_received ON message (received_at)`,
  `
    CREATE INDEX message_message_id ON message (message_id)`,
  `
    CREATE INDEX message_incident ON message (incident_id)`,
  `
    CREATE INDEX message_alert ON message (alert_fingerprint)`,
  `
    CREATE TABLE mailbox (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      host TEXT NOT NULL,
      port INTEGER NOT NULL,
      tls INTEGER NOT NULL,
      username TEXT NOT NULL,
      folder TEXT NOT NULL,
      mode TEXT NOT NULL,
      poll_seconds INTEGER NOT NULL,
      max_message_bytes INTEGER NOT NULL,
      enabled INTEGER NOT NULL,
      deleted INTEGER NOT NULL
    )`,
  // Where this workstation has read each mailbox to: committed with the message it belongs to.
  `
    CREATE TABLE mailbox_cursor (
      mailbox_id TEXT PRIMARY KEY,
      uid_validity TEXT NOT NULL,
      last_uid INTEGER NOT NULL
    )`,
  // How each mailbox is doing, as seen from this workstation.
  `
    CREATE TABLE mailbox_health (
      mailbox_id TEXT PRIMARY KEY,
      last_success_at TEXT,
      last_error TEXT,
      last_error_at TEXT,
      imported INTEGER NOT NULL DEFAULT 0
    )`,
  `
    CREATE TABLE blob (
      hash TEXT NOT NULL UNIQUE,
      size INTEGER NOT NULL,
      data BLOB NOT NULL
    )`,
];
