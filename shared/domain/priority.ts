import { z } from 'zod';
import { prioritySchema } from './enums.ts';
import type { Level, Priority } from './enums.ts';

/** `cells[impact - 1][urgency - 1]` is the priority for that impact and urgency. */
export interface PriorityMatrix {
  readonly cells: readonly (readonly Priority[])[];
}

const rowSchema = z.tuple([prioritySchema, prioritySchema, prioritySchema]);
export const priorityMatrixSchema = z.strictObject({ cells: z.tuple([rowSchema, rowSchema, rowSchema]) });

/** ServiceNow's default: High/High is 1 - Critical, Low/Low is 5 - Planning. */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = {
  cells: [
    [1, 2, 3],
    [2, 3, 4],
    [3, 4, 5],
  ],
};

export function priorityFor(matrix: PriorityMatrix, impact: Level, urgency: Level): Priority {
  const row = matrix.cells[impact - 1];
  const cell = row?.[urgency - 1];
  if (cell === undefined) throw new RangeError(`No priority for impact ${impact}, urgency ${urgency}`);
  return cell;
}

export interface PriorityOverride {
  readonly priority: Priority;
  readonly reason: string;
}

/** The priority an incident shows: an override (which always carries its reason) wins over the matrix. */
export function effectivePriority(
  matrix: PriorityMatrix,
  impact: Level,
  urgency: Level,
  override: PriorityOverride | null,
): Priority {
  return override ? override.priority : priorityFor(matrix, impact, urgency);
}
