/**
 * KPIs: each incident's facts as the figures read them (a projection the write path keeps, like the incident
 * row), and the supervisors' goals (team data, synced).
 */
export const kpi: readonly string[] = [
  `
    CREATE TABLE incident_kpi (
      id TEXT NOT NULL UNIQUE,
      channel TEXT NOT NULL,
      category_id TEXT,
      service_id TEXT,
      priority INTEGER NOT NULL,
      group_id TEXT,
      assignee_id TEXT,
      reported_at INTEGER NOT NULL,
      acknowledged_at INTEGER,
      first_response_at INTEGER,
      resolved_at INTEGER,
      closed_at INTEGER,
      reopens INTEGER NOT NULL,
      escalations INTEGER NOT NULL,
      first_contact INTEGER NOT NULL,
      open_spans TEXT NOT NULL,
      sla TEXT NOT NULL,
      active_until INTEGER
    )`,
  // A report reads the incidents reported before its end and still active at its start.
  `
    CREATE INDEX incident_kpi_active ON incident_kpi (active_until)`,
  `
    CREATE TABLE goal (
      id TEXT PRIMARY KEY,
      kpi TEXT NOT NULL,
      target REAL NOT NULL,
      scope TEXT NOT NULL,
      scope_id TEXT,
      period TEXT NOT NULL,
      deleted INTEGER NOT NULL
    )`,
];
