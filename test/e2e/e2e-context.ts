/**
 * What the e2e global setup hands to every test file (through vitest's provide/inject): where Chromium is,
 * or why the suite is skipped, and the built renderer to serve.
 */
export interface E2eContext {
  /** The Chromium binary, or null when it is missing (the suites are then skipped, or fail under CI=true). */
  readonly chromium: string | null;
  readonly skipReason: string | null;
  /** The built renderer (`out/renderer`). */
  readonly staticDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}
