import { useEffect } from 'react';

const focusIsLost = () => !document.activeElement || document.activeElement === document.body;

/** What takes focus on a screen: its grid (whose highlighted row then takes it), else its heading. */
function landingTarget(main: Element): HTMLElement | null {
  return main.querySelector<HTMLElement>('[role="grid"]') ?? main.querySelector<HTMLElement>('h1');
}

/** Puts focus on the screen shown, if it is on the page's body; answers whether there is nothing more to do. */
export function focusLandedScreen(): boolean {
  if (!focusIsLost()) return true;
  const main = document.querySelector('main');
  const target = main ? landingTarget(main) : null;
  if (!target) return false;
  if (target.tagName === 'H1') target.tabIndex = -1;
  target.focus({ preventScroll: true });
  return true;
}

/**
 * Focus follows the agent to the screen they go to. Changing screens takes away what had focus (the queue row
 * opened with Enter, the incident left with Esc), and the browser then leaves it on the page's body, where
 * the arrow keys move nothing and Tab starts over at the header. As soon as the new screen has its grid or
 * heading (an incident's comes with its data), that takes focus, unless the agent has put it somewhere since.
 */
export function useLandingFocus(screenKey: string): void {
  useEffect(() => {
    if (focusLandedScreen()) return;
    const main = document.querySelector('main');
    if (!main) return;
    const observer = new MutationObserver(() => {
      if (focusLandedScreen()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), 10_000);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [screenKey]);
}
