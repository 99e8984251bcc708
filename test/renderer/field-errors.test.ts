import { describe, expect, it } from 'vitest';
import { createIncidentInput } from '#shared/domain/incident.ts';
import { checkForm, errorsStillTrue, fieldErrorsFromMessage } from '../../renderer/src/forms/field-errors.ts';
import { describeError } from '../../renderer/src/feedback/describe-error.ts';
import { DeskError } from '#shared/errors.ts';

describe('field errors', () => {
  it('checks a form with the contract schema, one message per field', () => {
    const checked = checkForm(createIncidentInput, { title: ' ', channel: 'fax', impact: 2, urgency: 2 });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors).toMatchObject({ title: 'Title is required' });
    if (!checked.ok) expect(Object.keys(checked.errors)).toContain('channel');
  });

  it('puts the desk’s schema refusals back next to their fields', () => {
    expect(
      fieldErrorsFromMessage('Invalid input for agent/save: email: must be an email address; name: Name is required'),
    ).toEqual({ email: 'Must be an email address', name: 'Name is required' });
    expect(fieldErrorsFromMessage('Only a supervisor can change this setting.')).toEqual({});
  });

  it('describes a refusal for a notification without the handler name', () => {
    expect(describeError(new DeskError('invalid_input', 'Invalid input for incident/create: title: x'))).toEqual({
      code: 'invalid_input',
      title: 'Please check what you entered',
      message: 'title: x',
    });
    expect(describeError(new Error('boom')).code).toBe('internal');
  });
});

describe('messages that follow their fields', () => {
  const checked = { title: '', fields: { description: 'x' }, tags: ['a'] };
  const errors = { title: 'Title is required', 'fields.description': 'Too short', tags: 'Too few', desk: 'Refused' };

  it('drops a message once its field changes, and keeps the others', () => {
    expect(errorsStillTrue(errors, checked, { ...checked, title: 'Printer jam' })).toEqual({
      'fields.description': 'Too short',
      tags: 'Too few',
      desk: 'Refused',
    });
    expect(errorsStillTrue(errors, checked, { ...checked, fields: { description: 'xy' }, tags: ['a', 'b'] })).toEqual({
      title: 'Title is required',
      desk: 'Refused',
    });
  });

  it('keeps every message while nothing changed (a new but equal list is no change)', () => {
    expect(errorsStillTrue(errors, checked, { ...checked, tags: ['a'] })).toBe(errors);
  });
});
