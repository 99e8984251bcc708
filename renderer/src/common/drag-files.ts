import { useState } from 'react';
import type { DragEvent } from 'react';

/** The files a drag carries, or none when it carries something else (text, a link). */
export function droppedFiles(transfer: DataTransfer | null): File[] {
  return transfer ? [...transfer.files] : [];
}

/** Whether a drag over the page carries files (the names are known only on drop). */
export function carriesFiles(transfer: DataTransfer | null): boolean {
  return transfer ? [...transfer.types].includes('Files') : false;
}

/** What a place files may be dropped on spreads onto its element, and whether files are being dragged over it. */
export interface FileDropTarget {
  readonly dragging: boolean;
  readonly handlers: {
    onDragEnter(event: DragEvent): void;
    onDragOver(event: DragEvent): void;
    onDragLeave(event: DragEvent): void;
    onDrop(event: DragEvent): void;
  };
}

/**
 * An element as a place to drop files on (an incident, the new-incident dialog). Files dropped there are for
 * it, not for the window's email import (intake/FileDropZone.tsx), so the drag stops here; anything else
 * dragged (text, a link) passes by. While `disabled`, nothing is taken.
 */
export function useFileDropTarget(onDropFiles: (files: File[]) => void, disabled = false): FileDropTarget {
  const [dragging, setDragging] = useState(false);
  const over = (event: DragEvent) => {
    if (disabled || !carriesFiles(event.dataTransfer)) return;
    event.stopPropagation();
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  return {
    dragging,
    handlers: {
      onDragEnter: over,
      onDragOver: over,
      onDragLeave: (event) => {
        if (carriesFiles(event.dataTransfer)) event.stopPropagation();
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop: (event) => {
        setDragging(false);
        if (disabled) return;
        const files = droppedFiles(event.dataTransfer);
        if (!files.length) return;
        event.stopPropagation();
        event.preventDefault();
        onDropFiles(files);
      },
    },
  };
}
