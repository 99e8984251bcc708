import { Group as Row, Stack } from '@mantine/core';
import { useState } from 'react';
import type { Group, Service } from '#shared/domain/reference.ts';
import { useReference } from '../api/reference-context.tsx';
import { byName } from '../common/select-options.ts';
import { ReasonedButton } from '../forms/ReasonedButton.tsx';
import { SupervisorNotice, useSupervisorOnly } from '../forms/SupervisorNotice.tsx';
import { DescribedItemEditor } from './DescribedItemEditor.tsx';
import type { DescribedKind } from './DescribedItemEditor.tsx';
import { SettingsTable } from '../forms/SettingsTable.tsx';

const WORDS: Record<DescribedKind, { caption: string; add: string; notice: string; empty: string; plural: string }> = {
  group: { caption: 'Groups', add: 'Add group', notice: 'the groups', empty: 'No groups yet.', plural: 'groups' },
  service: {
    caption: 'Services',
    add: 'Add service',
    notice: 'the services',
    empty: 'No services yet.',
    plural: 'services',
  },
};

function subscribersText(item: Group | Service): string {
  if (!('subscribers' in item)) return '';
  const { contactIds, organisations } = item.subscribers;
  const parts = [
    contactIds.length ? `${contactIds.length} contact${contactIds.length === 1 ? '' : 's'}` : '',
    ...organisations,
  ].filter(Boolean);
  return parts.join(', ') || 'Nobody';
}

/** The Groups and Services tabs: a list of names with descriptions. */
export function DescribedItemsTab({ kind }: { kind: DescribedKind }) {
  const reference = useReference();
  const [editing, setEditing] = useState<Group | Service | 'new' | null>(null);
  const words = WORDS[kind];
  const items: readonly (Group | Service)[] = kind === 'group' ? reference.groups : reference.services;
  const cannotChange = useSupervisorOnly(`add or change ${words.plural}`);
  return (
    <Stack>
      <SupervisorNotice what={words.notice} />
      <Row justify="flex-end">
        <ReasonedButton reason={cannotChange} onClick={() => setEditing('new')}>
          {words.add}
        </ReasonedButton>
      </Row>
      <SettingsTable<Group | Service>
        caption={words.caption}
        items={byName(items)}
        columns={[
          { label: 'Name', render: (item) => item.name },
          { label: 'Description', render: (item) => item.description || '—' },
          ...(kind === 'service' ? [{ label: 'Subscribers', render: subscribersText }] : []),
        ]}
        itemName={(item) => item.name}
        onEdit={setEditing}
        access={cannotChange ? { kind: 'locked', why: cannotChange } : undefined}
        empty={words.empty}
      />
      <DescribedItemEditor kind={kind} item={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
