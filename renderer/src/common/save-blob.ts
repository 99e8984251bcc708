/** Hands the browser bytes to save under `name`, as a download (the page never shows them itself). */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name, rel: 'noopener' });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the next task; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Shows bytes in a tab of their own. Only for types that run nothing (images, PDF, plain text: isViewable),
 * so the tab, though it shares the page's origin, holds no script; `noopener` leaves it no way back to the desk.
 */
export function openBlobInTab(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  // The tab has loaded it long before a minute passes; the URL holds the bytes in memory until revoked.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
