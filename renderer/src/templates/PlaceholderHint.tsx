import { Tooltip, Text } from '@mantine/core';
import { TEMPLATE_PLACEHOLDER_NAMES, TEMPLATE_PLACEHOLDERS } from '#shared/domain/templates.ts';

/** A field's hint that it takes placeholders, with the list on hover (the template editor lists them in full). */
export function PlaceholderHint() {
  const list = TEMPLATE_PLACEHOLDER_NAMES.map((name) => `{{${name}}}: ${TEMPLATE_PLACEHOLDERS[name]}`).join('\n');
  return (
    <Tooltip
      label={
        <Text size="xs" style={{ whiteSpace: 'pre-line' }}>
          {list}
        </Text>
      }
      multiline
      w={420}
    >
      <span>Placeholders such as {'{{incident.number}}'} are filled in.</span>
    </Tooltip>
  );
}
