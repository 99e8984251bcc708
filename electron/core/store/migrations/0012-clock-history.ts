import { ALL_CLOCK_ENTRIES } from '../../sla/clock-history.ts';

/**
 * Each incident's clock history, cut down to what its SLA clocks read (see sla/clock-history.ts), so working
 * every incident's clocks out again after a calendar change reads compact rows instead of the whole timeline.
 * Filled here for a workspace from before; from then on the write path keeps it.
 */
export const clockHistory: readonly string[] = [
  `
    CREATE TABLE incident_clock (
      id TEXT PRIMARY KEY,
      entries TEXT NOT NULL
    ) WITHOUT ROWID`,
  ALL_CLOCK_ENTRIES,
];
