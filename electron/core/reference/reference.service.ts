import { v7 as uuidv7 } from 'uuid';
import { DeskError } from '#shared/errors.ts';
import type { EntityKind, JsonValue } from '#shared/change.ts';
import { normalisePhone, phoneSearchKeys } from '#shared/domain/phone.ts';
import type { PriorityMatrix } from '#shared/domain/priority.ts';
import type {
  Agent,
  Category,
  Contact,
  Group,
  SaveAgentInput,
  SaveCategoryInput,
  SaveGroupInput,
  SaveServiceInput,
  Service,
} from '#shared/domain/reference.ts';
import { recordFieldChanges } from '../store/record-fields.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import {
  findAgent,
  findAgentByEmail,
  findCategory,
  findContact,
  findGroup,
  findService,
  PRIORITY_MATRIX_SETTING,
} from './reference.repository.ts';

type Fields = Record<string, JsonValue>;

async function existing<T>(
  find: (db: Db, id: string) => Promise<T | null>,
  db: Db,
  id: string | undefined,
  what: string,
): Promise<{ id: string; current: T | null }> {
  if (id === undefined) return { id: uuidv7(), current: null };
  const current = await find(db, id);
  if (!current) throw new DeskError('not_found', `No ${what} with id ${id}.`);
  return { id, current };
}

function save<T>(
  recorder: ChangeRecorder,
  entity: EntityKind,
  target: { id: string; current: T | null },
  fields: Fields,
): void {
  recordFieldChanges(recorder, entity, target.id, target.current as object | null, fields);
}

export async function saveAgent(db: Db, recorder: ChangeRecorder, input: SaveAgentInput): Promise<string> {
  const target = await existing<Agent>(findAgent, db, input.id, 'agent');
  const sameEmail = await findAgentByEmail(db, input.email);
  if (sameEmail && sameEmail.id !== target.id) {
    throw new DeskError(
      'conflict',
      `${sameEmail.name} already uses ${input.email}. Each agent needs their own email.`,
      { field: 'email' },
    );
  }
  for (const groupId of input.groupIds) {
    if (!(await findGroup(db, groupId))) throw new DeskError('invalid_input', `No group with id ${groupId}.`);
  }
  const { id: _id, ...fields } = input;
  save(recorder, 'agent', target, { ...fields, groupIds: [...new Set(fields.groupIds)] });
  return target.id;
}

export async function saveGroup(db: Db, recorder: ChangeRecorder, input: SaveGroupInput): Promise<string> {
  const target = await existing<Group>(findGroup, db, input.id, 'group');
  const { id: _id, ...fields } = input;
  save(recorder, 'group', target, fields);
  return target.id;
}

export async function saveContact(
  db: Db,
  recorder: ChangeRecorder,
  input: Omit<Contact, 'id'> & { id?: string | undefined },
): Promise<string> {
  const target = await existing<Contact>(findContact, db, input.id, 'contact');
  const { id: _id, ...fields } = input;
  const phone = fields.phone === null ? null : normalisePhone(fields.phone);
  save(recorder, 'contact', target, { ...fields, phone });
  // The digits a search finds the number by go with the number (they are a function of it).
  if (!target.current || target.current.phone !== phone) {
    recorder.set('contact', target.id, 'phoneKeys', phone === null ? null : phoneSearchKeys(phone).join(' '));
  }
  return target.id;
}

export async function saveCategory(db: Db, recorder: ChangeRecorder, input: SaveCategoryInput): Promise<string> {
  const target = await existing<Category>(findCategory, db, input.id, 'category');
  const { id: _id, groupId, ...fields } = input;
  if (groupId && !(await findGroup(db, groupId))) throw new DeskError('invalid_input', `No group with id ${groupId}.`);
  save(recorder, 'category', target, {
    ...fields,
    subcategories: [...new Set(fields.subcategories)],
    ...(groupId === undefined ? {} : { groupId }),
  });
  return target.id;
}

export async function saveService(db: Db, recorder: ChangeRecorder, input: SaveServiceInput): Promise<string> {
  const target = await existing<Service>(findService, db, input.id, 'service');
  const { id: _id, subscribers, ...fields } = input;
  if (subscribers) {
    for (const contactId of subscribers.contactIds) {
      if (!(await findContact(db, contactId)))
        throw new DeskError('invalid_input', `subscribers: no contact with id ${contactId}.`);
    }
  }
  const next: Fields = { ...fields };
  if (subscribers) {
    next.subscribers = {
      contactIds: [...new Set(subscribers.contactIds)],
      organisations: [...new Set(subscribers.organisations)],
    };
  }
  save(recorder, 'service', target, next);
  return target.id;
}

export function savePriorityMatrix(recorder: ChangeRecorder, matrix: PriorityMatrix): void {
  recorder.set('setting', PRIORITY_MATRIX_SETTING, 'value', { cells: matrix.cells.map((row) => [...row]) });
}
