import { Alert, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { IncidentSummary } from '#shared/domain/incident.ts';
import type { RenderedTemplate } from '#shared/domain/templates.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { IncidentPicker } from '../common/IncidentPicker.tsx';
import { describeError } from '../feedback/describe-error.ts';

interface TemplatePreviewProps {
  /** The saved template; null for one not saved yet. */
  readonly templateId: string | null;
  /** The text differs from what is saved: the preview shows the saved one, and says so. */
  readonly edited: boolean;
}

/** The template filled in for an incident the supervisor picks, as the desk would send it. */
export function TemplatePreview({ templateId, edited }: TemplatePreviewProps) {
  const run = useDeskCommand();
  const [incident, setIncident] = useState<IncidentSummary | null>(null);
  const [rendered, setRendered] = useState<RenderedTemplate | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!templateId || !incident) return;
    let current = true;
    void run('template/render', { templateId, incidentId: incident.id }, { quiet: true }).then((result) => {
      if (!current) return;
      setRendered(result.ok ? result.value : null);
      setProblem(result.ok ? null : describeError(result.error).message);
    });
    return () => {
      current = false;
    };
  }, [run, templateId, incident]);

  if (!templateId) {
    return (
      <Text size="sm" c="dimmed">
        Add the template to preview it against an incident.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <IncidentPicker label="Preview for incident" value={incident} onChange={setIncident} />
      {edited ? (
        <Text size="xs" c="dimmed">
          The preview shows the template as last saved.
        </Text>
      ) : null}
      {problem ? <Alert color="red">{problem}</Alert> : null}
      {incident && rendered ? (
        <Paper withBorder p="sm" role="region" aria-label="The mail as it would go">
          <Text size="sm" fw={600}>
            {rendered.subject}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mt="xs">
            {rendered.body}
          </Text>
        </Paper>
      ) : null}
    </Stack>
  );
}
