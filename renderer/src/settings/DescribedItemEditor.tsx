import { Modal, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ServiceSubscribers } from '#shared/domain/notices.ts';
import type { Group, Service } from '#shared/domain/reference.ts';
import { NameField } from '../forms/EditorFields.tsx';
import { EditorForm } from '../forms/EditorForm.tsx';
import { useSettingsSave } from '../forms/use-settings-save.ts';
import { SubscriberFields } from './SubscriberFields.tsx';

/** Groups and services are both a name and a description; one editor serves both. */
const KINDS = {
  group: { handler: 'group/save', noun: 'group', hint: 'What the group handles, for whoever assigns to it.' },
  service: { handler: 'service/save', noun: 'service', hint: 'What the service is, for whoever picks it.' },
} as const;
export type DescribedKind = keyof typeof KINDS;

const NO_SUBSCRIBERS: ServiceSubscribers = { contactIds: [], organisations: [] };
const copyOf = (subscribers: ServiceSubscribers) => ({
  contactIds: [...subscribers.contactIds],
  organisations: [...subscribers.organisations],
});

interface DescribedItemEditorProps {
  readonly kind: DescribedKind;
  /** The item to edit, 'new' to add one, null when closed. */
  readonly item: Group | Service | 'new' | null;
  onClose(): void;
}

function DescribedItemForm({
  kind,
  item,
  onClose,
}: {
  kind: DescribedKind;
  item: Group | Service | null;
  onClose: () => void;
}) {
  const { handler, noun, hint } = KINDS[kind];
  const [values, setValues] = useState({ name: item?.name ?? '', description: item?.description ?? '' });
  const [subscribers, setSubscribers] = useState<ServiceSubscribers>(
    item && 'subscribers' in item ? item.subscribers : NO_SUBSCRIBERS,
  );
  const fields = { ...(item ? { id: item.id } : {}), ...values };
  const input = kind === 'service' ? { ...fields, subscribers: copyOf(subscribers) } : fields;
  const { save, errors, refusal } = useSettingsSave(
    handler,
    item ? `The ${noun} is saved` : `The ${noun} is added`,
    input,
  );
  const submit = async () => {
    if (await save(input)) onClose();
  };
  return (
    <EditorForm
      submitLabel={item ? `Save ${noun}` : `Add ${noun}`}
      refusal={refusal}
      onSubmit={submit}
      onCancel={onClose}
    >
      <NameField value={values.name} onChange={(name) => setValues({ ...values, name })} error={errors.name} />
      <Textarea
        label="Description"
        description={hint}
        value={values.description}
        onChange={(event) => setValues({ ...values, description: event.currentTarget.value })}
        error={errors.description}
        autosize
        minRows={2}
      />
      {kind === 'service' ? <SubscriberFields value={subscribers} onChange={setSubscribers} errors={errors} /> : null}
    </EditorForm>
  );
}

export function DescribedItemEditor({ kind, item, onClose }: DescribedItemEditorProps) {
  const noun = KINDS[kind].noun;
  return (
    <Modal opened={item !== null} onClose={onClose} title={item === 'new' ? `Add ${noun}` : `Edit ${noun}`}>
      {item !== null ? <DescribedItemForm kind={kind} item={item === 'new' ? null : item} onClose={onClose} /> : null}
    </Modal>
  );
}
