import { initial } from './0001-initial.ts';
import { sync } from './0002-sync.ts';
import { intake } from './0003-intake.ts';
import { outbox } from './0004-outbox.ts';
import { mailReading } from './0005-mail-reading.ts';
import { deskWork } from './0006-desk-work.ts';
import { kpi } from './0007-kpi.ts';
import { sla } from './0008-sla.ts';
import { automation } from './0009-automation.ts';
import { escalation } from './0010-escalation.ts';
import { escalationWindows } from './0011-escalation-windows.ts';
import { clockHistory } from './0012-clock-history.ts';

/** Numbered migrations, applied in order at open; `PRAGMA user_version` records the last one applied. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Statements run in order, in one transaction with the version bump. */
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', statements: initial },
  { version: 2, name: 'sync', statements: sync },
  { version: 3, name: 'intake', statements: intake },
  { version: 4, name: 'outbox', statements: outbox },
  { version: 5, name: 'mail-reading', statements: mailReading },
  { version: 6, name: 'desk work', statements: deskWork },
  { version: 7, name: 'kpi', statements: kpi },
  { version: 8, name: 'sla', statements: sla },
  { version: 9, name: 'automation', statements: automation },
  { version: 10, name: 'escalation', statements: escalation },
  { version: 11, name: 'escalation windows', statements: escalationWindows },
  { version: 12, name: 'clock history', statements: clockHistory },
];
