import { MultiSelect, Stack, TagsInput, Text } from '@mantine/core';
import type { OptionsFilter } from '@mantine/core';
import { useState } from 'react';
import type { ServiceSubscribers } from '#shared/domain/notices.ts';
import { useContactDirectory, useContactSearch } from '../api/contact-directory.tsx';
import { contactLabel } from '../contacts/contact-label.ts';
import type { FieldErrors } from '../forms/field-errors.ts';

/** The desk searches contacts, so the select shows what it answered (and who is chosen) unfiltered. */
const asAnswered: OptionsFilter = ({ options }) => options;

interface SubscriberFieldsProps {
  readonly value: ServiceSubscribers;
  onChange(next: ServiceSubscribers): void;
  readonly errors: FieldErrors;
}

/**
 * Who a service tells when it is disrupted ("Notify affected" on an incident): contacts found by name or
 * address, and organisations by name (every contact of theirs with an address is told).
 */
export function SubscriberFields({ value, onChange, errors }: SubscriberFieldsProps) {
  const [search, setSearch] = useState('');
  const results = useContactSearch(search);
  const { known, request } = useContactDirectory();
  const missing = value.contactIds.filter((id) => !known.has(id));
  if (missing.length) request(missing);
  const chosen = value.contactIds.map((id) => ({
    value: id,
    label: known.get(id) ? contactLabel(known.get(id)!) : 'Loading…',
  }));
  const found = results
    .filter((contact) => !value.contactIds.includes(contact.id))
    .map((contact) => ({ value: contact.id, label: contactLabel(contact) }));
  const organisations = [...new Set([...known.values()].flatMap((contact) => contact.organisation ?? []))].sort();
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        Subscribers
      </Text>
      <Text size="xs" c="dimmed">
        Told of a disruption of this service, each by a mail of their own.
      </Text>
      <MultiSelect
        label="Contacts"
        placeholder="Search by name, email or phone"
        data={[...chosen, ...found]}
        value={[...value.contactIds]}
        onChange={(contactIds) => onChange({ ...value, contactIds })}
        searchValue={search}
        onSearchChange={setSearch}
        filter={asAnswered}
        searchable
        nothingFoundMessage="No contact matches"
        error={errors['subscribers.contactIds']}
      />
      <TagsInput
        label="Organisations"
        description="Every contact of these organisations. Press Enter after each."
        data={organisations}
        value={[...value.organisations]}
        onChange={(next) => onChange({ ...value, organisations: next })}
        error={errors['subscribers.organisations']}
      />
    </Stack>
  );
}
