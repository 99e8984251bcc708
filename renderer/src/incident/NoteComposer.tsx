import { Button, Group, Kbd, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { IncidentCommands } from './use-incident-commands.ts';

/** Work notes for the team (never sent to the reporter). Ctrl+Enter adds the note. */
export function NoteComposer({ commands }: { commands: IncidentCommands }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!body.trim()) return setError('Write the note first');
    setBusy(true);
    const result = await commands.addNote(body);
    setBusy(false);
    if (result.ok) {
      setBody('');
      setError(null);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Textarea
        label="Internal note"
        placeholder="What did you find or do? Only agents see internal notes."
        value={body}
        onChange={(event) => {
          setBody(event.currentTarget.value);
          if (error) setError(null);
        }}
        onKeyDown={onKeyDown}
        error={error}
        autosize
        minRows={3}
        maxRows={14}
        aria-keyshortcuts="Control+Enter"
      />
      <Group justify="space-between" mt="xs">
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> adds the note
        </Text>
        <Button type="submit" disabled={busy}>
          Add note
        </Button>
      </Group>
    </form>
  );
}
