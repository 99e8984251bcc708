import { Button, FileButton, Group, Modal, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { WEEKDAY_LABELS, WEEKDAYS } from '#shared/domain/calendar.ts';
import type { CalendarView } from '#shared/domain/sla-settings.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { NameField } from '../forms/EditorFields.tsx';
import { SupervisorEditorForm } from '../forms/SupervisorEditorForm.tsx';
import { useSettingsSave } from '../forms/use-settings-save.ts';
import { calendarDraft, calendarInput, holidaysText, problemAt } from './calendar-draft.ts';

interface CalendarFormProps {
  readonly calendar: CalendarView | null;
  /** Agents read the calendar; the fields are there but cannot change. */
  readonly readOnly: boolean;
  onClose(): void;
}

function CalendarForm({ calendar, readOnly, onClose }: CalendarFormProps) {
  const [draft, setDraft] = useState(() => calendarDraft(calendar));
  const input = calendarInput(draft, calendar?.id);
  const { save, errors, refusal } = useSettingsSave(
    'calendar/save',
    calendar ? 'The calendar is saved' : 'The calendar is added',
    input,
  );
  const run = useDeskCommand();
  const [imported, setImported] = useState<string | null>(null);
  // The file's holidays join the calendar at once (the desk merges them by date); the list here follows.
  const importFile = async (file: File | null) => {
    if (!file || !calendar) return;
    const result = await run('calendar/importHolidays', { calendarId: calendar.id, ics: await file.text() });
    if (!result.ok) return;
    const { added, renamed, calendar: updated } = result.value;
    setDraft({ ...draft, holidays: holidaysText(updated.holidays) });
    setImported(`${added} holidays added, ${renamed} renamed, from ${file.name}.`);
  };
  return (
    <SupervisorEditorForm
      readOnly={readOnly}
      notice={{
        title: 'Supervisors set calendars',
        text: 'You can look at this calendar; only a supervisor can change it.',
      }}
      refusal={refusal}
      submitLabel={calendar ? 'Save calendar' : 'Add calendar'}
      onSave={() => save(input)}
      onClose={onClose}
      after={
        calendar && !readOnly ? (
          <Group gap="xs">
            <FileButton onChange={(file) => void importFile(file)} accept=".ics,text/calendar">
              {(props) => (
                <Button variant="default" size="xs" {...props}>
                  Import holidays from .ics…
                </Button>
              )}
            </FileButton>
            {imported ? (
              <Text size="xs" role="status">
                {imported}
              </Text>
            ) : null}
          </Group>
        ) : null
      }
    >
      <NameField value={draft.name} onChange={(name) => setDraft({ ...draft, name })} error={errors.name} />
      <TextInput
        label="Time zone"
        description="An IANA time zone, such as Europe/Berlin or America/New_York."
        value={draft.timeZone}
        onChange={(event) => setDraft({ ...draft, timeZone: event.currentTarget.value })}
        error={errors.timeZone}
        required
      />
      <Text size="sm" fw={500}>
        Opening hours
      </Text>
      <Text size="xs" c="dimmed" mt={-8}>
        Intervals separated by commas, such as 08:00–12:00, 13:00–17:00; 24:00 ends a day. Empty: closed.
      </Text>
      {WEEKDAYS.map((day) => (
        <TextInput
          key={day}
          label={WEEKDAY_LABELS[day]}
          value={draft.hours[day]}
          placeholder="Closed"
          onChange={(event) => setDraft({ ...draft, hours: { ...draft.hours, [day]: event.currentTarget.value } })}
          error={problemAt(errors, `hours.${day}`) ?? (day === 'mon' ? problemAt(errors, 'hours') : undefined)}
        />
      ))}
      <Textarea
        label="Holidays"
        description="One a line: the local date, then its name (2026-12-25 Christmas Day)."
        value={draft.holidays}
        onChange={(event) => setDraft({ ...draft, holidays: event.currentTarget.value })}
        error={problemAt(errors, 'holidays')}
        autosize
        minRows={3}
        maxRows={10}
      />
    </SupervisorEditorForm>
  );
}

/** A calendar's editor: name, time zone, weekly opening hours, holidays and their import from an .ics file. */
export function CalendarEditor({
  calendar,
  readOnly,
  onClose,
}: {
  calendar: CalendarView | 'new' | null;
  readOnly: boolean;
  onClose: () => void;
}) {
  const title = calendar === 'new' ? 'Add calendar' : calendar ? calendar.name : '';
  return (
    <Modal opened={calendar !== null} onClose={onClose} title={title} size="lg">
      {calendar !== null ? (
        <CalendarForm calendar={calendar === 'new' ? null : calendar} readOnly={readOnly} onClose={onClose} />
      ) : null}
    </Modal>
  );
}
