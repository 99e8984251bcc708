import { describe, expect, it } from 'vitest';
import {
  fillIncidentNumber,
  placeholdersIn,
  renderTemplate,
  saveTemplateInput,
  templateProblems,
  withoutLinks,
} from '#shared/domain/templates.ts';

describe('templates', () => {
  it('fill in the placeholders they name, with spaces inside the braces allowed', () => {
    const text = 'Hello {{reporter.name}}, {{ incident.number }} is {{incident.status}}.';
    expect(placeholdersIn(text)).toEqual(['reporter.name', 'incident.number', 'incident.status']);
    expect(
      renderTemplate(text, { 'reporter.name': 'Dana', 'incident.number': 'INC-7', 'incident.status': 'Resolved' }),
    ).toBe('Hello Dana, INC-7 is Resolved.');
  });

  it('leave the number for when the mail is built, if the hub has not numbered the incident yet', () => {
    const rendered = renderTemplate('Your request {{incident.number}}', { 'reporter.name': 'Dana' });
    expect(rendered).toBe('Your request {{incident.number}}');
    expect(fillIncidentNumber(rendered, 'INC-12')).toBe('Your request INC-12');
  });

  it('name an unknown placeholder and braces never closed as problems', () => {
    expect(templateProblems('Hi {{reporter.nmae}}').map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^\{\{reporter\.nmae\}\} is not a placeholder the desk knows; use one of \{\{incident\.number\}\}/,
      ),
    ]);
    expect(templateProblems('Hi {{reporter.name').map((p) => p.message)).toEqual([
      'a placeholder is opened with {{ but never closed with }}',
    ]);
    expect(templateProblems('Hi {{reporter.name}}')).toEqual([]);
  });

  it('are refused when saved with an unknown placeholder, next to the field that names it', () => {
    const result = saveTemplateInput.safeParse({ name: 'Ack', subject: 'About {{incident.colour}}', body: 'Hello' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['subject']]);
    expect(saveTemplateInput.safeParse({ name: 'Ack', subject: 'About {{incident.title}}', body: 'Hi' }).success).toBe(
      true,
    );
  });

  it('take links out of what a customer reads of the timeline', () => {
    expect(withoutLinks('See https://intranet.example/x?y=1 and www.wiki.example/page, mailto:ops@x.example')).toBe(
      'See [link removed] and [link removed] [link removed]',
    );
  });
});
