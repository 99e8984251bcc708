import { Alert, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { CalendarView } from '#shared/domain/sla-settings.ts';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskQuery } from '../api/use-desk-query.ts';
import { describeError } from '../feedback/describe-error.ts';
import { ReasonedButton } from '../forms/ReasonedButton.tsx';
import { SupervisorNotice } from '../forms/SupervisorNotice.tsx';
import { weekSummary } from './calendar-draft.ts';
import { CalendarEditor } from './CalendarEditor.tsx';
import { SettingsTable } from '../forms/SettingsTable.tsx';

/** Settings → Calendars: the team's business calendars, which service levels measure time in. */
export function CalendarsTab() {
  const me = useSignedInAgent();
  const readOnly = me.role !== 'supervisor';
  const { load } = useDeskQuery('calendar/list', {}, { reloadWhen: (change) => change.reference });
  const [editing, setEditing] = useState<CalendarView | 'new' | null>(null);
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
        empty="No calendars yet."
      />
      <CalendarEditor calendar={editing} readOnly={readOnly} onClose={() => setEditing(null)} />
    </Stack>
  );
}
