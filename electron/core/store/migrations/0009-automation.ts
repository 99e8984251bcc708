/**
 * Automation (DESIGN §6): rules and mail templates (projections of synced entities, as incidents are), the
 * cause an incident is resolved with, and the subscribers a service notifies.
 */
export const automation: readonly string[] = [
  `
    ALTER TABLE incident ADD COLUMN cause TEXT`,
  // Contacts by id and whole organisations by name, as one JSON value a supervisor edits.
  `
    ALTER TABLE service ADD COLUMN subscribers TEXT NOT NULL DEFAULT '{"contactIds":[],"organisations":[]}'`,
  `
    CREATE TABLE automation_rule (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      enabled INTEGER NOT NULL,
      position REAL NOT NULL,
      trigger TEXT NOT NULL,
      conditions TEXT NOT NULL,
      actions TEXT NOT NULL,
      built_in TEXT,
      deleted INTEGER NOT NULL
    )`,
  `
    CREATE TABLE mail_template (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      built_in TEXT,
      deleted INTEGER NOT NULL
    )`,
  // Loop protection counts the automatic mail each address got in the last hour: rules write to one person.
  `
    CREATE INDEX outgoing_mail_first_recipient
      ON outgoing_mail (lower(json_extract(recipients, '$[0].address')), created_at)`,
];
