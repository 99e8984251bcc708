/** Local bookkeeping for team sync: never synced itself, so none of it goes through the change log. */
export const sync: readonly string[] = [
  // Changes the hub refused, kept so the agent can be told and nothing disappears silently.
  `
    CREATE TABLE sync_rejection (
      change_id TEXT PRIMARY KEY,
      reason TEXT NOT NULL,
      message TEXT NOT NULL,
      at TEXT NOT NULL
    )`,
  // "Your change to the title of INC-42 was replaced by Priya's later one."
  `
    CREATE TABLE sync_notice (
      id INTEGER PRIMARY KEY,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      field TEXT NOT NULL,
      mine TEXT NOT NULL,
      theirs TEXT NOT NULL,
      by_actor TEXT,
      at TEXT NOT NULL
    )`,
  // Numbers shown for incidents created here until the hub gives them their real one.
  `
    CREATE TABLE provisional_number (
      incident_id TEXT PRIMARY KEY,
      number INTEGER NOT NULL
    )`,
];
