import { Group, NumberInput, Select } from '@mantine/core';
import { useState } from 'react';

const UNITS = [
  { value: '1440', label: 'days' },
  { value: '60', label: 'hours' },
  { value: '1', label: 'minutes' },
] as const;

/** The largest unit that says the duration exactly: 4320 minutes reads "3 days". */
function unitOf(minutes: number): string {
  return UNITS.find((unit) => minutes > 0 && minutes % Number(unit.value) === 0)?.value ?? '1';
}

interface DurationFieldProps {
  readonly label: string;
  readonly minutes: number;
  onChange(minutes: number): void;
  readonly error?: string | undefined;
}

/** A wait in business time, typed as agents think of it (3 days), kept in minutes as the rule stores it. */
export function DurationField({ label, minutes, onChange, error }: DurationFieldProps) {
  const [unit, setUnit] = useState(() => unitOf(minutes));
  const size = Number(unit);
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <NumberInput
        label={label}
        description="Counted in business time"
        min={1}
        allowDecimal={false}
        value={minutes ? minutes / size : ''}
        onChange={(value) => onChange(typeof value === 'number' ? value * size : 0)}
        error={error}
        style={{ flex: 1 }}
      />
      <Select
        label="Unit"
        description=" "
        data={UNITS.map((u) => ({ ...u }))}
        value={unit}
        allowDeselect={false}
        onChange={(next) => {
          if (!next) return;
          // The number stays as typed: "3" hours becomes "3" days, as a person changing the unit means.
          onChange((minutes / size) * Number(next));
          setUnit(next);
        }}
        w={120}
      />
    </Group>
  );
}
