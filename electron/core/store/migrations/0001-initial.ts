/**
 * The first schema: the change log and field state (the source of truth), and the projections the
 * screens read. Projections are rebuilt from field state by the write path; nothing else writes them.
 */
export const initial: readonly string[] = [
  `
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID`,
  `
    CREATE TABLE change (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      hlc TEXT NOT NULL,
      device TEXT NOT NULL,
      actor TEXT,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('set', 'append')),
      field TEXT NOT NULL,
      value TEXT NOT NULL,
      origin TEXT NOT NULL CHECK (origin IN ('local', 'remote'))
    )`,
  `
    CREATE TABLE field_state (
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      field TEXT NOT NULL,
      hlc TEXT NOT NULL,
      device TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (entity, entity_id, field)
    ) WITHOUT ROWID`,
  // A rowid table: events carry whole notes, and rows that size make a WITHOUT ROWID tree slow to grow.
  `
    CREATE TABLE timeline_event (
      id TEXT NOT NULL UNIQUE,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      hlc TEXT NOT NULL,
      device TEXT NOT NULL,
      actor TEXT,
      type TEXT NOT NULL,
      payload TEXT NOT NULL
    )`,
  `
    CREATE INDEX timeline_event_entity ON timeline_event (entity_id, hlc, device)`,
  // status_rank: the lifecycle's order, so sorting by status reads New, Assigned, In progress… rather than
  // alphabetically.
  `
    CREATE TABLE incident (
      id TEXT NOT NULL UNIQUE,
      number INTEGER,
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      channel TEXT NOT NULL,
      reporter_id TEXT,
      category_id TEXT,
      subcategory TEXT,
      service_id TEXT,
      impact INTEGER NOT NULL,
      urgency INTEGER NOT NULL,
      priority INTEGER NOT NULL,
      priority_override TEXT,
      status TEXT NOT NULL,
      status_rank INTEGER GENERATED ALWAYS AS (CASE status
        WHEN 'new' THEN 0 WHEN 'assigned' THEN 1 WHEN 'in_progress' THEN 2 WHEN 'waiting_on_customer' THEN 3
        WHEN 'resolved' THEN 4 WHEN 'closed' THEN 5 ELSE 6 END) VIRTUAL,
      assignee_id TEXT,
      assignee_name TEXT,
      group_id TEXT,
      group_name TEXT,
      tags TEXT NOT NULL,
      reported_at TEXT NOT NULL,
      acknowledged_at TEXT,
      resolved_at TEXT,
      closed_at TEXT,
      resolution_code TEXT,
      resolution_notes TEXT,
      created_at TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    )`,
  // Every sortable column has an index whose order (with the implicit rowid as tie-break) is the queue's order.
  `
    CREATE INDEX incident_number ON incident (number)`,
  `
    CREATE INDEX incident_updated ON incident (updated_at)`,
  `
    CREATE INDEX incident_status ON incident (status, updated_at)`,
  `
    CREATE INDEX incident_status_rank ON incident (status_rank)`,
  `
    CREATE INDEX incident_priority ON incident (priority, updated_at)`,
  `
    CREATE INDEX incident_title ON incident (title COLLATE NOCASE)`,
  `
    CREATE INDEX incident_assignee ON incident (assignee_id, status)`,
  `
    CREATE INDEX incident_assignee_name ON incident (assignee_name COLLATE NOCASE)`,
  `
    CREATE INDEX incident_group ON incident (group_id, status)`,
  `
    CREATE INDEX incident_group_name ON incident (group_name COLLATE NOCASE)`,
  `
    CREATE INDEX incident_channel ON incident (channel, updated_at)`,
  `
    CREATE INDEX incident_category ON incident (category_id)`,
  `
    CREATE INDEX incident_resolved ON incident (resolved_at)`,
  `
    CREATE VIRTUAL TABLE incident_fts USING fts5 (
      number, title, description, notes,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    )`,
  `
    CREATE TABLE agent (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      role TEXT NOT NULL,
      group_ids TEXT NOT NULL,
      active INTEGER NOT NULL
    )`,
  `
    CREATE INDEX agent_email ON agent (email)`,
  `
    CREATE TABLE agent_group (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL
    )`,
  `
    CREATE TABLE contact (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT,
      phone TEXT,
      organisation TEXT
    )`,
  `
    CREATE INDEX contact_name ON contact (name COLLATE NOCASE)`,
  `
    CREATE INDEX contact_email ON contact (email)`,
  `
    CREATE TABLE category (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      subcategories TEXT NOT NULL
    )`,
  `
    CREATE TABLE service (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL
    )`,
  `
    CREATE TABLE setting (
      id TEXT PRIMARY KEY,
      value TEXT
    )`,
  `
    CREATE TABLE saved_view (
      id TEXT PRIMARY KEY,
      owner_id TEXT,
      name TEXT NOT NULL,
      filter TEXT NOT NULL,
      sort TEXT NOT NULL,
      deleted INTEGER NOT NULL
    )`,
];
