import { z } from 'zod';
import { DeskError } from '../errors.ts';
import { isOpenStatus, resolutionCode, status as statusEnum } from './enums.ts';
import type { ResolutionCode, Status } from './enums.ts';
import type { FieldValue, Incident, IncidentField } from './incident.ts';
import { idSchema, optionalText } from './schemas.ts';

/**
 * The incident lifecycle: New → Assigned → In progress ⇄ Waiting on customer → Resolved → Closed, with
 * Cancelled from any open status and Reopen from Resolved or Closed. Pure rules, shared by the core (which
 * enforces them) and the renderer (which offers only the actions that apply).
 */
export const TRANSITION_ACTIONS = ['start', 'wait', 'resume', 'resolve', 'close', 'cancel', 'reopen'] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

export const ACTION_LABELS: Record<TransitionAction, string> = {
  start: 'Start work',
  wait: 'Waiting on customer',
  resume: 'Resume work',
  resolve: 'Resolve',
  close: 'Close',
  cancel: 'Cancel incident',
  reopen: 'Reopen',
};

interface TransitionRule {
  readonly from: readonly Status[];
  /** What the action needs from the agent beyond a click. */
  readonly requires: 'nothing' | 'resolution' | 'reason';
}

const RULES: Record<TransitionAction, TransitionRule> = {
  start: { from: ['new', 'assigned'], requires: 'nothing' },
  wait: { from: ['in_progress'], requires: 'nothing' },
  resume: { from: ['waiting_on_customer'], requires: 'nothing' },
  resolve: { from: ['new', 'assigned', 'in_progress', 'waiting_on_customer'], requires: 'resolution' },
  close: { from: ['resolved'], requires: 'nothing' },
  cancel: { from: ['new', 'assigned', 'in_progress', 'waiting_on_customer'], requires: 'reason' },
  reopen: { from: ['resolved', 'closed'], requires: 'reason' },
};

export function actionRequirement(action: TransitionAction): TransitionRule['requires'] {
  return RULES[action].requires;
}

/** The lifecycle actions an agent can take on an incident in this status, in the order buttons show them. */
export function availableActions(current: Status): TransitionAction[] {
  return TRANSITION_ACTIONS.filter((action) => RULES[action].from.includes(current));
}

export const transitionInput = z.strictObject({
  id: idSchema,
  action: z.enum(TRANSITION_ACTIONS),
  notes: optionalText('Notes', 20_000).optional(),
  resolutionCode: resolutionCode.schema.optional(),
  /** What caused the incident: required to resolve, besides the notes (what fixed it). */
  cause: optionalText('Cause', 2_000).optional(),
});
export type TransitionInput = z.input<typeof transitionInput>;

export type LifecycleState = Pick<
  Incident,
  | 'status'
  | 'assigneeId'
  | 'acknowledgedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'resolutionCode'
  | 'resolutionNotes'
  | 'cause'
  | 'categoryId'
>;

export type FieldUpdates = Partial<Record<IncidentField, FieldValue>>;

export interface TransitionPlan {
  readonly fields: FieldUpdates;
  /** Free text the agent gave (a reason, or the resolution notes) for the timeline entry. */
  readonly notes: string | null;
}

interface Actor {
  readonly actorId: string;
  readonly now: string;
}

/** Acknowledgement is the first time an agent takes or works the incident; later work does not move it. */
export function acknowledgement(current: Pick<Incident, 'acknowledgedAt'>, actor: Actor): FieldUpdates {
  return current.acknowledgedAt === null ? { acknowledgedAt: actor.now } : {};
}

function refuse(current: Status, action: TransitionAction): never {
  const allowed = availableActions(current).map((a) => ACTION_LABELS[a]);
  const hint = allowed.length ? ` From here you can: ${allowed.join(', ')}.` : '';
  throw new DeskError(
    'invalid_transition',
    `"${ACTION_LABELS[action]}" is not possible while the incident is ${statusEnum.labels[current]}.${hint}`,
  );
}

