import { Button, Group, Kbd, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { incidentDraftKey } from '#shared/domain/workstation.ts';
import { useDraft } from '../api/use-draft.ts';
import type { DraftKeeper } from '../api/use-draft.ts';
import { usePaletteActions } from '../navigation/palette-actions.tsx';
import type { IncidentCommands } from './use-incident-commands.ts';

type NoteDraft = { readonly body: string };
const isBlank = (draft: NoteDraft) => draft.body.trim() === '';

interface NoteComposerProps {
  readonly incidentId: string;
  readonly commands: IncidentCommands;
}

/**
 * Work notes for the team (never sent to the reporter). Ctrl+Enter adds the note. A note not added yet is kept
 * as a draft on this workstation, so leaving the incident and coming back finds it.
 */
export function NoteComposer({ incidentId, commands }: NoteComposerProps) {
  const draft = useDraft<NoteDraft>(incidentDraftKey(incidentId, 'note'), isBlank);
  if (!draft.loaded) return null;
  const restored = draft.loaded.draft?.value.body;
  return <NoteForm initial={typeof restored === 'string' ? restored : ''} draft={draft} commands={commands} />;
}

function NoteForm({
  initial,
  draft,
  commands,
}: {
  initial: string;
  draft: DraftKeeper<NoteDraft>;
  commands: IncidentCommands;
}) {
  const [body, setBody] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  usePaletteActions([
    {
      id: 'incident/add-note',
      label: 'Add note',
      group: 'This incident',
      keywords: ['internal', 'comment', 'work note'],
      // After the palette has closed and handed the focus back.
      run: () => requestAnimationFrame(() => field.current?.focus()),
    },
  ]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!body.trim()) return setError('Write the note first');
    setBusy(true);
    const result = await commands.addNote(body);
    setBusy(false);
    if (result.ok) {
      draft.discard();
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
        ref={field}
        label="Internal note"
        placeholder="What did you find or do? Only agents see internal notes."
        value={body}
        onChange={(event) => {
          setBody(event.currentTarget.value);
          draft.keep({ body: event.currentTarget.value });
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
          {initial && body === initial ? ' · your unsent note is back' : ''}
        </Text>
        <Button type="submit" disabled={busy}>
          Add note
        </Button>
      </Group>
    </form>
  );
}
