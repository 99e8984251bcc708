export interface PolicyOptions {
  /** The development server (`ELECTRON_RENDERER_URL`), when the renderer is served by `electron-vite dev`. */
  readonly devServerUrl?: string | undefined;
}

/**
 * The window's Content-Security-Policy, set as a response header on everything the window loads. It matches
 * the browser-mode host's policy (electron/host/web-server.ts) except that the desktop app opens no socket:
 * calls and events travel over IPC.
 */
export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : null;
  const devSocket = dev ? `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}` : '';
  return [
    "default-src 'self'",
    // The development server injects React Refresh's preamble as an inline module script; the built
    // renderer has no inline script, so only development relaxes this. Never 'unsafe-eval'.
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    // Mantine sets style attributes at run time.
    "style-src 'self' 'unsafe-inline'",
    // https: for images only, so an email's remote images can show once the agent asks; the message frame is
    // sanitised and carries its own stricter policy until then, and nothing else of the app loads remote
    // images (the session also lets through only https images requested by a sub-frame).
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    dev ? `connect-src 'self' ${devSocket}` : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The response headers with our policy in place of any the response carried (names are case-insensitive). */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  policy: string,
): Record<string, string | string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}
