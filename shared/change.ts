import { z } from 'zod';
import { isHlcString } from './hlc.ts';

/**
 * Every write is a change (DESIGN §3): `set` one field of one entity, or `append` an event to an entity's
 * timeline. Changes are stamped with a hybrid logical clock and the device that made them; the same function
 * applies local and remote changes, in any order, any number of times, to the same end state.
 */
export const ENTITY_KINDS = [
  'incident',
  'agent',
  'group',
  'contact',
  'category',
  'service',
  'setting',
  'view',
  'message',
  'mailbox',
  'outgoing',
  'calendar',
  'slaPolicy',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const CHANGE_OPS = ['set', 'append'] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface Change {
  readonly id: string;
  readonly hlc: string;
  readonly device: string;
  /** The agent on whose behalf the change was made; null for the system (imports, automation, seeds). */
  readonly actor: string | null;
  readonly entity: EntityKind;
  readonly entityId: string;
  readonly op: ChangeOp;
  /** For `set`, the field; for `append`, the event type. */
  readonly field: string;
  readonly value: JsonValue;
}

/** A change as both stores keep it in their `change` tables (the value parsed from its JSON). */
export interface ChangeRow {
  readonly id: string;
  readonly hlc: string;
  readonly device: string;
  readonly actor: string | null;
  readonly entity: string;
  readonly entity_id: string;
  readonly op: string;
  readonly field: string;
  readonly value: JsonValue;
}

/** A stored row as the change it records; rows come from our own tables, which only ever hold valid changes. */
export function changeFromRow(row: ChangeRow): Change {
  return {
    id: row.id,
    hlc: row.hlc,
    device: row.device,
    actor: row.actor,
    entity: row.entity as EntityKind,
    entityId: row.entity_id,
    op: row.op as ChangeOp,
    field: row.field,
    value: row.value,
  };
}

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

/** A change's value stays small: a field, a note, an email body reference, never a file. */
export const MAX_CHANGE_VALUE_BYTES = 65_536;

export const changeSchema = z.strictObject({
  id: z.uuid(),
  hlc: z.string().refine(isHlcString, { message: 'must be a clock stamp' }),
  // Plain ASCII: device ids are compared byte by byte in SQL and code unit by code unit in JavaScript, and
  // only for ASCII do the two orders agree.
  device: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'must be a device id (letters, digits, . _ : -)' }),
  actor: z.uuid().nullable(),
  entity: z.enum(ENTITY_KINDS),
  entityId: z.string().min(1).max(64),
  op: z.enum(CHANGE_OPS),
  field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/),
  value: jsonValue.refine((value) => JSON.stringify(value).length <= MAX_CHANGE_VALUE_BYTES, {
    message: `must be at most ${MAX_CHANGE_VALUE_BYTES} bytes of JSON`,
  }),
});
