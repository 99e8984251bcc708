/** The part of Electron's `app` this needs; Electron's own `app` satisfies it. */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/**
 * Holds the first quit until the core has closed its SQLite store, then quits for real, so the process never
 * exits in the middle of a write. Quit requests that arrive while it closes are held too.
 */
export function closeCoreOnQuit(app: QuittingApp, close: () => Promise<void>, log: (error: unknown) => void): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    close()
      .catch(log)
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
