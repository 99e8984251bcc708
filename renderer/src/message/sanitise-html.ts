import DOMPurify from 'dompurify';
import type { MessageHtml } from '#shared/domain/intake.ts';
import { rewriteCssUrls } from './css-addresses.ts';
import { contentIdOf, framePolicy, urlKind } from './remote-content.ts';
import type { UrlResolver } from './remote-content.ts';

export interface SanitisedMessage {
  /** A whole document for the sandboxed frame's srcdoc. */
  readonly document: string;
  /** Images (and backgrounds) on the sender's servers over https: shown only when asked. */
  readonly remoteImages: number;
  /** Those over plain http: never fetched (anyone on the way could read or change them). */
  readonly insecureImages: number;
}

/** Tags an email has no need of in a read-only frame; their text content stays. */
const FORBID_TAGS = ['form', 'input', 'button', 'select', 'textarea', 'audio', 'video', 'source', 'track', 'picture'];

/** Readable defaults for mail that brings no styles of its own; the mail's own rules come after and win. */
const BASE_STYLE = `
  body { margin: 12px 16px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
         color: #212529; overflow-wrap: anywhere; }
  img { max-width: 100%; height: auto; }
  img[data-src] { display: inline-block; min-width: 24px; min-height: 16px; outline: 1px dashed #adb5bd; }
  pre { white-space: pre-wrap; }
`;

/**
 * An email's HTML made safe to show (DESIGN §5): DOMPurify removes scripts, handlers and everything
 * active; hooks then decide every URL left. Images attached to the message (cid:) are shown from their
 * data; images on the sender's servers become `data-src` (nothing fetched, so the sender does not learn
 * the mail was opened) until the agent asks, and then only over https; links open outside the frame.
 * The frame gets its own Content-Security-Policy too, in case anything slipped past.
 */
export function sanitiseMessageHtml(html: MessageHtml, options: { showRemote: boolean }): SanitisedMessage {
  const inline = new Map(html.inlineImages.map((image) => [image.contentId.toLowerCase(), image.dataUri]));
  let remoteImages = 0;
  let insecureImages = 0;
  const resolve: UrlResolver = (url) => {
    switch (urlKind(url)) {
      case 'data':
        return url;
      case 'cid':
        return inline.get(contentIdOf(url)) ?? null;
      case 'remote':
        remoteImages++;
        return options.showRemote ? url : null;
      case 'insecure':
        insecureImages++;
        return null;
      case 'other':
        return null;
    }
  };

  // A private instance: the hooks below must not change how anything else is sanitised.
  const purify = DOMPurify(window);
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.textContent) node.textContent = rewriteCssUrls(node.textContent, resolve);
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    sanitiseImageSource(node, 'src', resolve);
    sanitiseImageSource(node, 'background', resolve);
    node.removeAttribute('srcset');
    const style = node.getAttribute('style');
    if (style) node.setAttribute('style', rewriteCssUrls(style, resolve));
    if (node.tagName === 'A' || node.tagName === 'AREA') openOutside(node);
  });

  // With WHOLE_DOCUMENT the DOM answer is the <html> element, head (and the mail's style sheets) included.
  const root = purify.sanitize(html.html, {
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS,
  }) as Element | null;
  if (!root) return { document: '', remoteImages: 0, insecureImages: 0 };
  const doc = root.ownerDocument;
  const head = root.querySelector('head') ?? root.insertBefore(doc.createElement('head'), root.firstChild);
  const policy = Object.assign(doc.createElement('meta'), { httpEquiv: 'Content-Security-Policy' });
  policy.content = framePolicy(options.showRemote);
  const referrer = Object.assign(doc.createElement('meta'), { name: 'referrer', content: 'no-referrer' });
  const base = doc.createElement('style');
  base.textContent = BASE_STYLE;
  head.prepend(policy, referrer, base);
  return { document: `<!doctype html>${root.outerHTML}`, remoteImages, insecureImages };
}

/** An image source: kept if it is in the message, else moved to data-src (shown as a placeholder). */
function sanitiseImageSource(node: Element, attribute: 'src' | 'background', resolve: UrlResolver): void {
  const url = node.getAttribute(attribute);
  if (url === null) return;
  const resolved = node.tagName === 'IMG' || attribute === 'background' ? resolve(url) : null;
  if (resolved !== null) return node.setAttribute(attribute, resolved);
  node.removeAttribute(attribute);
  // A remote image keeps its address (and a placeholder's outline) for when the agent asks for it.
  const kind = urlKind(url);
  if (attribute === 'src' && node.tagName === 'IMG' && (kind === 'remote' || kind === 'insecure')) {
    node.setAttribute('data-src', url);
    if (!node.hasAttribute('alt')) node.setAttribute('alt', '');
  }
}

/** Links open in a new window with no way back into the frame, or not at all when they are not web or mail. */
function openOutside(link: Element): void {
  const href = link.getAttribute('href');
  if (href === null) return;
  if (!/^(https?:|mailto:)/i.test(href.trim())) {
    link.removeAttribute('href');
    return;
  }
  link.setAttribute('target', '_blank');
  link.setAttribute('rel', 'noopener noreferrer');
  if (!link.hasAttribute('title')) link.setAttribute('title', href);
}
