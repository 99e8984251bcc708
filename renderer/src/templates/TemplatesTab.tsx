import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { MailTemplate } from '#shared/domain/templates.ts';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useDeskQuery } from '../api/use-desk-query.ts';
import { byName } from '../common/select-options.ts';
import { describeError } from '../feedback/describe-error.ts';
import { SupervisorNotice } from '../forms/SupervisorNotice.tsx';
import { SettingsTable } from '../forms/SettingsTable.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';

function DeleteTemplateDialog({ template, onClose }: { template: MailTemplate | null; onClose: () => void }) {
  const run = useDeskCommand();
  const remove = async () => {
    if (template) await run('template/delete', { id: template.id }, { success: 'The template is deleted' });
    onClose();
  };
  return (
    <Modal opened={template !== null} onClose={onClose} title="Delete template">
      <Stack>
        <Text size="sm">Delete “{template?.name}”? Mail already sent from it stays as it was.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Keep it
          </Button>
          <Button color="red" onClick={() => void remove()}>
            Delete template
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Settings → Templates: the texts agents start replies from and rules and notices send, with placeholders
 * the desk fills in. Supervisors edit them.
 */
export function TemplatesTab() {
  const me = useSignedInAgent();
  const readOnly = me.role !== 'supervisor';
  const templates = useDeskQuery('template/list', {}, { reloadWhen: (change) => change.reference });
  const [editing, setEditing] = useState<MailTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<MailTemplate | null>(null);
  if (templates.load.kind === 'failed') {
    return (
      <Alert color="red" title="The templates could not be loaded">
        {describeError(templates.load.error).message}
      </Alert>
    );
  }
  if (templates.load.kind !== 'ready') return null;
  return (
    <Stack>
      <SupervisorNotice what="the templates" />
      <Group justify="flex-end">
        <Button onClick={() => setEditing('new')}>Add template</Button>
      </Group>
      <SettingsTable<MailTemplate>
        caption="Templates"
        items={byName(templates.load.value)}
        columns={[
          { label: 'Name', render: (template) => template.name },
          { label: 'Subject', render: (template) => template.subject },
          {
            label: 'Delete',
            render: (template) => (
              <Button
                variant="subtle"
                color="red"
                size="compact-sm"
                disabled={readOnly}
                aria-label={`Delete ${template.name}`}
                onClick={() => setDeleting(template)}
              >
                Delete
              </Button>
            ),
          },
        ]}
        itemName={(template) => template.name}
        onEdit={setEditing}
        empty="No templates yet."
      />
      <TemplateEditor template={editing} onClose={() => setEditing(null)} />
      <DeleteTemplateDialog template={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
