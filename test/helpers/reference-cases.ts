import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BusinessCalendar } from '#shared/domain/calendar.ts';
import { REPO_ROOT } from './child-process.ts';

/**
 * The shared worked examples for business time and SLA clocks (../shared/reference beside the repository).
 * They are the project's acceptance cases, so a missing file fails the tests rather than skipping them.
 */
export const REFERENCE_DIR = process.env.DESK_REFERENCE_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'reference');

function readReference<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(REFERENCE_DIR, file), 'utf8')) as T;
}

export interface BusinessTimeCases {
  readonly calendars: Record<string, BusinessCalendar>;
  readonly add: readonly { id: string; calendar: string; start: string; minutes: number; expect: string }[];
  readonly between: readonly { id: string; calendar: string; from: string; to: string; expectMinutes: number }[];
}

export interface SlaReferenceCase {
  readonly id: string;
  readonly calendar: string;
  readonly targets: Record<string, number>;
  readonly createdAt: string;
  readonly initialStatus: string;
  readonly events: readonly Record<string, unknown>[];
  readonly now: string;
  readonly expect: Record<string, unknown>;
}

export const businessTimeCases = (): BusinessTimeCases => readReference('business-time-cases.json');
export const slaCases = (): { cases: readonly SlaReferenceCase[] } => readReference('sla-cases.json');
