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
  'goal',
  'rule',
  'template',
  'notification',
  'notificationSettings',
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
/** Values the desk writes nest a few levels (a payload holding a list of objects); 32 leaves room to grow. */
export const MAX_CHANGE_VALUE_DEPTH = 32;

/**
 * Whether `value` nests no deeper than `limit`, found without recursion: the recursive checks that follow
 * (the value schema, JSON.stringify) would overflow the stack on a value nested thousands deep.
 */
export function nestsWithin(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length; depth++) {
    const next: unknown[] = [];
    for (const item of level) {
      if (item === null || typeof item !== 'object') continue;
      if (depth >= limit) return false;
      // One at a time: spreading a huge array into push() would overflow the stack in its own way.
      for (const inner of Array.isArray(item) ? item : Object.values(item)) next.push(inner);
    }
    level = next;
  }
  return true;
}

const changeValue = z
  .unknown()
  .refine((value) => nestsWithin(value, MAX_CHANGE_VALUE_DEPTH), {
    message: `must nest at most ${MAX_CHANGE_VALUE_DEPTH} levels deep`,
    abort: true,
  })
  .pipe(
    jsonValue.refine((value) => JSON.stringify(value).length <= MAX_CHANGE_VALUE_BYTES, {
      message: `must be at most ${MAX_CHANGE_VALUE_BYTES} bytes of JSON`,
    }),
  );

/**
 * Whether text holds no control character and no half of a surrogate pair: PostgreSQL's text holds no NUL,
 * neither database can store half a character, and an id or a name has no use for the others.
 */
export function isPlainText(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
    if (code >= 0xdc00 && code <= 0xdfff) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i += 1;
    }
  }
  return true;
}

/** Device ids: plain ASCII, compared byte by byte in SQL and code unit by code unit in JavaScript alike. */
export const deviceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'must be a device id (letters, digits, . _ : -)' });

/**
 * Ids as this app writes them, in lower case: PostgreSQL compares uuids without regard to case, the
 * workstations' SQLite compares text, and the two would disagree about which changes are the same.
 */
const lowerUuid = z.uuid().regex(/^[^A-F]*$/, { message: 'must be written in lower case' });

export const changeSchema = z.strictObject({
  id: lowerUuid,
  hlc: z.string().refine(isHlcString, { message: 'must be a clock stamp' }),
  // Plain ASCII: only for ASCII do the byte order of SQL and the code unit order of JavaScript agree.
  device: deviceIdSchema,
  actor: lowerUuid.nullable(),
  entity: z.enum(ENTITY_KINDS),
  entityId: z
    .string()
    .min(1)
    .max(64)
    .refine(isPlainText, { message: 'must be printable text (no control characters)' }),
  op: z.enum(CHANGE_OPS),
  field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/),
  value: changeValue,
});
