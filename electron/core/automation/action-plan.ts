import type { Change } from '#shared/change.ts';
import type { Incident } from '#shared/domain/incident.ts';
import type { FieldUpdates } from '#shared/domain/lifecycle.ts';
import type { ChangeRecorder, Db } from '#core/store/store.ts';

/** What a rule's action needs to know: the rule, this firing, and the incident as the actions before it left it. */
export interface ActionContext {
  readonly db: Db;
  readonly rule: { readonly id: string; readonly name: string };
  readonly firingId: string;
  /** The action's place in the rule: with the firing, it names what the action writes (the mail's id). */
  readonly index: number;
  readonly now: string;
  readonly incident: Incident;
  /** What the command recorded and has not applied yet: mail queued by the firings before this one. */
  readonly unflushed: readonly Change[];
}

/**
 * An action, planned before anything is written: the fields it changes, notes for the firing's entry, what it
 * did in words, and what it writes besides (a note, a mail), run after the firing's entry is recorded. A plan
 * that cannot be carried out throws a DeskError, which the firing records as "not done" and goes on.
 */
export interface ActionPlan {
  readonly fields?: FieldUpdates;
  readonly notes?: string;
  readonly outcome?: string;
  readonly effect?: (recorder: ChangeRecorder) => Promise<void>;
}
