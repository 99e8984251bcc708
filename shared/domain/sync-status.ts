import { z } from 'zod';
import { isPlainText } from '../change.ts';
import { hubAddressProblem } from '../loopback.ts';

/** How a workspace stands with its team hub, as the status bar shows it. */
export const SYNC_STATES = ['local', 'connecting', 'online', 'offline', 'error'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export interface SyncStatus {
  readonly state: SyncState;
  readonly hubUrl: string | null;
  readonly team: string | null;
  /** Local changes not yet accepted by the hub. */
  readonly pending: number;
  /** Changes the hub refused (kept, and listed for the agent). */
  readonly rejected: number;
  readonly lastSyncAt: string | null;
  /** Why the last attempt failed, in words an agent can act on. */
  readonly error: string | null;
  /** Whether this workstation holds the team's automation lease and runs the always-on duties. */
  readonly automation: boolean;
}

function changes(count: number): string {
  return count === 1 ? '1 change' : `${count} changes`;
}

export function describeSync(status: SyncStatus): string {
  switch (status.state) {
    case 'local':
      return 'Local workspace (not connected to a team hub)';
    case 'connecting':
      return 'Connecting to the team hub…';
    case 'online':
      return status.pending ? `Online, sending ${changes(status.pending)}` : 'Online';
    case 'offline':
      return status.pending ? `Offline, ${changes(status.pending)} waiting` : 'Offline';
    case 'error':
      return `Sync error: ${status.error ?? 'unknown'}`;
  }
}

export const connectHubInput = z.strictObject({
  hubUrl: z
    .string()
    .trim()
    .url({ message: 'must be the hub address, like https://hub.example.com' })
    .superRefine((url, context) => {
      const problem = hubAddressProblem(url);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
  token: z.string().trim().min(10, { message: 'paste the whole device token' }).max(200),
});
export type ConnectHubInput = z.input<typeof connectHubInput>;

/** A value this agent set that someone else's later change replaced. */
export interface OverwriteNotice {
  readonly entity: string;
  readonly entityId: string;
  readonly field: string;
  readonly mine: unknown;
  readonly theirs: unknown;
  readonly byAgentId: string | null;
  readonly at: string;
}

export const HUB_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type HubRole = (typeof HUB_ROLES)[number];

export interface HubAccount {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: HubRole;
}

/**
 * The hub's admin requests, as the desk's Team settings send them and as the hub's /v1/admin routes accept
 * them: one schema for both ends. Names and addresses go into the hub's text columns, which hold no NUL;
 * no control character belongs in them.
 */
const hubEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }).max(254));
const hubText = (max: number) => z.string().trim().max(max).refine(isPlainText, { message: 'must be plain text' });

export const addHubAgentInput = z.strictObject({
  email: hubEmail,
  name: hubText(120).refine((name) => name.length > 0, { message: 'Name is required' }),
  role: z.enum(HUB_ROLES),
});

export const issueHubTokenInput = z.strictObject({
  email: hubEmail,
  label: hubText(120).default('device'),
});
