import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { saveContactInput } from '#shared/domain/reference.ts';
import type { Contact } from '#shared/domain/reference.ts';
import { useContactDirectory } from '../api/contact-directory.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { checkForm, fieldErrorsFromMessage } from '../forms/field-errors.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';
import { contactDraft, contactInput } from './contact-label.ts';

interface ContactEditorProps {
  readonly opened: boolean;
  /** The contact to edit; null adds a new one. */
  readonly contact: Contact | null;
  /** A name to start a new contact with (what the agent typed in a picker). */
  readonly initialName?: string;
  onClose(): void;
  onSaved(contact: Contact): void;
}

function ContactForm({ contact, initialName, onClose, onSaved }: Omit<ContactEditorProps, 'opened'>) {
  const [draft, setDraft] = useState(() => contactDraft(contact, initialName));
  const [errors, setErrors] = useFieldErrors(contactInput(draft, contact?.id));
  const run = useDeskCommand();
  const { remember } = useContactDirectory();

  const field = (name: keyof typeof draft) => ({
    value: draft[name],
    error: errors[name],
    onChange: (event: { currentTarget: HTMLInputElement }) => setDraft({ ...draft, [name]: event.currentTarget.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The editor may open over another form (New incident): its submit must not reach that form too.
    event.stopPropagation();
    const input = contactInput(draft, contact?.id);
    const checked = checkForm(saveContactInput, input);
    if (!checked.ok) return setErrors(checked.errors);
    const saved = await run('contact/save', input, { success: contact ? 'Contact saved' : 'Contact added' });
    if (!saved.ok) return setErrors(fieldErrorsFromMessage(saved.error.message));
    remember([saved.value]);
    onSaved(saved.value);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label="Name" required data-autofocus {...field('name')} />
        <TextInput label="Email" type="email" {...field('email')} />
        <TextInput label="Phone" type="tel" {...field('phone')} />
        <TextInput label="Organisation" {...field('organisation')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">{contact ? 'Save contact' : 'Add contact'}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Adds or edits a contact (anyone on the team may; contacts are not a supervisor's setting). */
export function ContactEditor(props: ContactEditorProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.contact ? 'Edit contact' : 'New contact'}>
      {props.opened ? <ContactForm {...props} /> : null}
    </Modal>
  );
}
