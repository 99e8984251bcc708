/** The files a drag carries, or none when it carries something else (text, a link). */
export function droppedFiles(transfer: DataTransfer | null): File[] {
  return transfer ? [...transfer.files] : [];
}

/** Whether a drag over the page carries files (the names are known only on drop). */
export function carriesFiles(transfer: DataTransfer | null): boolean {
  return transfer ? [...transfer.types].includes('Files') : false;
}
