import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ImportSummary } from '#shared/domain/intake.ts';
import { DeskError } from '#shared/errors.ts';
import { desk, onDeskEvent } from '../api/desk.ts';
import type { DeskOutcome } from '../api/desk.ts';
import { bytesToBase64, chunkOffsets, UPLOAD_CHUNK_BYTES } from '../api/upload-chunks.ts';
import { describeError } from '../feedback/describe-error.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import {
  addSummaries,
  EMPTY_SUMMARY,
  importSentence,
  isImportable,
  NOT_IMPORTABLE,
  refusedFile,
} from './import-summary.ts';

export interface ImportFile {
  readonly name: string;
  readonly size: number;
}

/** One import the agent started (a choice of files, or a drop), file after file. */
export interface ImportRun {
  readonly files: readonly ImportFile[];
  /** The file being sent or imported; `files.length` once all are done. */
  readonly fileIndex: number;
  readonly phase: 'uploading' | 'importing' | 'done';
  /** Bytes of the current file the desk has received. */
  readonly uploaded: number;
  /** Everything so far: finished files, and the current file's progress as the desk reports it. */
  readonly summary: ImportSummary;
  /** The agent closed the progress window: the import goes on, and a notification tells the end. */
  readonly hidden: boolean;
}

interface EmailImport {
  readonly run: ImportRun | null;
  start(files: readonly File[]): void;
  /** Hides a running import's window, or forgets a finished one. */
  close(): void;
}

const EmailImportContext = createContext<EmailImport | null>(null);

/** A chunk of the file, or why the browser could not read it (moved, changed or unreadable on disk). */
async function readChunk(file: File, offset: number): Promise<DeskOutcome<Uint8Array>> {
  try {
    return { ok: true, value: new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer()) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: new DeskError('internal', `The file could not be read: ${reason}`) };
  }
}

/** One file sent to the desk chunk by chunk, then imported; the first refusal ends it. */
async function sendAndImport(
  file: File,
  update: (patch: Partial<ImportRun>) => void,
  begun: (uploadId: string) => void,
): Promise<DeskOutcome<ImportSummary>> {
  const upload = await desk['upload/begin']({ name: file.name, size: file.size });
  if (!upload.ok) return upload;
  const { uploadId } = upload.value;
  begun(uploadId);
  for (const offset of chunkOffsets(file.size)) {
    const bytes = await readChunk(file, offset);
    if (!bytes.ok) return bytes;
    const sent = await desk['upload/chunk']({ uploadId, offset, data: bytesToBase64(bytes.value) });
    if (!sent.ok) return sent;
    update({ uploaded: sent.value.received });
  }
  update({ phase: 'importing' });
  return desk['intake/importUpload']({ uploadId });
}

/**
 * Imports .eml and .mbox files the agent chose or dropped: each sent in 512 KiB chunks (`upload/begin`,
 * `upload/chunk`), then imported as one (`intake/importUpload`), with the desk's `intake/progress` shown
 * as it goes. Lives above the screens, so an import keeps going while the agent works elsewhere.
 */
export function EmailImportProvider({ children }: { children: ReactNode }) {
  const [run, setRun] = useState<ImportRun | null>(null);
  const running = useRef(false);
  const hidden = useRef(false);
  const toasts = useToasts();

  const update = useCallback((patch: Partial<ImportRun>) => setRun((now) => (now ? { ...now, ...patch } : now)), []);

  const importOne = useCallback(
    async (file: File, before: ImportSummary): Promise<ImportSummary> => {
      if (!isImportable(file.name)) return addSummaries(before, refusedFile(file.name, NOT_IMPORTABLE));
      let uploadId: string | null = null;
      const stopListening = onDeskEvent('intake/progress', (progress) => {
        if (progress.uploadId === uploadId) update({ summary: addSummaries(before, progress.summary) });
      });
      const imported = await sendAndImport(file, update, (id) => {
        uploadId = id;
      });
      stopListening();
      return addSummaries(
        before,
        imported.ok ? imported.value : refusedFile(file.name, describeError(imported.error).message),
      );
    },
    [update],
  );

  const start = useCallback(
    (chosen: readonly File[]) => {
      if (!chosen.length) return;
      if (running.current) {
        toasts.show({
          kind: 'info',
          title: 'An import is under way',
          message: 'Add these files again when it has finished.',
        });
        return;
      }
      running.current = true;
      hidden.current = false;
      const files = chosen.map((file) => ({ name: file.name, size: file.size }));
      setRun({ files, fileIndex: 0, phase: 'uploading', uploaded: 0, summary: EMPTY_SUMMARY, hidden: false });
      void (async () => {
        let summary = EMPTY_SUMMARY;
        for (const [index, file] of chosen.entries()) {
          update({ fileIndex: index, phase: 'uploading', uploaded: 0, summary });
          summary = await importOne(file, summary);
        }
        running.current = false;
        if (hidden.current) {
          toasts.show({ kind: 'info', title: 'Email import finished', message: importSentence(summary) });
          setRun(null);
        } else update({ fileIndex: files.length, phase: 'done', summary });
      })();
    },
    [importOne, toasts, update],
  );

  const close = useCallback(() => {
    if (running.current) {
      hidden.current = true;
      update({ hidden: true });
    } else setRun(null);
  }, [update]);

  const value = useMemo(() => ({ run, start, close }), [run, start, close]);
  return <EmailImportContext value={value}>{children}</EmailImportContext>;
}

export function useEmailImport(): EmailImport {
  const value = useContext(EmailImportContext);
  if (!value) throw new Error('useEmailImport needs an EmailImportProvider above it.');
  return value;
}
