import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import { useIncident } from '../api/use-incident.ts';
import { useAfterFirstPaint } from '../common/use-after-first-paint.ts';
import { LoadFailed } from '../feedback/LoadFailed.tsx';
import { useShortcuts } from '../navigation/use-shortcuts.ts';
import classes from './incident.module.css';
import { IncidentClocks } from './IncidentClocks.tsx';
import { AttachFilesButton, IncidentFileDrop, useAttachFiles } from './IncidentFileDrop.tsx';
import { IncidentHeader } from './IncidentHeader.tsx';
import { IncidentProperties } from './IncidentProperties.tsx';
import { IncidentSummaryForm } from './IncidentSummaryForm.tsx';
import { LifecycleActions } from './LifecycleActions.tsx';
import { NoteComposer } from './NoteComposer.tsx';
import { NotifyAffectedDialog } from './NotifyAffectedDialog.tsx';
import { RelatedIncidents } from './RelatedIncidents.tsx';
import { ReplyComposer } from './ReplyComposer.tsx';
import { Timeline } from './Timeline.tsx';
import { useIncidentCommands } from './use-incident-commands.ts';

function IncidentView({
  detail,
  adopt,
  onBack,
}: {
  detail: IncidentDetail;
  adopt: (detail: IncidentDetail) => void;
  onBack: () => void;
}) {
  const { incident } = detail;
  const commands = useIncidentCommands(incident.id, adopt);
  const readOnly = incident.status === 'closed' || incident.status === 'cancelled';
  const [replying, setReplying] = useState(false);
  const [notifying, setNotifying] = useState(false);
  const attaching = useAttachFiles(incident.id, adopt);
  useShortcuts({ reply: () => setReplying(true) });
  // The heading and the timeline first; the properties beside them and the composers below come a frame later.
  const complete = useAfterFirstPaint();
  return (
    <IncidentFileDrop attaching={attaching} disabled={readOnly} className={classes.screen}>
      <Stack gap="sm" className={classes.header}>
        <IncidentHeader incident={incident} onBack={onBack} />
        <RelatedIncidents incident={incident} />
        <LifecycleActions incident={incident} commands={commands} />
      </Stack>
      <div className={classes.columns}>
        <Stack gap="lg">
          <IncidentSummaryForm key={incident.id} incident={incident} commands={commands} readOnly={readOnly} />
          <Timeline incidentId={incident.id} events={detail.timeline} />
          {complete ? (
            <>
              {readOnly ? null : <AttachFilesButton attaching={attaching} />}
              {replying ? (
                <ReplyComposer incidentId={incident.id} commands={commands} onClose={() => setReplying(false)} />
              ) : (
                <Group>
                  <Button variant="light" onClick={() => setReplying(true)} aria-keyshortcuts="r">
                    Reply to the reporter (r)
                  </Button>
                  {incident.serviceId ? (
                    <Button variant="default" onClick={() => setNotifying(true)}>
                      Notify affected
                    </Button>
                  ) : null}
                </Group>
              )}
              <NoteComposer key={incident.id} incidentId={incident.id} commands={commands} />
              <NotifyAffectedDialog
                incidentId={incident.id}
                opened={notifying}
                onSent={adopt}
                onClose={() => setNotifying(false)}
              />
            </>
          ) : null}
        </Stack>
        <aside aria-label="Incident properties">
          {complete ? (
            <Stack gap="lg">
              <IncidentClocks incidentId={incident.id} />
              <IncidentProperties incident={incident} commands={commands} readOnly={readOnly} />
            </Stack>
          ) : null}
        </aside>
      </div>
    </IncidentFileDrop>
  );
}

/** One incident: what it is, what can be done next, and everything that happened to it. Esc goes back. */
export function IncidentScreen({ id, onBack }: { id: string; onBack: () => void }) {
  const { load, adopt } = useIncident(id);
  useShortcuts({ back: onBack });
  if (load.kind === 'loading') return null;
  if (load.kind === 'failed') return <LoadFailed error={load.error} backLabel="Back to queue" onBack={onBack} />;
  return <IncidentView detail={load.value} adopt={adopt} onBack={onBack} />;
}
