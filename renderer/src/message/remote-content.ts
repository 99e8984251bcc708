/**
 * What a URL in an email's HTML would fetch, decided without a DOM so the rules are tested on their own:
 * data: images are inside the message, cid: names an attached image, http(s) reaches out to the sender's
 * server (which learns that and when the message was read), and anything else has no business in a frame.
 */
export type UrlKind = 'data' | 'cid' | 'remote' | 'insecure' | 'other';

export function urlKind(url: string): UrlKind {
  const value = url.trim();
  if (/^data:image\//i.test(value)) return 'data';
  if (/^cid:/i.test(value)) return 'cid';
  if (/^https:\/\//i.test(value)) return 'remote';
  // Protocol-relative URLs would follow the page (http on the browser host): treated as insecure.
  if (/^(http:)?\/\//i.test(value)) return 'insecure';
  return 'other';
}

/** The Content-ID a cid: URL names, as the intake stores it (without angle brackets). */
export function contentIdOf(url: string): string {
  const raw = url.trim().replace(/^cid:/i, '');
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A broken escape is matched as written.
  }
  return decoded.replace(/^<|>$/g, '').toLowerCase();
}

/** How one URL in the message is to be shown: the address to use, or null to leave it out. */
export type UrlResolver = (url: string) => string | null;

/**
 * The frame's own Content-Security-Policy, a second lock behind the sanitiser: nothing but inline styles
 * and images inside the message, plus https images once the agent has asked for them.
 */
export function framePolicy(remoteImages: boolean): string {
  return [
    "default-src 'none'",
    `img-src data:${remoteImages ? ' https:' : ''}`,
    "style-src 'unsafe-inline'",
    'font-src data:',
    "form-action 'none'",
  ].join('; ');
}
