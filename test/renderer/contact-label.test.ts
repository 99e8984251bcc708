import { describe, expect, it } from 'vitest';
import type { Contact } from '#shared/domain/reference.ts';
import { contactLabel } from '../../renderer/src/contacts/contact-label.ts';

const contact = (fields: Partial<Contact>): Contact =>
  ({ id: 'c1', name: 'Mia Lindqvist', email: null, phone: null, organisation: null, ...fields }) as Contact;

describe('contact labels in the pickers', () => {
  it('shows the phone beside the email, so an agent can check a caller', () => {
    expect(contactLabel(contact({ email: 'mia@northwind.example', phone: '+1 555 2739' }))).toBe(
      'Mia Lindqvist · mia@northwind.example · +1 555 2739',
    );
    expect(contactLabel(contact({ phone: '+1 555 2739', organisation: 'Northwind' }))).toBe(
      'Mia Lindqvist · +1 555 2739',
    );
  });

  it('falls back on the organisation, then the name alone', () => {
    expect(contactLabel(contact({ organisation: 'Northwind' }))).toBe('Mia Lindqvist · Northwind');
    expect(contactLabel(contact({}))).toBe('Mia Lindqvist');
  });
});
