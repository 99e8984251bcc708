import { describe, expect, it } from 'vitest';
import { NOTICE_KINDS } from '#shared/domain/notices.ts';
import type { MailTemplate } from '#shared/domain/templates.ts';
import { noticeTemplateFor } from '../../renderer/src/incident/notice-template.ts';

const template = (name: string): MailTemplate => ({ id: name, name, subject: 's', body: 'b' });

/** The templates every workspace starts with, in the order the desk lists them (by name). */
const DEFAULTS = [
  'Acknowledgement',
  'Disruption all-clear',
  'Disruption notice',
  'Disruption update',
  'Follow-up reminder',
  'Resolution',
].map(template);

describe('the template a disruption notice starts from', () => {
  it('is the default named for each kind, though all three say “disruption”', () => {
    const chosen = Object.fromEntries(NOTICE_KINDS.map((kind) => [kind, noticeTemplateFor(kind, DEFAULTS)?.name]));
    expect(chosen).toEqual({
      notice: 'Disruption notice',
      update: 'Disruption update',
      all_clear: 'Disruption all-clear',
    });
  });

  it('is none when no template is named for it, so the agent chooses', () => {
    expect(noticeTemplateFor('update', [template('Acknowledgement'), template('Resolution')])).toBeNull();
  });
});
