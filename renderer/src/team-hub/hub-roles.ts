import { HUB_ROLES } from '#shared/domain/sync-status.ts';
import type { HubRole } from '#shared/domain/sync-status.ts';
import type { Option } from '../common/select-options.ts';

export const HUB_ROLE_LABELS: Record<HubRole, string> = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Admin' };

export const HUB_ROLE_OPTIONS: Option<HubRole>[] = HUB_ROLES.map((value) => ({ value, label: HUB_ROLE_LABELS[value] }));

/** What each role may do, in the words of the form that grants it. */
export const HUB_ROLES_HINT =
  "Supervisors also change the team's settings; admins also add agents and issue device tokens.";
