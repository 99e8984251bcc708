import type { HandlerDetails, MessageBoxOptions, WindowOpenHandlerResponse } from 'electron';

/**
 * Links in an email open outside the app, in the agent's browser or mail program, and only after the agent
 * has seen where they lead and said yes (DESIGN §8): a link is the sender's, not ours. Only https: pages and
 * mailto: addresses; http:, file:, custom schemes (which start other programs) and the rest open nothing.
 */
export interface ExternalLink {
  readonly kind: 'web' | 'mail';
  /** As the operating system will receive it: parsed and written back, so the dialog shows what opens. */
  readonly url: string;
}

/** Longer than any address an agent could read in a dialog. */
const MAX_LINK_LENGTH = 4_096;

export function externalLink(url: string): ExternalLink | null {
  if (url.length > MAX_LINK_LENGTH) return null;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  if (target.protocol === 'mailto:') return { kind: 'mail', url: target.href };
  // A user name before the host (`https://bank.example@attacker.example/`) exists to mislead the reader.
  if (target.protocol !== 'https:' || !target.hostname || target.username || target.password) return null;
  // The host as the URL parser writes it: an internationalised look-alike shows as xn--…, not as the original.
  return { kind: 'web', url: target.href };
}

/** What the agent is asked; Cancel is the default, so Enter alone opens nothing. */
export function linkQuestion(link: ExternalLink): MessageBoxOptions {
  const web = link.kind === 'web';
  return {
    type: 'question',
    title: web ? 'Open link' : 'Write email',
    message: web ? 'Open this link in your browser?' : 'Write an email in your mail program?',
    detail: `${web ? link.url : link.url.replace(/^mailto:/i, '')}\n\nThis link comes from an email. Open it only if you trust where it leads.`,
    buttons: [web ? 'Open in browser' : 'Write email', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

export interface LinkOpening {
  /** Shows the question (Electron's dialog.showMessageBox) and says whether the agent chose to open. */
  ask(question: MessageBoxOptions): Promise<boolean>;
  /** Electron's shell.openExternal. */
  openExternal(url: string): Promise<void>;
  readonly log?: (message: string, error: unknown) => void;
}

/**
 * The window-open handler for the app's pages: the page itself never opens a window (the frame's links ask
 * for a new one); a link that may leave the app is offered to the agent, then handed to the system.
 */
export function openLinksAfterAsking(opening: LinkOpening): (details: HandlerDetails) => WindowOpenHandlerResponse {
  return (details) => {
    const link = externalLink(details.url);
    if (link) {
      void opening
        .ask(linkQuestion(link))
        .then((open) => (open ? opening.openExternal(link.url) : undefined))
        .catch((error: unknown) => opening.log?.('Opening a link from an email failed', error));
    }
    return { action: 'deny' };
  };
}
