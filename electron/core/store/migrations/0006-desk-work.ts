/**
 * What a day at the desk needs (issue 14): a search index that also covers the reporter, notes, resolution
 * and messages, the reporter's name on the incident row for the queue, the digit keys a phone number is
 * found by, the group that usually takes a category, and what an agent keeps on their workstation alone:
 * drafts and preferences (local, like the session: never changes, never synced).
 */
export const deskWork: readonly string[] = [
  `
    ALTER TABLE contact ADD COLUMN phone_keys TEXT`,
  `
    ALTER TABLE incident ADD COLUMN reporter_name TEXT`,
  `
    UPDATE incident SET reporter_name = (SELECT name FROM contact WHERE contact.id = incident.reporter_id)`,
  // A contact's change finds the incidents it reported (their search rows and names follow it).
  `
    CREATE INDEX incident_reporter ON incident (reporter_id)`,
  `
    CREATE INDEX incident_reporter_name ON incident (reporter_name COLLATE NOCASE)`,
  // The group that usually takes a category's incidents (the inbox suggests it).
  `
    ALTER TABLE category ADD COLUMN group_id TEXT`,
  // Saved views a supervisor shares with the team, and the order an agent lists their own in.
  `
    ALTER TABLE saved_view ADD COLUMN shared INTEGER NOT NULL DEFAULT 0`,
  `
    ALTER TABLE saved_view ADD COLUMN position REAL`,
  `
    CREATE TABLE draft (
      agent_id TEXT NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      saved_at TEXT NOT NULL,
      PRIMARY KEY (agent_id, key)
    ) WITHOUT ROWID`,
  `
    CREATE TABLE preference (
      agent_id TEXT NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (agent_id, key)
    ) WITHOUT ROWID`,
  `
    DROP TABLE incident_fts`,
  `
    CREATE VIRTUAL TABLE incident_fts USING fts5 (
      number, title, description, reporter, notes, resolution, messages,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    )`,
  // As store/search-index.ts builds a row at the time of this migration (kept here as it was then).
  `
    INSERT INTO incident_fts (rowid, number, title, description, reporter, notes, resolution, messages)
    SELECT i.rowid, CASE WHEN i.number IS NULL THEN '' ELSE 'INC-' || i.number END, i.title, i.description,
      coalesce((SELECT concat_ws(' ', c.name, c.email, c.phone, coalesce(c.phone_keys, replace(replace(replace(replace(replace(replace(c.phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')), c.organisation) FROM contact c
                WHERE c.id = i.reporter_id), ''),
      coalesce((SELECT group_concat(e.payload ->> '$.body', char(10)) FROM timeline_event e
                WHERE e.entity_id = i.id AND e.entity = 'incident' AND e.type = 'note'), ''),
      coalesce(i.resolution_notes, ''),
      coalesce((SELECT group_concat(m.subject || char(10) || substr(m.body_text, 1, 4000), char(10))
                FROM message m WHERE m.incident_id = i.id), '')
    FROM incident i`,
];
