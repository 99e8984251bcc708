import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useId } from 'react';

interface SegmentedFieldProps<V extends string> {
  readonly label: string;
  readonly value: V;
  readonly data: readonly { readonly value: V; readonly label: string }[];
  onChange(value: V): void;
}

/** A choice among a few, shown as segments under a visible label that also names the radio group. */
export function SegmentedField<V extends string>({ label, value, data, onChange }: SegmentedFieldProps<V>) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        value={value}
        onChange={(next) => onChange(next as V)}
        data={data.map((item) => ({ ...item }))}
        w="fit-content"
      />
    </Stack>
  );
}
