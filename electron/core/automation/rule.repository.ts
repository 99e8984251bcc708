import type { Selectable } from 'kysely';
import { z } from 'zod';
import { actionSchema } from '#shared/domain/rule-actions.ts';
import type { RuleListing } from '#shared/domain/automation-rules.ts';
import { conditionSchema } from '#shared/domain/rule-conditions.ts';
import { isTimeTrigger, triggerSchema } from '#shared/domain/rule-triggers.ts';
import type { AutomationRuleTable } from '#core/store/schema.ts';
import type { Db } from '#core/store/store.ts';

/** SQL for rules: the `automation_rule` projection, read only here (writes go through the change recorder). */
type RuleRow = Selectable<AutomationRuleTable>;

/** A rule as stored, with why it cannot be run here (written by a newer version of the desk, say). */
export type StoredRule = RuleListing;

function parsed<T>(schema: z.ZodType<T>, json: string): T | null {
  try {
    const result = schema.safeParse(JSON.parse(json));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

const conditionsSchema = z.array(conditionSchema);
const actionsSchema = z.array(actionSchema);

/**
 * Rules arrive from other workstations, possibly from a newer version of the desk with triggers or actions this
 * one does not know: such a rule is listed with the reason and never run, rather than run half understood.
 */
export function ruleRowToModel(row: RuleRow): StoredRule {
  const trigger = parsed(triggerSchema, row.trigger);
  const conditions = parsed(conditionsSchema, row.conditions);
  const actions = parsed(actionsSchema, row.actions);
  const readable = trigger !== null && conditions !== null && actions !== null;
  return {
    id: row.id,
    name: row.name,
    enabled: Boolean(Number(row.enabled)),
    position: Number(row.position),
    trigger: trigger ?? { type: 'note_added' },
    conditions: conditions ?? [],
    actions: actions ?? [],
    builtIn: row.built_in,
    unreadable: readable ? null : 'This rule uses something this version of Incident Desk does not know; update it.',
  };
}

/** Every rule that is not deleted, in the order they run. */
export async function listRules(db: Db): Promise<StoredRule[]> {
  const rows = await db
    .selectFrom('automation_rule')
    .selectAll()
    .where('deleted', '=', 0)
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(ruleRowToModel);
}

export async function findRule(db: Db, id: string): Promise<StoredRule | null> {
  const row = await db
    .selectFrom('automation_rule')
    .selectAll()
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row ? ruleRowToModel(row) : null;
}

/** The rules that run: enabled and understood, of the kind asked for, in order. */
export async function activeRules(db: Db, kind: 'event' | 'time'): Promise<StoredRule[]> {
  return (await listRules(db)).filter(
    (rule) => rule.enabled && rule.unreadable === null && isTimeTrigger(rule.trigger) === (kind === 'time'),
  );
}

/** Where a new rule goes: after the last one. */
export async function nextRulePosition(db: Db): Promise<number> {
  const row = await db
    .selectFrom('automation_rule')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return Math.floor(Number(row?.last ?? 0)) + 1;
}
