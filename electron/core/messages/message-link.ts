import { v5 as uuidv5 } from 'uuid';
import type { MailAddress, MessageKind } from '#shared/domain/intake.ts';
import type { ChangeRecorder } from '../store/store.ts';

const LINK_NAMESPACE = '0b7f3c52-4f6e-4d8e-9a0a-5b1f7e3d2c11';

/** What an incident's timeline shows of a message that belongs to it. */
export interface LinkedMessage {
  readonly id: string;
  readonly channel: string;
  readonly kind: MessageKind;
  readonly from: MailAddress | null;
  readonly subject: string;
  readonly preview: string;
  /** `outbound`: a call the agent made to the reporter (a public response); absent for all that was received. */
  readonly direction?: 'inbound' | 'outbound';
}

/** Puts a message on an incident: the message points at the incident, the incident's timeline shows it. */
export function linkMessage(
  recorder: ChangeRecorder,
  message: LinkedMessage,
  incidentId: string,
  state: 'incident' | 'threaded',
): void {
  recorder.set('message', message.id, 'incidentId', incidentId);
  recorder.set('message', message.id, 'state', state);
  recorder.append(
    'incident',
    incidentId,
    'message',
    {
      messageId: message.id,
      channel: message.channel,
      kind: message.kind,
      from: message.from ? { ...message.from } : null,
      subject: message.subject,
      preview: message.preview,
      ...(message.direction === 'outbound' ? { direction: 'outbound' } : {}),
    },
    // One entry per message and incident, however many workstations link it.
    uuidv5(`timeline:${message.id}:${incidentId}`, LINK_NAMESPACE),
  );
}
