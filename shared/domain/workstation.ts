import { z } from 'zod';
import type { JsonValue } from '../change.ts';
import { channel, levelSchema } from './enums.ts';
import { idSchema } from './schemas.ts';

/**
 * What one agent keeps on one workstation and never shares with the team: drafts of work not sent yet, and
 * how they like their screens. Kept in the workspace (so a restart or a reload finds them), never synced.
 */

/**
 * Drafts are named by what they will become: the new incident being written, or an incident's title and
 * description edits, its next internal note, its next reply, what the resolution dialog holds.
 */
export const DRAFT_PARTS = ['summary', 'note', 'reply', 'resolution'] as const;
export type DraftPart = (typeof DRAFT_PARTS)[number];
export const NEW_INCIDENT_DRAFT = 'new-incident';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const DRAFT_KEY = new RegExp(`^(?:${NEW_INCIDENT_DRAFT}|incident:${UUID}:(?:${DRAFT_PARTS.join('|')}))$`);

export function incidentDraftKey(incidentId: string, part: DraftPart): string {
  return `incident:${incidentId}:${part}`;
}

export const draftKeySchema = z.string().regex(DRAFT_KEY, {
  message: `must name a draft (${NEW_INCIDENT_DRAFT}, or incident:<id>:${DRAFT_PARTS.join('|')})`,
});

const text = (max: number) => z.string().max(max);
const ref = idSchema.nullable();

/** What each kind of draft holds: the form's own values, checked like the form itself would be sent. */
const DRAFT_VALUES = {
  'new-incident': z
    .strictObject({
      title: text(200),
      description: text(20_000),
      channel: channel.schema,
      reporterId: ref,
      categoryId: ref,
      subcategory: text(120).nullable(),
      serviceId: ref,
      impact: levelSchema,
      urgency: levelSchema,
      groupId: ref,
      assigneeId: ref,
    })
    .partial(),
  summary: z.strictObject({ title: text(200), description: text(20_000) }).partial(),
  note: z.strictObject({ body: text(20_000) }),
  reply: z.strictObject({ body: text(20_000) }),
  resolution: z
    .strictObject({ resolutionCode: text(40).nullable(), cause: text(2_000), notes: text(20_000) })
    .partial(),
} as const;

function draftValueSchema(key: string) {
  if (key === NEW_INCIDENT_DRAFT) return DRAFT_VALUES['new-incident'];
  return DRAFT_VALUES[key.slice(key.lastIndexOf(':') + 1) as DraftPart];
}

export const draftKeyInput = z.strictObject({ key: draftKeySchema });
export const saveDraftInput = z
  .strictObject({ key: draftKeySchema, value: z.record(z.string(), z.unknown()) })
  .transform((input, context) => {
    const parsed = draftValueSchema(input.key).safeParse(input.value);
    if (parsed.success) return { key: input.key, value: parsed.data as Record<string, JsonValue> };
    for (const issue of parsed.error.issues) {
      context.addIssue({ code: 'custom', message: issue.message, path: ['value', ...issue.path] });
    }
    return z.NEVER;
  });

export interface Draft {
  readonly key: string;
  readonly value: Readonly<Record<string, JsonValue>>;
  readonly savedAt: string;
}

/** The queue's columns, by id, in the order the agent wants them (the title is always shown). */
export const queueColumnsSchema = z.array(z.string().regex(/^[a-z][a-zA-Z0-9-]{0,39}$/)).max(40);

export const preferencesSchema = z.strictObject({
  queueColumns: queueColumnsSchema.optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;
