import { Alert } from '@mantine/core';
import { useSignedInAgent } from '../api/session-context.tsx';

/**
 * Why the signed-in agent cannot change `what` (null for a supervisor), for the buttons that would change it:
 * "Only a supervisor can add agents".
 */
export function useSupervisorOnly(action: string): string | null {
  const me = useSignedInAgent();
  return me.role === 'supervisor' ? null : `Only a supervisor can ${action}`;
}

/** Says up front what the desk would refuse, rather than letting an agent find out on Save. */
export function SupervisorNotice({ what }: { what: string }) {
  const me = useSignedInAgent();
  if (me.role === 'supervisor') return null;
  return (
    <Alert color="blue" variant="light" title="Supervisors set these">
      You can look at {what}; only a supervisor can change them.
    </Alert>
  );
}
