import { z } from 'zod';
import { changeSchema, deviceIdSchema } from './change.ts';
import type { Change } from './change.ts';

/**
 * The wire protocol between a workstation and its team's hub (DESIGN §4), under `/v1/`. Both sides validate
 * with these schemas; every answer that is not a success is a `HubErrorBody`.
 */
export const MAX_PUSH_CHANGES = 500;
/** Changes stamped further ahead of the hub's clock than this are refused. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/**
 * Changes to what other agents work on, stamped further behind the hub's clock than this (or before the team
 * existed), are refused: an early stamp would win a field that keeps its first value (acknowledgedAt) for
 * good. Four weeks lets a laptop that was away for a holiday deliver its work; older work on shared incidents
 * is refused and listed on that workstation. An agent's own history (a workspace joining the team) may be
 * older: it competes with nobody. See hub/sync/stamp-floor.ts.
 */
export const MAX_CLOCK_BEHIND_MS = 28 * 24 * 3_600_000;
/** No workstation running the desk stamped anything before this: earlier means a clock reset, or a forgery. */
export const EARLIEST_STAMP_MS = Date.UTC(2000, 0, 1);
export const DEFAULT_PULL_LIMIT = 1_000;
export const MAX_PULL_LIMIT = 5_000;

export const HUB_ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'invalid_request',
  'too_large',
  'rate_limited',
  'not_found',
  'unavailable',
  'internal',
] as const;
export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];

export interface HubErrorBody {
  readonly error: { readonly code: HubErrorCode; readonly message: string };
}

export const pushRequestSchema = z.strictObject({
  /** The pushing device, for the hub's record of who is how far behind. */
  device: deviceIdSchema,
  changes: z
    .array(z.unknown())
    .min(1)
    .max(MAX_PUSH_CHANGES, {
      message: `a push carries at most ${MAX_PUSH_CHANGES} changes`,
    }),
});
export type PushRequest = { readonly device: string; readonly changes: readonly Change[] };

export const REJECTION_REASONS = ['malformed', 'clock_ahead', 'clock_behind', 'forbidden'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface Rejection {
  /** The change id when the change had a readable one, else its position in the push. */
  readonly id: string;
  readonly reason: RejectionReason;
  readonly message: string;
}

export interface PushResponse {
  readonly accepted: readonly string[];
  readonly duplicate: readonly string[];
  readonly rejected: readonly Rejection[];
  /** The hub's clock when it answered, so a workstation can correct for its own clock's error. */
  readonly hubTime: number;
}

export interface PullResponse {
  readonly changes: readonly Change[];
  /** Pass back as `after` for the next page. */
  readonly cursor: number;
  readonly more: boolean;
  readonly hubTime: number;
}

/**
 * A change as a pulled page carries it: every field checked as on push, but the value only for being there.
 * It arrives parsed from JSON, so it is JSON whatever it holds, and walking every value of a 1,000-change
 * page again would cost a sync a good part of its speed for nothing.
 */
const pulledChangeSchema = changeSchema.extend({
  value: z.custom<Change['value']>((value) => value !== undefined, { message: 'must have a value' }),
});

export const pullResponseSchema = z.object({
  changes: z.array(pulledChangeSchema),
  cursor: z.number().int().min(0),
  more: z.boolean(),
  hubTime: z.number(),
}) satisfies z.ZodType<PullResponse>;

export const pushResponseSchema = z.object({
  accepted: z.array(z.string()),
  duplicate: z.array(z.string()),
  rejected: z.array(z.object({ id: z.string(), reason: z.enum(REJECTION_REASONS), message: z.string() })),
  hubTime: z.number(),
}) satisfies z.ZodType<PushResponse>;

export const pullQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  device: deviceIdSchema.optional(),
});

/**
 * Bootstrap streams newline-delimited JSON: a header; lines of field state (the winning value of each
 * field) and of timeline events, as compact arrays; and a trailer with the cursor to pull from.
 */
export type BootstrapStateRow = [
  entity: string,
  entityId: string,
  field: string,
  hlc: string,
  device: string,
  value: unknown,
];
export type BootstrapEventRow = [
  id: string,
  entity: string,
  entityId: string,
  hlc: string,
  device: string,
  actor: string | null,
  type: string,
  payload: unknown,
];
export type BootstrapLine =
  | { readonly kind: 'header'; readonly team: string; readonly hubTime: number }
  | { readonly kind: 'state'; readonly rows: readonly BootstrapStateRow[] }
  | { readonly kind: 'events'; readonly rows: readonly BootstrapEventRow[] }
  | { readonly kind: 'end'; readonly cursor: number; readonly changes: number };

export const leaseRequestSchema = z.strictObject({
  device: deviceIdSchema,
  /** Give the lease up (on shutdown) rather than take or renew it. */
  release: z.boolean().optional(),
});

export interface LeaseResponse {
  readonly held: boolean;
  readonly holder: string | null;
  readonly expiresAt: number | null;
  readonly hubTime: number;
}

export interface WhoAmI {
  readonly team: { readonly id: string; readonly name: string };
  readonly account: { readonly id: string; readonly email: string; readonly name: string; readonly role: string };
  readonly hubTime: number;
}

export { changeSchema };
