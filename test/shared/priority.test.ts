import { describe, expect, it } from 'vitest';
import { LEVELS } from '#shared/domain/enums.ts';
import {
  DEFAULT_PRIORITY_MATRIX,
  effectivePriority,
  priorityFor,
  priorityMatrixSchema,
} from '#shared/domain/priority.ts';
import type { PriorityMatrix } from '#shared/domain/priority.ts';

/** ServiceNow's default matrix, as agents read it: impact down, urgency across. */
const SERVICENOW = [
  { impact: 1, urgency: 1, priority: 1 },
  { impact: 1, urgency: 2, priority: 2 },
  { impact: 1, urgency: 3, priority: 3 },
  { impact: 2, urgency: 1, priority: 2 },
  { impact: 2, urgency: 2, priority: 3 },
  { impact: 2, urgency: 3, priority: 4 },
  { impact: 3, urgency: 1, priority: 3 },
  { impact: 3, urgency: 2, priority: 4 },
  { impact: 3, urgency: 3, priority: 5 },
] as const;

describe('priority matrix', () => {
  for (const { impact, urgency, priority } of SERVICENOW) {
    it(`impact ${impact} and urgency ${urgency} give priority ${priority} by default`, () => {
      expect(priorityFor(DEFAULT_PRIORITY_MATRIX, impact, urgency)).toBe(priority);
      expect(effectivePriority(DEFAULT_PRIORITY_MATRIX, impact, urgency, null)).toBe(priority);
    });
  }

  it('reads a custom matrix cell by cell', () => {
    const custom: PriorityMatrix = {
      cells: [
        [1, 1, 2],
        [2, 3, 3],
        [4, 5, 5],
      ],
    };
    for (const impact of LEVELS) {
      for (const urgency of LEVELS) {
        expect(priorityFor(custom, impact, urgency)).toBe(custom.cells[impact - 1]![urgency - 1]);
      }
    }
  });

  it('lets an override win over every cell', () => {
    for (const { impact, urgency } of SERVICENOW) {
      for (const priority of [1, 2, 3, 4, 5] as const) {
        expect(
          effectivePriority(DEFAULT_PRIORITY_MATRIX, impact, urgency, { priority, reason: 'CEO is affected' }),
        ).toBe(priority);
      }
    }
  });

  it('refuses a level outside the scale', () => {
    expect(() => priorityFor(DEFAULT_PRIORITY_MATRIX, 4 as 1, 1)).toThrow(RangeError);
    expect(() => priorityFor(DEFAULT_PRIORITY_MATRIX, 1, 0 as 1)).toThrow(RangeError);
  });

  it('accepts only a full 3×3 matrix of priorities 1 to 5', () => {
    expect(priorityMatrixSchema.safeParse(DEFAULT_PRIORITY_MATRIX).success).toBe(true);
    const bad = [
      {
        cells: [
          [1, 2, 3],
          [2, 3, 4],
        ],
      },
      {
        cells: [
          [1, 2, 3],
          [2, 3, 4],
          [3, 4],
        ],
      },
      {
        cells: [
          [1, 2, 3],
          [2, 3, 4],
          [3, 4, 6],
        ],
      },
      {
        cells: [
          [0, 2, 3],
          [2, 3, 4],
          [3, 4, 5],
        ],
      },
      {
        cells: [
          [1, 2, 3],
          [2, '3', 4],
          [3, 4, 5],
        ],
      },
      {
        cells: [
          [1, 2, 3],
          [2, 3, 4],
          [3, 4, 5],
          [5, 5, 5],
        ],
      },
      { cells: DEFAULT_PRIORITY_MATRIX.cells, extra: true },
    ];
    for (const matrix of bad)
      expect(priorityMatrixSchema.safeParse(matrix).success, JSON.stringify(matrix)).toBe(false);
  });
});