function requireText(value: string | undefined, what: string): string {
  const text = value?.trim();
  if (!text) throw new DeskError('invalid_input', `${what} is required.`);
  return text;
}

/**
 * What an incident's documentation lacks before it may close (DESIGN §1, closing): the category (its nature),
 * the resolution code and notes (the solution) and the cause, as the resolution mail states them.
 */
export function missingDocumentation(
  current: Pick<LifecycleState, 'categoryId' | 'resolutionCode' | 'resolutionNotes' | 'cause'>,
): string[] {
  const missing: string[] = [];
  if (!current.categoryId) missing.push('the category');
  if (!current.resolutionCode) missing.push('the resolution code');
  if (!current.resolutionNotes?.trim()) missing.push('the resolution notes');
  if (!current.cause?.trim()) missing.push('the cause');
  return missing;
}

export function planTransition(
  current: LifecycleState,
  input: {
    action: TransitionAction;
    notes?: string | undefined;
    resolutionCode?: ResolutionCode | undefined;
    cause?: string | undefined;
  },
  actor: Actor,
): TransitionPlan {
  const { action } = input;
  if (!RULES[action].from.includes(current.status)) refuse(current.status, action);
  const worker = current.assigneeId === null ? { assigneeId: actor.actorId } : {};
  switch (action) {
    case 'start':
    case 'resume':
      return { fields: { status: 'in_progress', ...worker, ...acknowledgement(current, actor) }, notes: null };
    case 'wait':
      return { fields: { status: 'waiting_on_customer', ...acknowledgement(current, actor) }, notes: null };
    case 'resolve': {
      const notes = requireText(input.notes, 'Resolution notes');
      if (!input.resolutionCode) throw new DeskError('invalid_input', 'Resolution code is required.');
      const cause = requireText(input.cause, 'The cause');
      return {
        fields: {
          status: 'resolved',
          resolvedAt: actor.now,
          resolutionCode: input.resolutionCode,
          resolutionNotes: notes,
          cause,
          ...worker,
          ...acknowledgement(current, actor),
        },
        notes,
      };
    }
    case 'close': {
      const missing = missingDocumentation(current);
      if (missing.length) {
        throw new DeskError(
          'invalid_transition',
          `Before closing, complete the documentation: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`,
        );
      }
      return { fields: { status: 'closed', closedAt: actor.now }, notes: input.notes?.trim() || null };
    }
    case 'cancel': {
      const notes = requireText(input.notes, 'A reason for cancelling');
      return { fields: { status: 'cancelled', closedAt: actor.now, ...acknowledgement(current, actor) }, notes };
    }
    case 'reopen': {
      const notes = requireText(input.notes, 'A reason for reopening');
      return {
        fields: {
          status: current.assigneeId === null ? 'new' : 'in_progress',
          resolvedAt: null,
          closedAt: null,
          resolutionCode: null,
          resolutionNotes: null,
          cause: null,
        },
        notes,
      };
    }
  }
}

/** Assignment moves New to Assigned (and back when the assignee is cleared); ended incidents must be reopened. */
export function planAssignment(
  current: LifecycleState & Pick<Incident, 'groupId'>,
  target: { assigneeId: string | null; groupId?: string | null | undefined },
  actor: Actor,
): FieldUpdates {
  if (!isOpenStatus(current.status)) {
    throw new DeskError(
      'invalid_transition',
      `The incident is ${statusEnum.labels[current.status]}; reopen it before changing who works on it.`,
    );
  }
  const fields: FieldUpdates = { assigneeId: target.assigneeId };
  if (target.groupId !== undefined) fields.groupId = target.groupId;
  if (current.status === 'new' && target.assigneeId !== null) fields.status = 'assigned';
  if (current.status === 'assigned' && target.assigneeId === null) fields.status = 'new';
  return target.assigneeId === actor.actorId ? { ...fields, ...acknowledgement(current, actor) } : fields;
}
