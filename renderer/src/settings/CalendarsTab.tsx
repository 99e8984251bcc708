import { Alert, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { CalendarView } from '#shared/domain/sla-settings.ts';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useDeskQuery } from '../api/use-desk-query.ts';
import { describeError } from '../feedback/describe-error.ts';
import { ConfirmDeleteDialog } from '../forms/ConfirmDeleteDialog.tsx';
import { ReasonedButton } from '../forms/ReasonedButton.tsx';
import { SupervisorNotice } from '../forms/SupervisorNotice.tsx';
import { weekSummary } from './calendar-draft.ts';
import { CalendarEditor } from './CalendarEditor.tsx';
import { SettingsTable } from '../forms/SettingsTable.tsx';

/** What keeps a calendar from being deleted, in words. */
function calendarInUse(calendar: CalendarView): string | null {
  if (calendar.isDefault) return 'The 24×7 calendar belongs to every workspace and cannot be deleted.';
  const users = calendar.usedBy;
  if (!users.length) return null;
  const named = users.map((name) => `“${name}”`).join(', ');
  return `${calendar.name} is used by the service level${users.length > 1 ? 's' : ''} ${named}. Give ${
    users.length > 1 ? 'them' : 'it'
  } another calendar first, under Service levels.`;
}

function whyNotDelete(calendar: CalendarView, readOnly: boolean): string | null {
  if (readOnly) return 'Only a supervisor can delete a calendar';
  return calendar.isDefault ? 'The 24×7 calendar cannot be deleted' : null;
}

/** Settings → Calendars: the team's business calendars, which service levels measure time in. */
export function CalendarsTab() {
  const me = useSignedInAgent();
  const readOnly = me.role !== 'supervisor';
  const { load } = useDeskQuery('calendar/list', {}, { reloadWhen: (change) => change.reference });
  const [editing, setEditing] = useState<CalendarView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CalendarView | null>(null);
  const run = useDeskCommand();
  if (load.kind === 'loading') return null;
  if (load.kind === 'failed') {
    return (
      <Alert color="red" title="The calendars could not be loaded">
        {describeError(load.error).message}
      </Alert>
    );
  }
  return (
    <Stack>
      <SupervisorNotice what="the calendars" />
      <Group justify="flex-end">
        <ReasonedButton
          reason={readOnly ? 'Only a supervisor can add a calendar' : null}
          onClick={() => setEditing('new')}
        >
          Add calendar
        </ReasonedButton>
      </Group>
      <SettingsTable<CalendarView>
        caption="Calendars"
        items={load.value}
        columns={[
          { label: 'Name', render: (calendar) => calendar.name },
          { label: 'Time zone', render: (calendar) => calendar.timeZone },
          {
            label: 'Opening hours',
            render: (calendar) => (
              <Text size="sm" lineClamp={2}>
                {weekSummary(calendar)}
              </Text>
            ),
          },
          { label: 'Holidays', render: (calendar) => String(calendar.holidays.length) },
          { label: 'Used by', render: (calendar) => calendar.usedBy.join(', ') || '—' },
        ]}
        itemName={(calendar) => calendar.name}
        onEdit={setEditing}
        access={{ kind: readOnly ? 'view' : 'edit' }}
        remove={{ onRemove: setDeleting, why: (calendar) => whyNotDelete(calendar, readOnly) }}
        empty="No calendars yet."
      />
      <ConfirmDeleteDialog
        opened={deleting !== null}
        title="Delete calendar"
        question={`Delete “${deleting?.name ?? ''}”? No service level can choose it any more. Holidays and hours go with it.`}
        blocked={deleting ? calendarInUse(deleting) : null}
        onConfirm={() =>
          run('calendar/delete', { id: deleting!.id }, { quiet: true, success: `Calendar “${deleting!.name}” deleted` })
        }
        onClose={() => setDeleting(null)}
      />
      <CalendarEditor calendar={editing} readOnly={readOnly} onClose={() => setEditing(null)} />
    </Stack>
  );
}
