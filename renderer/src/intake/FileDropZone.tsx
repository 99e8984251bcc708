import { Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useEmailImport } from './email-import-context.tsx';
import classes from './file-drop.module.css';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Files dropped anywhere on the window are imported as email. Without this, a dropped file would replace
 * the app in the window; anything else dragged (text, a link) is left alone.
 */
export function FileDropZone() {
  const { start } = useEmailImport();
  const [over, setOver] = useState(false);
  // dragenter and dragleave fire for every element crossed; the count says whether we are still inside.
  const depth = useRef(0);

  useEffect(() => {
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current++;
      setOver(true);
    };
    const overWindow = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setOver(false);
      start([...(event.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overWindow);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overWindow);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [start]);

  if (!over) return null;
  return (
    <div className={classes.overlay} aria-hidden="true">
      <div className={classes.card}>
        <Text fw={600} size="lg">
          Drop to import email
        </Text>
        <Text size="sm" c="dimmed">
          .eml and .mbox files: new mail goes to the inbox, replies to their incidents.
        </Text>
      </div>
    </div>
  );
}
