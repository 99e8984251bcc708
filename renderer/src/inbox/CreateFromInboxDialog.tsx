import { Alert, Button, Checkbox, Group, List, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { Level } from '#shared/domain/enums.ts';
import type { InboxItem, TriageCreateInput, TriageSuggestion } from '#shared/domain/intake.ts';
import { priorityFor } from '#shared/domain/priority.ts';
import { useReference } from '../api/reference-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { PriorityBadge } from '../common/PriorityBadge.tsx';
import { describeError } from '../feedback/describe-error.ts';
import { CategorySelect, GroupSelect, LevelSelect } from '../forms/IncidentFields.tsx';

interface CreateFromInboxDialogProps {
  /** The items to make incidents of, and what the desk suggests for the first; null when closed. */
  readonly asking: { readonly items: readonly InboxItem[]; readonly suggestion: TriageSuggestion } | null;
  onClose(): void;
  onCreated(incidentIds: readonly string[]): void;
}

interface CreateFormProps {
  readonly items: readonly InboxItem[];
  readonly suggestion: TriageSuggestion;
  onClose(): void;
  onCreated(incidentIds: readonly string[]): void;
}

/** What the agent sets for the new incident; `undefined` (many items, one each) keeps each item's suggestion. */
interface Choices {
  readonly title: string;
  readonly categoryId: string | null | undefined;
  readonly impact: Level | undefined;
  readonly urgency: Level | undefined;
  readonly groupId: string | null | undefined;
}

function fromSuggestion(suggestion: TriageSuggestion): Choices {
  const { title, categoryId, groupId, impact, urgency } = suggestion;
  return { title, categoryId, impact, urgency, groupId };
}

const AS_SUGGESTED: Choices = {
  title: '',
  categoryId: undefined,
  impact: undefined,
  urgency: undefined,
  groupId: undefined,
};

function SuggestionReasons({ suggestion }: { suggestion: TriageSuggestion }) {
  if (!suggestion.reasons.length) {
    return (
      <Text size="sm" c="dimmed">
        Nothing in the message hints at a category or urgency, so it starts as low impact and urgency.
      </Text>
    );
  }
  return (
    <div>
      <Text size="sm" fw={500}>
        Suggested from the message:
      </Text>
      <List size="sm" aria-label="Why these values">
        {suggestion.reasons.map((reason) => (
          <List.Item key={reason}>{reason}</List.Item>
        ))}
      </List>
    </div>
  );
}

function CreateForm({ items, suggestion, onClose, onCreated }: CreateFormProps) {
  const reference = useReference();
  const run = useDeskCommand();
  const many = items.length > 1;
  const [together, setTogether] = useState(false);
  const [choices, setChoices] = useState<Choices>(() => (many ? AS_SUGGESTED : fromSuggestion(suggestion)));
  const [titleError, setTitleError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const oneIncident = !many || together;
  const set = (patch: Partial<Choices>) => setChoices({ ...choices, ...patch });

  const chooseTogether = (value: boolean) => {
    setTogether(value);
    // One incident for all starts from the first item's suggestion; one each goes back to each item's own.
    setChoices(value ? fromSuggestion(suggestion) : AS_SUGGESTED);
    setTitleError(null);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (oneIncident && !choices.title.trim()) return setTitleError('Title is required');
    const input: TriageCreateInput = {
      ids: items.map((item) => item.id),
      together,
      ...(oneIncident ? { title: choices.title.trim() } : {}),
      ...(choices.categoryId !== undefined ? { categoryId: choices.categoryId } : {}),
      ...(choices.impact !== undefined ? { impact: choices.impact } : {}),
      ...(choices.urgency !== undefined ? { urgency: choices.urgency } : {}),
      ...(choices.groupId !== undefined ? { groupId: choices.groupId } : {}),
    };
    setBusy(true);
    const created = await run('inbox/createIncident', input, { quiet: true });
    setBusy(false);
    if (created.ok) return onCreated(created.value.incidentIds);
    setRefusal(describeError(created.error).message);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const keep = oneIncident ? undefined : 'As suggested for each';
  const priority =
    choices.impact !== undefined && choices.urgency !== undefined
      ? priorityFor(reference.priorityMatrix, choices.impact, choices.urgency)
      : null;

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label="New incident from the inbox">
      <Stack gap="sm">
        {refusal ? (
          <Alert color="red" title="Not created" role="alert">
            {refusal}
          </Alert>
        ) : null}
        {many ? (
          <Checkbox
            label={`One incident for all ${items.length} selected items`}
            description={
              together
                ? 'The first item gives the title; every message goes on the one incident.'
                : 'Each item becomes its own incident, titled by its subject.'
            }
            checked={together}
            onChange={(event) => chooseTogether(event.currentTarget.checked)}
          />
        ) : null}
        {oneIncident ? (
          <TextInput
            label="Title"
            value={choices.title}
            onChange={(event) => {
              set({ title: event.currentTarget.value });
              setTitleError(null);
            }}
            error={titleError}
            required
            data-autofocus
          />
        ) : null}
        <SimpleGrid cols={2} spacing="sm">
          <CategorySelect
            placeholder={keep}
            value={choices.categoryId ?? null}
            onChange={(categoryId) => set({ categoryId: categoryId ?? (oneIncident ? null : undefined) })}
          />
          <GroupSelect
            placeholder={keep}
            value={choices.groupId ?? null}
            onChange={(groupId) => set({ groupId: groupId ?? (oneIncident ? null : undefined) })}
          />
          <LevelSelect
            label="Impact"
            placeholder={keep}
            clearable={!oneIncident}
            value={choices.impact}
            onChange={(impact: Level | undefined) => set({ impact })}
          />
          <LevelSelect
            label="Urgency"
            placeholder={keep}
            clearable={!oneIncident}
            value={choices.urgency}
            onChange={(urgency: Level | undefined) => set({ urgency })}
          />
        </SimpleGrid>
        {oneIncident ? <SuggestionReasons suggestion={suggestion} /> : null}
        <Group justify="space-between" mt="xs">
          <Text size="sm" aria-live="polite" data-testid="priority-preview">
            {priority ? (
              <>
                Priority: <PriorityBadge priority={priority} size="md" />
              </>
            ) : (
              'Priority: from each item’s impact and urgency'
            )}
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy}>
              {oneIncident ? 'Create incident' : `Create ${items.length} incidents`}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** "Create incident" from inbox items: prefilled from the desk's suggestion, with the reasons shown. */
export function CreateFromInboxDialog({ asking, onClose, onCreated }: CreateFromInboxDialogProps) {
  const count = asking?.items.length ?? 0;
  return (
    <Modal
      opened={asking !== null}
      onClose={onClose}
      title={count > 1 ? `Create incidents from ${count} items` : 'Create incident'}
      size="lg"
    >
      {asking ? (
        <CreateForm items={asking.items} suggestion={asking.suggestion} onClose={onClose} onCreated={onCreated} />
      ) : null}
    </Modal>
  );
}

/** Without a suggestion the form still works: the subject as the title, low impact and urgency. */
export function plainSuggestion(item: InboxItem): TriageSuggestion {
  return {
    title: item.subject || item.preview.slice(0, 80) || 'Inbound message',
    categoryId: null,
    groupId: null,
    impact: 3,
    urgency: 3,
    reasons: [],
  };
}
