import { MIGRATIONS } from '#core/store/migrations/index.ts';

/**
 * How to take a workspace back past the migrations that came after a given one, for upgrade tests that open a
 * workspace "from before" it: each later migration's undo, newest first. A migration added later without its
 * undo here fails those tests by name instead of with a confusing "already exists".
 */
const UNDO: Readonly<Record<string, readonly string[]>> = {
  'clock history': ['DROP TABLE incident_clock'],
  // Only forgot how far the due recompute got: a workspace from before recomputes anyway, nothing to take back.
  'escalation windows': [],
  escalation: [
    'DROP INDEX incident_unacknowledged',
    'DROP INDEX incident_resolution_due',
    'DROP INDEX incident_next_update_due',
    'DROP INDEX incident_first_response_due',
    'DROP TABLE notification_settings',
    'DROP TABLE notification',
  ],
  automation: [
    'DROP INDEX outgoing_mail_first_recipient',
    'DROP TABLE mail_template',
    'DROP TABLE automation_rule',
    'ALTER TABLE service DROP COLUMN subscribers',
    'ALTER TABLE incident DROP COLUMN cause',
  ],
  sla: [
    'DROP INDEX incident_sla_due',
    'DROP INDEX incident_sla_breach',
    'DROP INDEX incident_sla_at_risk',
    'ALTER TABLE incident DROP COLUMN sla_due_rank',
    ...[
      'sla_policy_id',
      'sla_clock',
      'sla_phase',
      'sla_due_at',
      'sla_at_risk_at',
      'sla_breach_at',
      'first_response_due_at',
      'next_update_due_at',
      'resolution_due_at',
    ].map((column) => `ALTER TABLE incident DROP COLUMN ${column}`),
    'DROP TABLE sla_policy',
    'DROP TABLE business_calendar',
    "DELETE FROM meta WHERE key = 'due_progress'",
  ],
};

/** The statements that undo every migration after the one named, newest first. */
export function undoMigrationsAfter(name: string): string[] {
  const version = MIGRATIONS.find((m) => m.name === name)!.version;
  return MIGRATIONS.filter((m) => m.version > version)
    .reverse()
    .flatMap((m) => {
      const undo = UNDO[m.name];
      if (!undo) throw new Error(`test/helpers/undo-migrations.ts has no undo for the migration "${m.name}"`);
      return undo;
    });
}
