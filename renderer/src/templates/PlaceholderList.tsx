import { Button, Stack, Text, Tooltip } from '@mantine/core';
import { TEMPLATE_PLACEHOLDER_NAMES, TEMPLATE_PLACEHOLDERS } from '#shared/domain/templates.ts';
import type { TemplatePlaceholder } from '#shared/domain/templates.ts';

/** Every placeholder the desk fills in; choosing one puts it where the cursor was in the subject or the text. */
export function PlaceholderList({ onInsert }: { onInsert: (name: TemplatePlaceholder) => void }) {
  return (
    <Stack gap={2} role="group" aria-label="Placeholders">
      <Text size="sm" fw={500}>
        Placeholders
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        Choose one to insert it where the cursor is.
      </Text>
      {TEMPLATE_PLACEHOLDER_NAMES.map((name) => (
        <Tooltip key={name} label={TEMPLATE_PLACEHOLDERS[name]} position="left" openDelay={300}>
          <Button
            variant="subtle"
            size="compact-xs"
            justify="flex-start"
            ff="monospace"
            aria-label={`Insert {{${name}}}: ${TEMPLATE_PLACEHOLDERS[name]}`}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onInsert(name)}
          >
            {`{{${name}}}`}
          </Button>
        </Tooltip>
      ))}
    </Stack>
  );
}
