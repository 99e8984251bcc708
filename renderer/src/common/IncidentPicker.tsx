import { Select } from '@mantine/core';
import type { OptionsFilter } from '@mantine/core';
import { useState } from 'react';
import { status as statusEnum } from '#shared/domain/enums.ts';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import type { IncidentSummary } from '#shared/domain/incident.ts';
import { useIncidentSearch } from '../api/use-incident-search.ts';

interface IncidentPickerProps {
  readonly label: string;
  readonly value: IncidentSummary | null;
  onChange(incident: IncidentSummary | null): void;
  readonly error?: string | undefined;
  readonly autoFocus?: boolean;
}

/** The desk searches, so the select shows what it answered rather than filtering itself. */
const asAnswered: OptionsFilter = ({ options }) => options;

export function incidentOptionLabel(incident: IncidentSummary): string {
  const number = formatIncidentNumber(incident.number, incident.provisionalNumber);
  return `${number} · ${incident.title} · ${statusEnum.labels[incident.status]}`;
}

/**
 * Finds an incident by number, title or description as the agent types (the queue's own search); with
 * nothing typed, the open incidents most recently worked on.
 */
export function IncidentPicker({ label, value, onChange, error, autoFocus }: IncidentPickerProps) {
  const [search, setSearch] = useState('');
  const results = useIncidentSearch(search === (value ? incidentOptionLabel(value) : null) ? '' : search);
  const options = [...(results ?? [])];
  if (value && !options.some((incident) => incident.id === value.id)) options.unshift(value);
  const data = options.map((incident) => ({ value: incident.id, label: incidentOptionLabel(incident) }));
  return (
    <Select
      label={label}
      placeholder="Number or words from the title"
      searchable
      clearable
      data={data}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((incident) => incident.id === id) ?? null)}
      onSearchChange={setSearch}
      filter={asAnswered}
      nothingFoundMessage={results === null ? 'Searching…' : 'No incident matches'}
      error={error}
      data-autofocus={autoFocus ? true : undefined}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={280}
    />
  );
}
