import { Button } from '@mantine/core';
import type { InboxItem } from '#shared/domain/intake.ts';
import type { Triage } from './use-triage.tsx';

/** Create incident (I), Add to incident (A) and Mark as noise (N) for the given items; disabled without any. */
export function TriageButtons({ triage, items }: { triage: Triage; items: readonly InboxItem[] }) {
  const none = !items.length;
  return (
    <>
      <Button
        size="xs"
        disabled={none}
        onClick={() => triage.createIncident(items)}
        aria-keyshortcuts="i"
        title="Create incident (I)"
      >
        Create incident
      </Button>
      <Button
        size="xs"
        variant="default"
        disabled={none}
        onClick={() => triage.addToIncident(items)}
        aria-keyshortcuts="a"
        title="Add to incident (A)"
      >
        Add to incident
      </Button>
      <Button
        size="xs"
        variant="default"
        disabled={none}
        onClick={() => triage.markNoise(items)}
        aria-keyshortcuts="n"
        title="Mark as noise (N)"
      >
        Mark as noise
      </Button>
    </>
  );
}
