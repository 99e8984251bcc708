import { LEVELS } from '#shared/domain/enums.ts';
import type { Level, Priority } from '#shared/domain/enums.ts';
import type { PriorityMatrix } from '#shared/domain/priority.ts';

/** A matrix being edited: a copy of the cells with one changed. */
export function withCell(matrix: PriorityMatrix, impact: Level, urgency: Level, priority: Priority): PriorityMatrix {
  return {
    cells: matrix.cells.map((row, i) =>
      row.map((cell, j) => (i === impact - 1 && j === urgency - 1 ? priority : cell)),
    ),
  };
}

export function sameMatrix(a: PriorityMatrix, b: PriorityMatrix): boolean {
  return LEVELS.every((impact) =>
    LEVELS.every((urgency) => a.cells[impact - 1]?.[urgency - 1] === b.cells[impact - 1]?.[urgency - 1]),
  );
}

/** The contract wants exactly three rows of three. */
export function matrixInput(matrix: PriorityMatrix) {
  const row = (i: number) => {
    const cells = matrix.cells[i]!;
    return [cells[0]!, cells[1]!, cells[2]!] as [Priority, Priority, Priority];
  };
  return {
    cells: [row(0), row(1), row(2)] as [ReturnType<typeof row>, ReturnType<typeof row>, ReturnType<typeof row>],
  };
}
