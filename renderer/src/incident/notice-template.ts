import type { NoticeKind } from '#shared/domain/notices.ts';
import type { MailTemplate } from '#shared/domain/templates.ts';

/** Words in a template's name that say which notice it is for (the defaults: "Disruption notice", …). */
const NAME_HINTS: Record<NoticeKind, RegExp> = {
  notice: /notice|disruption/i,
  update: /update/i,
  all_clear: /all[- ]?clear|resolved|over/i,
};

/** The template a notice of this kind starts from: one named for it, else none (the agent chooses). */
export function noticeTemplateFor(kind: NoticeKind, templates: readonly MailTemplate[]): MailTemplate | null {
  // The more specific kinds first: "Disruption update" is an update, though it says "disruption" too.
  const others = (Object.keys(NAME_HINTS) as NoticeKind[]).filter((k) => k !== kind && k !== 'notice');
  const fits = (template: MailTemplate) =>
    NAME_HINTS[kind].test(template.name) &&
    (kind !== 'notice' || !others.some((k) => NAME_HINTS[k].test(template.name)));
  return templates.find(fits) ?? null;
}
