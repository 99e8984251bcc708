import { z } from 'zod';
import { headerText } from './mail-header.ts';
import { idSchema, optionalText } from './schemas.ts';
import { templateProblems } from './templates.ts';

/**
 * Service disruption notices (DESIGN §1, investigation): from an incident that affects a service, the people
 * and organisations subscribed to that service (Settings → Services) are told of the disruption, then given
 * updates, then the all-clear, each from a template. Each subscriber gets a mail of their own (nobody sees who
 * else is told); the incident's timeline shows one entry per notice with how many went.
 */
export const NOTICE_KINDS = ['notice', 'update', 'all_clear'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  notice: 'Disruption notice',
  update: 'Update',
  all_clear: 'All-clear',
};

/** The most subscribers one notice goes to: past this, a mailing list is the right tool. */
export const MAX_NOTICE_RECIPIENTS = 500;

/** Who a service tells: contacts by id, and every contact of an organisation by its name. */
export interface ServiceSubscribers {
  readonly contactIds: readonly string[];
  readonly organisations: readonly string[];
}

export const serviceSubscribersSchema = z.strictObject({
  contactIds: z.array(idSchema).max(MAX_NOTICE_RECIPIENTS).default([]),
  organisations: z.array(z.string().trim().min(1).max(120)).max(100).default([]),
});

export const saveSubscribersInput = z.strictObject({ serviceId: idSchema, subscribers: serviceSubscribersSchema });
export type SaveSubscribersInput = z.input<typeof saveSubscribersInput>;

const noUnknownPlaceholders = (text: string, context: z.RefinementCtx) => {
  for (const problem of templateProblems(text)) context.addIssue({ code: 'custom', message: problem.message });
};

/** A notice from a template; the subject and text as the agent edited them, or the template's when left out. */
export const notifyAffectedInput = z.strictObject({
  incidentId: idSchema,
  kind: z.enum(NOTICE_KINDS),
  templateId: idSchema,
  subject: headerText('Subject', 300).superRefine(noUnknownPlaceholders).optional(),
  text: optionalText('Text', 20_000).superRefine(noUnknownPlaceholders).optional(),
});
export type NotifyAffectedInput = z.input<typeof notifyAffectedInput>;

/** Who a notice about this incident would reach, for the dialog to say before it is sent. */
export interface NoticeAudience {
  readonly serviceId: string | null;
  readonly serviceName: string | null;
  readonly recipients: readonly { readonly address: string; readonly name: string }[];
  /** Why nobody would be told, in words (no affected service, no subscribers with an address). */
  readonly problem: string | null;
}
