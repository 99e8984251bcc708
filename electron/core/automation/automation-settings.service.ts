import { v7 as uuidv7 } from 'uuid';
import type { JsonValue } from '#shared/change.ts';
import { DeskError } from '#shared/errors.ts';
import type { MoveRuleInput, SaveRuleCommand } from '#shared/domain/automation-rules.ts';
import type { RuleAction } from '#shared/domain/rule-actions.ts';
import type { SaveTemplateInput } from '#shared/domain/templates.ts';
import { findAgent, findCategory, findGroup, findService } from '#core/reference/reference.repository.ts';
import { recordFieldChanges } from '#core/store/record-fields.ts';
import type { ChangeRecorder, Db } from '#core/store/store.ts';
import { findRule, listRules, nextRulePosition } from './rule.repository.ts';
import { findTemplate, listTemplates } from './template.repository.ts';

/**
 * Supervisors' edits of rules and templates (Settings → Automation, Settings → Templates): checked against the
 * workspace as it is (every id a rule names must exist), then recorded as field changes like any entity.
 */
async function checkActionReferences(db: Db, actions: readonly RuleAction[]): Promise<void> {
  const missing = async (
    what: string,
    id: string | null | undefined,
    find: (db: Db, id: string) => Promise<unknown>,
  ) => {
    if (id && !(await find(db, id))) throw new DeskError('invalid_input', `actions: no ${what} with id ${id}.`);
  };
  for (const action of actions) {
    if (action.type === 'assign') {
      await missing('agent', action.agentId, findAgent);
      await missing('group', action.groupId, findGroup);
    } else if (action.type === 'set_field' && typeof action.value === 'string') {
      await missing(
        action.field === 'categoryId' ? 'category' : 'service',
        action.value,
        action.field === 'categoryId' ? findCategory : findService,
      );
    } else if (action.type === 'send_template') {
      await missing('template', action.templateId, findTemplate);
      for (const agentId of action.agentIds) await missing('agent', agentId, findAgent);
    }
  }
}

export async function saveRule(db: Db, recorder: ChangeRecorder, input: SaveRuleCommand): Promise<string> {
  const current = input.id ? await findRule(db, input.id) : null;
  if (input.id && !current) throw new DeskError('not_found', `No rule with id ${input.id}.`);
  await checkActionReferences(db, input.actions);
  const id = input.id ?? uuidv7();
  const fields: Record<string, JsonValue> = {
    name: input.name,
    enabled: input.enabled,
    trigger: input.trigger as unknown as JsonValue,
    conditions: input.conditions as unknown as JsonValue,
    actions: input.actions as unknown as JsonValue,
  };
  if (!current) fields.position = await nextRulePosition(db);
  recordFieldChanges(recorder, 'rule', id, current, fields);
  return id;
}

export async function deleteRule(db: Db, recorder: ChangeRecorder, id: string): Promise<void> {
  if (!(await findRule(db, id))) throw new DeskError('not_found', `No rule with id ${id}.`);
  recorder.set('rule', id, 'deleted', true);
}

/** Swaps a rule with its neighbour: rules run in order, and supervisors arrange it. */
export async function moveRule(db: Db, recorder: ChangeRecorder, input: MoveRuleInput): Promise<void> {
  const rules = await listRules(db);
  const index = rules.findIndex((rule) => rule.id === input.id);
  if (index < 0) throw new DeskError('not_found', `No rule with id ${input.id}.`);
  const other = rules[input.direction === 'up' ? index - 1 : index + 1];
  if (!other) return;
  const rule = rules[index]!;
  // Equal positions (two rules added on two workstations offline) are pulled apart as they are swapped.
  const [a, b] =
    rule.position === other.position ? [rule.position, rule.position + 0.5] : [rule.position, other.position];
  const [upper, lower] = input.direction === 'up' ? [rule, other] : [other, rule];
  recorder.set('rule', upper.id, 'position', Math.min(a, b));
  recorder.set('rule', lower.id, 'position', Math.max(a, b));
}

export async function saveTemplate(
  db: Db,
  recorder: ChangeRecorder,
  input: SaveTemplateInput & { subject: string; body: string; name: string },
): Promise<string> {
  const current = input.id ? await findTemplate(db, input.id) : null;
  if (input.id && !current) throw new DeskError('not_found', `No template with id ${input.id}.`);
  const sameName = (await listTemplates(db)).find(
    (template) => template.name.toLowerCase() === input.name.toLowerCase() && template.id !== input.id,
  );
  if (sameName)
    throw new DeskError('conflict', `There is a template named “${sameName.name}” already.`, { field: 'name' });
  const id = input.id ?? uuidv7();
  recordFieldChanges(recorder, 'template', id, current, { name: input.name, subject: input.subject, body: input.body });
  return id;
}

/** A template rules still send cannot go: the rule would have nothing to send. */
export async function deleteTemplate(db: Db, recorder: ChangeRecorder, id: string): Promise<void> {
  const template = await findTemplate(db, id);
  if (!template) throw new DeskError('not_found', `No template with id ${id}.`);
  const users = (await listRules(db)).filter((rule) =>
    rule.actions.some((action) => action.type === 'send_template' && action.templateId === id),
  );
  if (users.length) {
    throw new DeskError(
      'conflict',
      `“${template.name}” is sent by ${users.map((rule) => `“${rule.name}”`).join(', ')}; change those rules first.`,
    );
  }
  recorder.set('template', id, 'deleted', true);
}
