import { describe, expect, it } from 'vitest';
import { PROVISIONAL_NUMBER_HINT } from '#shared/domain/incident.ts';
import { DEFAULT_PRIORITY_MATRIX } from '#shared/domain/priority.ts';
import { formatFieldValue } from '../../renderer/src/common/field-value.ts';
import { formatRelativeTime } from '../../renderer/src/common/time-format.ts';
import {
  createdNotice,
  NEW_INCIDENT_DEFAULTS,
  previewPriority,
  withCategory,
} from '../../renderer/src/new-incident/new-incident-form.ts';
import { filterSummary } from '../../renderer/src/queue/filter-summary.ts';
import { matrixInput, sameMatrix, withCell } from '../../renderer/src/settings/priority-matrix-draft.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');

describe('display shaping', () => {
  it('says how long ago in the words of a queue glance', () => {
    const ago = (ms: number) => formatRelativeTime(new Date(NOW - ms).toISOString(), NOW);
    expect(ago(20_000)).toBe('just now');
    expect(ago(5 * 60_000)).toBe('5 min ago');
    expect(ago(3 * 3_600_000)).toBe('3 h ago');
    expect(ago(30 * 3_600_000)).toBe('yesterday');
    expect(ago(4 * 86_400_000)).toBe('4 days ago');
    expect(ago(400 * 86_400_000)).toMatch(/2025/);
  });

  it('previews the priority from impact and urgency, and drops a stale subcategory', () => {
    expect(previewPriority(DEFAULT_PRIORITY_MATRIX, { impact: 1, urgency: 1 })).toBe(1);
    expect(previewPriority(DEFAULT_PRIORITY_MATRIX, { impact: 3, urgency: 3 })).toBe(5);
    const picked = { ...NEW_INCIDENT_DEFAULTS, categoryId: 'c1', subcategory: 'Toner' };
    expect(withCategory(picked, 'c1').subcategory).toBe('Toner');
    expect(withCategory(picked, 'c2').subcategory).toBeNull();
  });

  it('summarises a filter in a button’s width', () => {
    const options = ['New', 'Assigned', 'In progress'].map((label) => ({ value: label, label }));
    expect(filterSummary(options, [])).toBe('');
    expect(filterSummary(options, ['New', 'Assigned'])).toBe('New, Assigned');
    expect(filterSummary(options, ['New', 'Assigned', 'In progress'])).toBe('New, Assigned +1');
  });

  it('edits one cell of the priority matrix', () => {
    const edited = withCell(DEFAULT_PRIORITY_MATRIX, 3, 3, 4);
    expect(edited.cells[2]![2]).toBe(4);
    expect(sameMatrix(edited, DEFAULT_PRIORITY_MATRIX)).toBe(false);
    expect(matrixInput(edited).cells).toHaveLength(3);
  });

  it('names a new incident by its number, explaining a provisional one', () => {
    expect(createdNotice({ number: 42, provisionalNumber: null })).toEqual({ title: 'INC-42 created', message: '' });
    expect(createdNotice({ number: null, provisionalNumber: 12 })).toEqual({
      title: 'INC-12* created',
      message: PROVISIONAL_NUMBER_HINT,
    });
    const noNames = {
      agent: () => undefined,
      group: () => undefined,
      category: () => undefined,
      service: () => undefined,
      contact: () => undefined,
    };
    expect(formatFieldValue('number', 7, noNames)).toBe('INC-7');
  });
});
