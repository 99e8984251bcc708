import { ActionIcon, Group, Select } from '@mantine/core';
import type { OptionsFilter } from '@mantine/core';
import { useState } from 'react';
import type { Contact } from '#shared/domain/reference.ts';
import { useContact, useContactSearch } from '../api/contact-directory.tsx';
import { ContactEditor } from './ContactEditor.tsx';
import { contactLabel } from './contact-label.ts';

interface ContactPickerProps {
  readonly label: string;
  readonly value: string | null;
  onChange(contactId: string | null): void;
  readonly disabled?: boolean;
  readonly error?: string | undefined;
  /** Takes the focus when its dialog opens (the quick log starts with who is calling). */
  readonly autoFocus?: boolean;
}

/** The desk searches contacts, so the picker shows what it answered rather than filtering itself. */
const asAnswered: OptionsFilter = ({ options }) => options;

/** Finds the reporter by name, email or phone as the agent types; "New contact" adds one on the spot. */
export function ContactPicker({ label, value, onChange, disabled, error, autoFocus }: ContactPickerProps) {
  const [search, setSearch] = useState('');
  // The select clears its search text when it loses focus (to the New contact button): keep what was typed.
  const [typed, setTyped] = useState('');
  const [adding, setAdding] = useState(false);
  const results = useContactSearch(search);
  const selected = useContact(value);

  const options = [...results];
  if (selected && !options.some((c) => c.id === selected.id)) options.unshift(selected);
  const selectedLabel = selected ? contactLabel(selected) : null;
  const data = options.map((contact) => ({ value: contact.id, label: contactLabel(contact) }));
  // For the moment between showing the incident and the contact's name arriving.
  if (value && !selected) data.unshift({ value, label: 'Loading the contact…' });

  const added = (contact: Contact) => {
    setAdding(false);
    setTyped('');
    onChange(contact.id);
  };

  return (
    <Group gap={6} align="flex-end" wrap="nowrap">
      <Select
        label={label}
        placeholder="Search by name, email or phone"
        searchable
        clearable
        data={data}
        value={value}
        onChange={(id) => onChange(id)}
        onSearchChange={(text) => {
          setSearch(text);
          if (text.trim() && text !== selectedLabel) setTyped(text.trim());
        }}
        filter={asAnswered}
        nothingFoundMessage="No contact matches: add a new one"
        disabled={disabled}
        error={error}
        data-autofocus={autoFocus ? true : undefined}
        style={{ flex: 1 }}
      />
      <ActionIcon
        variant="default"
        size="input-sm"
        onClick={() => setAdding(true)}
        disabled={disabled}
        aria-label="New contact"
        title="New contact"
      >
        +
      </ActionIcon>
      <ContactEditor
        opened={adding}
        contact={null}
        initialName={typed}
        onClose={() => setAdding(false)}
        onSaved={added}
      />
    </Group>
  );
}
