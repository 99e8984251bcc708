import { initial } from './0001-initial.ts';
import { sync } from './0002-sync.ts';
import { intake } from './0003-intake.ts';
import { mailReading } from './0004-mail-reading.ts';

/** Numbered migrations, applied in order at open; `PRAGMA user_version` records the last one applied. */
export const MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly sql: string }[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'sync', sql: sync },
  { version: 3, name: 'intake', sql: intake },
  { version: 4, name: 'mail-reading', sql: mailReading },
];
