import { Alert, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import type { MailTemplate } from '#shared/domain/templates.ts';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useDeskQuery } from '../api/use-desk-query.ts';
import { byName } from '../common/select-options.ts';
import { describeError } from '../feedback/describe-error.ts';
import { ConfirmDeleteDialog } from '../forms/ConfirmDeleteDialog.tsx';
import { ReasonedButton } from '../forms/ReasonedButton.tsx';
import { SupervisorNotice } from '../forms/SupervisorNotice.tsx';
import { SettingsTable } from '../forms/SettingsTable.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';

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
  const run = useDeskCommand();
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
        <ReasonedButton
          reason={readOnly ? 'Only a supervisor can add a template' : null}
          onClick={() => setEditing('new')}
        >
          Add template
        </ReasonedButton>
      </Group>
      <SettingsTable<MailTemplate>
        caption="Templates"
        items={byName(templates.load.value)}
        columns={[
          { label: 'Name', render: (template) => template.name },
          { label: 'Subject', render: (template) => template.subject },
        ]}
        itemName={(template) => template.name}
        onEdit={setEditing}
        access={readOnly ? { kind: 'locked', why: 'Only a supervisor can change a template' } : undefined}
        remove={{ onRemove: setDeleting, why: () => (readOnly ? 'Only a supervisor can delete a template' : null) }}
        empty="No templates yet."
      />
      <TemplateEditor template={editing} onClose={() => setEditing(null)} />
      <ConfirmDeleteDialog
        opened={deleting !== null}
        title="Delete template"
        question={`Delete “${deleting?.name ?? ''}”? Mail already sent from it stays as it was.`}
        blocked={null}
        onConfirm={() =>
          run('template/delete', { id: deleting!.id }, { quiet: true, success: `Template “${deleting!.name}” deleted` })
        }
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
