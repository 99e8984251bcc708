import type { Contact } from '#shared/domain/reference.ts';

/**
 * How a contact appears in pickers: the name, with what tells two namesakes apart and what an agent on the
 * phone checks against the caller (the number); the organisation only when there is neither.
 */
export function contactLabel(contact: Contact): string {
  const details = [contact.email, contact.phone].filter(Boolean);
  if (!details.length && contact.organisation) details.push(contact.organisation);
  return [contact.name, ...details].join(' · ');
}

/** The contract's contact form, with empty optional fields sent as null. */
export interface ContactDraft {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly organisation: string;
}

export function contactDraft(contact: Contact | null, name = ''): ContactDraft {
  return {
    name: contact?.name ?? name,
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    organisation: contact?.organisation ?? '',
  };
}

export function contactInput(draft: ContactDraft, id?: string) {
  return {
    ...(id ? { id } : {}),
    name: draft.name,
    email: draft.email.trim() ? draft.email : null,
    phone: draft.phone.trim() ? draft.phone : null,
    organisation: draft.organisation.trim() ? draft.organisation : null,
  };
}
