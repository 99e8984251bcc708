import { Button } from '@mantine/core';
import { useRef } from 'react';
import { useEmailImport } from './email-import-context.tsx';
import { IMPORT_ACCEPT } from './import-summary.ts';

/** "Import email…": the system's file chooser for .eml and .mbox files, several at once. */
export function ImportEmailButton() {
  const { start } = useEmailImport();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button variant="default" size="xs" onClick={() => input.current?.click()}>
        Import email…
      </Button>
      <input
        ref={input}
        type="file"
        accept={IMPORT_ACCEPT}
        multiple
        hidden
        aria-label="Email files to import"
        data-testid="import-email-files"
        onChange={(event) => {
          start([...(event.currentTarget.files ?? [])]);
          // The same file chosen again later must still count as a change.
          event.currentTarget.value = '';
        }}
      />
    </>
  );
}
