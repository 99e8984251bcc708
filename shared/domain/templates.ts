import { z } from 'zod';
import { headerText } from './mail-header.ts';
import { idSchema, requiredText } from './schemas.ts';

/**
 * Mail templates (DESIGN §6): named texts with placeholders, used by agents in the composer, by rules
 * (acknowledgements, follow-ups, the resolution mail) and by disruption notices. A placeholder is a name in
 * double braces, `{{incident.number}}`; a template naming one the desk does not know is refused when saved,
 * so a typo never reaches a customer as literal braces.
 */
export const TEMPLATE_PLACEHOLDERS = {
  'incident.number': 'The incident’s number (INC-1042)',
  'incident.title': 'Its title',
  'incident.status': 'Its status, as agents read it',
  'incident.priority': 'Its priority (2 - High)',
  'incident.category': 'Its category',
  'incident.service': 'The affected service',
  'incident.resolution_notes': 'How it was solved (the resolution notes)',
  'incident.cause': 'What caused it',
  'incident.summary': 'What has happened so far, without internal notes or links',
  'reporter.name': 'The reporter’s name',
  'assignee.name': 'The agent working on it',
  'agent.name': 'The agent sending the mail (“Service desk” for automatic mail)',
} as const;
export type TemplatePlaceholder = keyof typeof TEMPLATE_PLACEHOLDERS;
export const TEMPLATE_PLACEHOLDER_NAMES = Object.keys(TEMPLATE_PLACEHOLDERS) as TemplatePlaceholder[];

export function isTemplatePlaceholder(name: string): name is TemplatePlaceholder {
  return Object.hasOwn(TEMPLATE_PLACEHOLDERS, name);
}

/** `{{ name }}`: letters, digits, dots and underscores, spaces inside the braces allowed. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface TemplateProblem {
  readonly message: string;
}

/** What is wrong with a template text: unknown placeholders, and braces that open a placeholder but never close. */
export function templateProblems(text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!isTemplatePlaceholder(name)) unknown.add(name);
  }
  for (const name of unknown) {
    problems.push({
      message: `{{${name}}} is not a placeholder the desk knows; use one of ${TEMPLATE_PLACEHOLDER_NAMES.map((n) => `{{${n}}}`).join(', ')}`,
    });
  }
  if (text.replace(PLACEHOLDER, '').includes('{{')) {
    problems.push({ message: 'a placeholder is opened with {{ but never closed with }}' });
  }
  return problems;
}

/** The placeholders a text uses, each once: what the desk must look up to fill it in. */
export function placeholdersIn(text: string): TemplatePlaceholder[] {
  const found = new Set<TemplatePlaceholder>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (isTemplatePlaceholder(name)) found.add(name);
  }
  return [...found];
}

export type TemplateValues = Partial<Readonly<Record<TemplatePlaceholder, string>>>;

/**
 * Fills the placeholders in. One left out of `values` stays as written: the incident number of an incident the
 * hub has not numbered yet is filled in when the mail is built (see `fillIncidentNumber`).
 */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    isTemplatePlaceholder(name) && values[name] !== undefined ? values[name] : whole,
  );
}

const NUMBER_PLACEHOLDER = /\{\{\s*incident\.number\s*\}\}/g;

/** The incident number, filled in as late as the mail is built: a new incident gets it from the hub at its first push. */
export function fillIncidentNumber(text: string, number: string): string {
  return text.replace(NUMBER_PLACEHOLDER, number);
}

/** Text for a customer without links: a summary of the timeline must not carry links from internal work. */
export function withoutLinks(text: string): string {
  return text.replace(/\b(?:https?|ftp|file):\/\/\S+|\bwww\.\S+|\bmailto:\S+/gi, '[link removed]');
}

export interface MailTemplate {
  readonly id: string;
  readonly name: string;
  readonly subject: string;
  readonly body: string;
}

/** Saving refuses a placeholder the desk does not know, next to the field that names it. */
export const saveTemplateInput = z
  .strictObject({
    id: idSchema.optional(),
    name: requiredText('Name', 120),
    subject: headerText('Subject', 300).pipe(z.string().min(1, { message: 'Subject is required' })),
    body: requiredText('Text', 20_000),
  })
  .superRefine((input, context) => {
    for (const field of ['subject', 'body'] as const) {
      for (const problem of templateProblems(input[field])) {
        context.addIssue({ code: 'custom', message: problem.message, path: [field] });
      }
    }
  });
export type SaveTemplateInput = z.input<typeof saveTemplateInput>;

export const renderTemplateInput = z.strictObject({ templateId: idSchema, incidentId: idSchema });

export interface RenderedTemplate {
  readonly subject: string;
  readonly body: string;
}
