import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Contact } from '#shared/domain/reference.ts';
import { useContactSearch } from '../api/contact-directory.tsx';
import { ContactEditor } from '../contacts/ContactEditor.tsx';
import { SettingsTable } from '../forms/SettingsTable.tsx';

const SHOWN = 50;

/** The people who report incidents. Any agent may add and correct them. */
export function ContactsTab() {
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const contacts = useContactSearch(search, SHOWN);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <TextInput
          label="Search contacts"
          placeholder="Name, email or phone"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={360}
        />
        <Button onClick={() => setEditing('new')}>Add contact</Button>
      </Group>
      <SettingsTable<Contact>
        caption="Contacts"
        items={contacts}
        columns={[
          { label: 'Name', render: (contact) => contact.name },
          { label: 'Email', render: (contact) => contact.email ?? '—' },
          { label: 'Phone', render: (contact) => contact.phone ?? '—' },
          { label: 'Organisation', render: (contact) => contact.organisation ?? '—' },
        ]}
        itemName={(contact) => contact.name}
        onEdit={setEditing}
        empty={search ? 'No contact matches.' : 'No contacts yet.'}
      />
      <ContactEditor
        opened={editing !== null}
        contact={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => setEditing(null)}
      />
    </Stack>
  );
}
