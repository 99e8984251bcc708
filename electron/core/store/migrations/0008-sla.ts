/**
 * Time against promises: business calendars and SLA policies (projections of team data, like the others), and
 * on each incident the instants its SLA clocks are due, at risk and breached, kept by the write path.
 */
export const sla: readonly string[] = [
  `
    CREATE TABLE business_calendar (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      hours TEXT NOT NULL,
      holidays TEXT NOT NULL,
      deleted INTEGER NOT NULL
    )`,
  `
    CREATE TABLE sla_policy (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      conditions TEXT NOT NULL,
      targets TEXT NOT NULL,
      calendar_id TEXT NOT NULL,
      pause_statuses TEXT NOT NULL,
      position REAL NOT NULL,
      deleted INTEGER NOT NULL
    )`,
  // Instants in epoch milliseconds, so queries compare them with now as plain numbers.
  `
    ALTER TABLE incident ADD COLUMN sla_policy_id TEXT`,
  `
    ALTER TABLE incident ADD COLUMN sla_clock TEXT`,
  `
    ALTER TABLE incident ADD COLUMN sla_phase TEXT NOT NULL DEFAULT 'none'`,
  `
    ALTER TABLE incident ADD COLUMN sla_due_at INTEGER`,
  `
    ALTER TABLE incident ADD COLUMN sla_at_risk_at INTEGER`,
  `
    ALTER TABLE incident ADD COLUMN sla_breach_at INTEGER`,
  `
    ALTER TABLE incident ADD COLUMN first_response_due_at INTEGER`,
  `
    ALTER TABLE incident ADD COLUMN next_update_due_at INTEGER`,
  `
    ALTER TABLE incident ADD COLUMN resolution_due_at INTEGER`,
  // The "Due" sort (shared/domain/incident-due.ts, dueRank): due instant, then paused, met, no SLA.
  `
    ALTER TABLE incident ADD COLUMN sla_due_rank INTEGER GENERATED ALWAYS AS (CASE
      WHEN sla_due_at IS NOT NULL THEN sla_due_at
      WHEN sla_phase = 'paused' THEN 8000000000000000
      WHEN sla_phase = 'met' THEN 8000000000000001
      ELSE 8000000000000002 END) VIRTUAL`,
  `
    CREATE INDEX incident_sla_due ON incident (sla_due_rank)`,
  `
    CREATE INDEX incident_sla_breach ON incident (sla_breach_at)`,
  `
    CREATE INDEX incident_sla_at_risk ON incident (sla_at_risk_at)`,
];
