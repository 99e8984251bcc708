import { v7 as uuidv7 } from 'uuid';
import { DeskError } from '#shared/errors.ts';
import type { saveGoalInput } from '#shared/domain/goals.ts';
import type { z } from 'zod';
import { findAgent, findGroup } from '../reference/reference.repository.ts';
import { recordFieldChanges } from '../store/record-fields.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import { findGoal } from './goal.repository.ts';

type SaveGoalCommand = z.output<typeof saveGoalInput>;

/** Sets or changes a goal; the group or agent it is for must exist. Answers the goal's id. */
export async function saveGoal(db: Db, recorder: ChangeRecorder, command: SaveGoalCommand): Promise<string> {
  if (command.scope === 'group' && !(await findGroup(db, command.scopeId!))) {
    throw new DeskError('invalid_input', `No group with id ${command.scopeId} in this workspace.`);
  }
  if (command.scope === 'agent' && !(await findAgent(db, command.scopeId!))) {
    throw new DeskError('invalid_input', `No agent with id ${command.scopeId} in this workspace.`);
  }
  const current = command.id ? await findGoal(db, command.id) : null;
  if (command.id && !current) throw new DeskError('not_found', `No goal with id ${command.id}.`);
  const id = command.id ?? uuidv7();
  recordFieldChanges(recorder, 'goal', id, current ? { ...current, deleted: false } : null, {
    kpi: command.kpi,
    target: command.target,
    scope: command.scope,
    scopeId: command.scopeId,
    period: command.period,
    deleted: false,
  });
  return id;
}

export async function deleteGoal(db: Db, recorder: ChangeRecorder, id: string): Promise<boolean> {
  if (!(await findGoal(db, id))) return false;
  recorder.set('goal', id, 'deleted', true);
  return true;
}
