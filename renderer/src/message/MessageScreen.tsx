import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import { INBOX_STATE_LABELS } from '#shared/domain/intake.ts';
import type { InboundMessage } from '#shared/domain/intake.ts';
import { useInboundMessage } from '../api/use-inbound-message.ts';
import { useIncidentRefs } from '../api/use-incident-refs.ts';
import { ChannelBadge, MessageKindBadge } from '../common/ChannelBadge.tsx';
import { Tag } from '../common/Tag.tsx';
import { LoadFailed } from '../feedback/LoadFailed.tsx';
import { TriageButtons } from '../inbox/TriageButtons.tsx';
import { useTriage } from '../inbox/use-triage.tsx';
import { routeHash } from '../navigation/route.ts';
import { useShortcuts } from '../navigation/use-shortcuts.ts';
import { MessageBody } from './MessageBody.tsx';
import { MessageDetails } from './MessageDetails.tsx';
import classes from './message.module.css';

interface MessageScreenProps {
  readonly id: string;
  /** "Back to inbox", or "Back to incident" when the agent came from an incident's timeline. */
  readonly backLabel: string;
  onBack(): void;
}

/** Where a triaged message went: "Made into INC-12 · Printer offline", as a link. */
function IncidentLink({ message }: { message: InboundMessage }) {
  const refs = useIncidentRefs(message.incidentId ? [message.incidentId] : []);
  if (!message.incidentId || !refs) return null;
  const ref = refs.get(message.incidentId);
  const name = ref ? `${formatIncidentNumber(ref.number, ref.provisionalNumber)} · ${ref.title}` : 'the incident';
  return (
    <Text size="sm" data-testid="message-incident">
      {message.state === 'incident' ? 'Made into ' : 'Added to '}
      <Anchor href={routeHash({ screen: 'incident', id: message.incidentId })} fw={500} inherit>
        {name}
      </Anchor>
    </Text>
  );
}

function TriageBar({ message }: { message: InboundMessage }) {
  const triage = useTriage();
  const waiting = message.state === 'untriaged';
  const items = waiting ? [message] : [];
  useShortcuts({
    'make-incident': () => triage.createIncident(items),
    'add-to-incident': () => triage.addToIncident(items),
    'mark-noise': () => triage.markNoise(items),
  });
  return (
    <Group gap="xs" role="toolbar" aria-label="Triage">
      {waiting ? (
        <TriageButtons triage={triage} items={items} />
      ) : message.state === 'noise' ? (
        <Button size="xs" variant="default" onClick={() => triage.restore([message])}>
          Back to the inbox
        </Button>
      ) : (
        <IncidentLink message={message} />
      )}
      {triage.dialogs}
    </Group>
  );
}

function MessageView({ message, backLabel, onBack }: { message: InboundMessage } & Omit<MessageScreenProps, 'id'>) {
  return (
    <div className={classes.screen}>
      <Stack gap="sm" className={classes.header}>
        <Group gap="sm" wrap="nowrap" align="center">
          <Button
            variant="subtle"
            size="xs"
            onClick={onBack}
            aria-keyshortcuts="Escape"
            // A long subject wraps beside it; the way back keeps its words.
            style={{ flexShrink: 0 }}
            title={`${backLabel} (Esc)`}
          >
            <span aria-hidden="true">←&nbsp;</span>
            {backLabel}
          </Button>
          <ChannelBadge channel={message.channel} size="md" />
          <Title order={1} size="h3" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {message.subject || '(no subject)'}
          </Title>
          <MessageKindBadge kind={message.kind} size="md" />
          <span data-testid="message-state">
            <Tag color={message.state === 'untriaged' ? 'blue' : 'gray'} size="md">
              {INBOX_STATE_LABELS[message.state]}
            </Tag>
          </span>
        </Group>
        <TriageBar message={message} />
      </Stack>
      <div className={classes.columns}>
        <section aria-label="Message">
          <MessageBody message={message} />
        </section>
        <aside aria-label="Message details">
          <MessageDetails message={message} />
        </aside>
      </div>
    </div>
  );
}

/** One inbound message in full: headers, body, attachments, what it is and where it went. Esc goes back. */
export function MessageScreen({ id, backLabel, onBack }: MessageScreenProps) {
  const load = useInboundMessage(id);
  useShortcuts({ back: onBack });
  if (load.kind === 'loading') return null;
  if (load.kind === 'failed') return <LoadFailed error={load.error} backLabel={backLabel} onBack={onBack} />;
  return <MessageView message={load.value} backLabel={backLabel} onBack={onBack} />;
}
