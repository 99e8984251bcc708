import { TextInput } from '@mantine/core';
import type { ReactNode } from 'react';

interface TextFieldProps {
  readonly value: string;
  onChange(value: string): void;
  readonly error?: ReactNode;
  readonly description?: ReactNode;
}

/** The required name an editor opens on, focused when the dialog opens. */
export function NameField({ value, onChange, error, description }: TextFieldProps) {
  return (
    <TextInput
      label="Name"
      description={description}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      required
      data-autofocus
    />
  );
}

/** An agent's required email address. */
export function EmailField({ value, onChange, error, description }: TextFieldProps) {
  return (
    <TextInput
      label="Email"
      type="email"
      description={description}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      required
    />
  );
}
