/**
 * Escalation and notifications (DESIGN §6): per-agent notifications and each agent's notification
 * preferences (projections of synced entities), and the indexes the escalation sweep narrows its candidates
 * with: each clock's due instant within a policy, and the incidents nobody has acknowledged yet.
 */
export const escalation: readonly string[] = [
  `
    CREATE TABLE notification (
      id TEXT PRIMARY KEY,
      agent_id TEXT NOT NULL,
      event TEXT NOT NULL,
      incident_id TEXT NOT NULL,
      text TEXT NOT NULL,
      priority INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      read_at TEXT
    )`,
  `
    CREATE INDEX notification_by_agent ON notification (agent_id, created_at)`,
  `
    CREATE INDEX notification_unread ON notification (agent_id) WHERE read_at IS NULL`,
  `
    CREATE TABLE notification_settings (
      id TEXT PRIMARY KEY,
      preferences TEXT
    )`,
  `
    CREATE INDEX incident_first_response_due ON incident (sla_policy_id, first_response_due_at)
      WHERE first_response_due_at IS NOT NULL`,
  `
    CREATE INDEX incident_next_update_due ON incident (sla_policy_id, next_update_due_at)
      WHERE next_update_due_at IS NOT NULL`,
  `
    CREATE INDEX incident_resolution_due ON incident (sla_policy_id, resolution_due_at)
      WHERE resolution_due_at IS NOT NULL`,
  `
    CREATE INDEX incident_unacknowledged ON incident (sla_policy_id, created_at) WHERE acknowledged_at IS NULL`,
];
