import { v7 as uuidv7 } from 'uuid';
import type { MoveSlaPolicyInput, SaveSlaPolicyCommand } from '#shared/domain/sla-settings.ts';
import { DeskError } from '#shared/errors.ts';
import { ruleNamesText, rulesNamingPolicy } from '#shared/domain/policy-uses.ts';
import { listRules } from '#core/automation/rule.repository.ts';
import { findCategory, findService } from '../reference/reference.repository.ts';
import { recordFieldChanges } from '../store/record-fields.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import { findCalendar } from './calendar.repository.ts';
import { findSlaPolicy, listSlaPolicies } from './sla-policy.repository.ts';

async function checkPointers(db: Db, command: SaveSlaPolicyCommand): Promise<void> {
  const calendar = await findCalendar(db, command.calendarId);
  if (!calendar || calendar.deleted) throw new DeskError('invalid_input', `No calendar with id ${command.calendarId}.`);
  for (const id of command.conditions.categoryIds) {
    if (!(await findCategory(db, id))) throw new DeskError('invalid_input', `No category with id ${id}.`);
  }
  for (const id of command.conditions.serviceIds) {
    if (!(await findService(db, id))) throw new DeskError('invalid_input', `No service with id ${id}.`);
  }
}

/** Saves a policy; a new one goes last in the order (before it, every existing policy is tried first). */
export async function saveSlaPolicy(db: Db, recorder: ChangeRecorder, command: SaveSlaPolicyCommand): Promise<string> {
  const current = command.id === undefined ? null : await findSlaPolicy(db, command.id);
  if (command.id !== undefined && !current) throw new DeskError('not_found', `No SLA policy with id ${command.id}.`);
  await checkPointers(db, command);
  const id = command.id ?? uuidv7();
  const fields = {
    name: command.name,
    conditions: command.conditions,
    targets: command.targets,
    calendarId: command.calendarId,
    pauseStatuses: command.pauseStatuses,
    deleted: false,
  };
  if (!current) {
    const last = (await listSlaPolicies(db)).at(-1);
    recordFieldChanges(recorder, 'slaPolicy', id, null, { ...fields, position: (last?.position ?? 0) + 1 });
  } else {
    recordFieldChanges(recorder, 'slaPolicy', id, { ...current, deleted: false }, fields);
  }
  return id;
}

/**
 * Moves a policy one place up or down. Its place is a number of its own, so moving writes two positions;
 * policies made offline at the same time can share one, and the order is then numbered afresh first.
 */
export async function moveSlaPolicy(db: Db, recorder: ChangeRecorder, command: MoveSlaPolicyInput): Promise<void> {
  const policies = await listSlaPolicies(db);
  const at = policies.findIndex((policy) => policy.id === command.id);
  if (at < 0) throw new DeskError('not_found', `No SLA policy with id ${command.id}.`);
  const other = command.direction === 'up' ? at - 1 : at + 1;
  if (other < 0 || other >= policies.length) return;
  let positions = policies.map((policy) => policy.position);
  if (new Set(positions).size !== positions.length) {
    positions = policies.map((_, index) => index + 1);
    policies.forEach((policy, index) => {
      if (policy.position !== positions[index]) recorder.set('slaPolicy', policy.id, 'position', positions[index]!);
    });
  }
  recorder.set('slaPolicy', policies[at]!.id, 'position', positions[other]!);
  recorder.set('slaPolicy', policies[other]!.id, 'position', positions[at]!);
}

/** Deletes a policy no rule names; the incidents it applied to take the next policy that matches, if any. */
export async function deleteSlaPolicy(db: Db, recorder: ChangeRecorder, id: string): Promise<boolean> {
  const policy = await findSlaPolicy(db, id);
  if (!policy) return false;
  const rules = rulesNamingPolicy(await listRules(db), id);
  if (rules.length) {
    throw new DeskError(
      'conflict',
      `${policy.name} is named by ${ruleNamesText(rules)}; change ${rules.length > 1 ? 'them' : 'it'} under Automation first.`,
    );
  }
  recorder.set('slaPolicy', id, 'deleted', true);
  return true;
}
