import { describe, expect, it } from 'vitest';
import { dueText, formatDuration } from '#shared/domain/due-text.ts';
import type { DueSummary } from '#shared/domain/incident-due.ts';

const NOW = Date.UTC(2026, 2, 2, 9, 30);
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

describe('due text', () => {
  it('reads durations the way agents say them', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(999)).toBe('0 s');
    expect(formatDuration(59_999)).toBe('59 s');
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(59 * 60_000 + 59_999)).toBe('59 min');
    expect(formatDuration(3_600_000)).toBe('1 h 00 min');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 05 min');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000)).toBe('2 d 4 h');
  });

  it('says time left while on track or at risk, overdue once breached, and the state otherwise', () => {
    const running: DueSummary = {
      phase: 'running',
      clock: 'firstResponse',
      dueAt: at(20),
      atRiskAt: at(15),
      breachAt: new Date(NOW + 20 * 60_000 + 1).toISOString(),
    };
    expect(dueText(running, NOW)).toEqual({ state: 'on_track', text: '20 min left' });
    expect(dueText(running, NOW + 16 * 60_000)).toEqual({ state: 'at_risk', text: '4 min left' });
    expect(dueText(running, NOW + 20 * 60_000)).toEqual({ state: 'at_risk', text: 'Due now' });
    expect(dueText(running, NOW + 95 * 60_000)).toEqual({ state: 'breached', text: 'Overdue 1 h 15 min' });
    const paused = { ...running, phase: 'paused' as const, dueAt: null, atRiskAt: null, breachAt: null };
    expect(dueText(paused, NOW)).toEqual({ state: 'paused', text: 'Paused' });
    expect(dueText({ ...paused, phase: 'met', clock: null }, NOW)).toEqual({ state: 'met', text: 'Met' });
    expect(dueText({ ...paused, phase: 'none', clock: null }, NOW)).toEqual({ state: 'none', text: '—' });
  });
});
