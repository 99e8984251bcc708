import { z } from 'zod';
import { agentRole } from './enums.ts';
import type { AgentRole } from './enums.ts';
import { serviceSubscribersSchema } from './notices.ts';
import type { ServiceSubscribers } from './notices.ts';
import { emailSchema, idSchema, optionalText, requiredText } from './schemas.ts';

export interface Agent {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: AgentRole;
  readonly groupIds: readonly string[];
  readonly active: boolean;
}

export interface Group {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

export interface Contact {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly organisation: string | null;
}

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly subcategories: readonly string[];
  /** The group that usually takes incidents of this category: the inbox suggests it. */
  readonly groupId: string | null;
}

export interface Service {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Who is told of a disruption of it ("Notify affected" on an incident that affects it). */
  readonly subscribers: ServiceSubscribers;
}

export const saveAgentInput = z.strictObject({
  id: idSchema.optional(),
  name: requiredText('Name', 120),
  email: emailSchema,
  role: agentRole.schema,
  groupIds: z.array(idSchema).max(50),
  active: z.boolean(),
});
export type SaveAgentInput = z.infer<typeof saveAgentInput>;

export const saveGroupInput = z.strictObject({
  id: idSchema.optional(),
  name: requiredText('Name', 120),
  description: optionalText('Description', 1000),
});
export type SaveGroupInput = z.infer<typeof saveGroupInput>;

const optionalContactText = (label: string, max: number) =>
  optionalText(label, max)
    .nullable()
    .transform((value) => (value ? value : null));

export const saveContactInput = z.strictObject({
  id: idSchema.optional(),
  name: requiredText('Name', 120),
  email: emailSchema.nullable(),
  phone: optionalContactText('Phone', 40),
  organisation: optionalContactText('Organisation', 120),
});
export type SaveContactInput = z.input<typeof saveContactInput>;

export const saveCategoryInput = z.strictObject({
  id: idSchema.optional(),
  name: requiredText('Name', 120),
  subcategories: z.array(requiredText('Subcategory', 120)).max(100),
  /** Left out: unchanged (a new category has none). */
  groupId: idSchema.nullable().optional(),
});
export type SaveCategoryInput = z.infer<typeof saveCategoryInput>;

export const saveServiceInput = z.strictObject({
  id: idSchema.optional(),
  name: requiredText('Name', 120),
  description: optionalText('Description', 1000),
  /** Left out keeps who is subscribed now. */
  subscribers: serviceSubscribersSchema.optional(),
});
export type SaveServiceInput = z.infer<typeof saveServiceInput>;

export const searchContactsInput = z.strictObject({
  text: optionalText('Search', 200),
  limit: z.number().int().min(1).max(50).default(10),
});
export type SearchContactsInput = z.input<typeof searchContactsInput>;
