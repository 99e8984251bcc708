import { Alert, Button, Stack } from '@mantine/core';
import { describeError } from './describe-error.ts';

/** A screen whose subject could not be loaded: why, and the way back. */
export function LoadFailed({ error, backLabel, onBack }: { error: unknown; backLabel: string; onBack: () => void }) {
  const notice = describeError(error);
  return (
    <Stack p="lg" maw={640}>
      <Alert color="red" title={notice.title}>
        {notice.message}
      </Alert>
      <Button variant="default" onClick={onBack} w="fit-content">
        {backLabel}
      </Button>
    </Stack>
  );
}
