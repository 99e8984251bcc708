import { EventEmitter } from 'node:events';
import type { HandlerDetails, MessageBoxOptions, WebContents, WindowOpenHandlerResponse } from 'electron';
import { describe, expect, it } from 'vitest';
import { externalLink, linkQuestion, openLinksAfterAsking } from '../../electron/main/external-links.ts';
import type { LinkOpening } from '../../electron/main/external-links.ts';
import { hardenWebContents } from '../../electron/main/secure-window.ts';

/** Electron's dialog and shell as the handler uses them: the agent's answer is set, what opened is recorded. */
function agentWho(answers: 'opens' | 'cancels') {
  const asked: MessageBoxOptions[] = [];
  const opened: string[] = [];
  const opening: LinkOpening = {
    ask: async (question) => {
      asked.push(question);
      return answers === 'opens';
    },
    openExternal: async (url) => void opened.push(url),
  };
  return { opening, asked, opened };
}

/** The dialog and the opening answer in promise callbacks: all of them have run by the next turn. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

function details(url: string): HandlerDetails {
  return { url, frameName: '', features: '', disposition: 'foreground-tab' } as HandlerDetails;
}

describe('links in an email', () => {
  const cases: [url: string, kind: 'web' | 'mail' | null][] = [
    ['https://status.example.com/incidents/42', 'web'],
    ['HTTPS://Status.Example.com/a b', 'web'],
    ['mailto:helpdesk@example.com?subject=Printer', 'mail'],
    ['http://status.example.com/', null],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['smb://fileserver/share', null],
    ['ms-msdt:/id PCWDiagnostic', null],
    ['vscode://file/home/agent/.bashrc', null],
    ['https://bank.example@attacker.example/login', null],
    ['https://user:pass@status.example.com/', null],
    ['data:text/html,<script>alert(1)</script>', null],
    [`https://example.com/${'a'.repeat(5_000)}`, null],
    ['not a url', null],
  ];
  for (const [url, kind] of cases) {
    it(`${kind ? `may open ${url} as ${kind}` : `never opens ${url.slice(0, 60)}`}`, () => {
      expect(externalLink(url)?.kind ?? null).toBe(kind);
    });
  }

  it('shows an internationalised look-alike host as the browser will reach it', () => {
    expect(externalLink('https://exаmple.com/')!.url).toBe('https://xn--exmple-4nf.com/');
  });

  it('asks before opening, with Cancel as the default answer and the address in full', () => {
    const question = linkQuestion(externalLink('https://status.example.com/incidents/42')!);
    expect(question.buttons).toEqual(['Open in browser', 'Cancel']);
    expect(question.defaultId).toBe(1);
    expect(question.cancelId).toBe(1);
    expect(question.detail).toContain('https://status.example.com/incidents/42');
    expect(linkQuestion(externalLink('mailto:helpdesk@example.com')!).detail).toContain('helpdesk@example.com');
  });

  it('opens an https link outside the app once the agent says yes, and never as a window of the app', async () => {
    const agent = agentWho('opens');
    const answer = openLinksAfterAsking(agent.opening)(details('https://status.example.com/incidents/42'));
    expect(answer).toEqual({ action: 'deny' });
    await settled();
    expect(agent.asked).toHaveLength(1);
    expect(agent.opened).toEqual(['https://status.example.com/incidents/42']);
  });

  it('opens nothing when the agent cancels', async () => {
    const agent = agentWho('cancels');
    expect(openLinksAfterAsking(agent.opening)(details('mailto:helpdesk@example.com'))).toEqual({ action: 'deny' });
    await settled();
    expect(agent.asked).toHaveLength(1);
    expect(agent.opened).toEqual([]);
  });

  it('does not even ask about a link it would never open', async () => {
    const agent = agentWho('opens');
    for (const url of ['http://tracker.example/', 'file:///etc/passwd', 'ms-msdt:/id PCWDiagnostic']) {
      expect(openLinksAfterAsking(agent.opening)(details(url))).toEqual({ action: 'deny' });
    }
    await settled();
    expect(agent.asked).toEqual([]);
    expect(agent.opened).toEqual([]);
  });

  it('is what every web contents of the app does with a link that asks for a new window', async () => {
    const contents = new EventEmitter() as EventEmitter & {
      openHandler?: (d: HandlerDetails) => WindowOpenHandlerResponse;
    };
    const fake = Object.assign(contents, {
      setWindowOpenHandler(handler: (d: HandlerDetails) => WindowOpenHandlerResponse) {
        contents.openHandler = handler;
      },
    });
    const agent = agentWho('opens');
    hardenWebContents(fake as unknown as WebContents, openLinksAfterAsking(agent.opening));
    expect(contents.openHandler?.(details('https://status.example.com/'))).toEqual({ action: 'deny' });
    await settled();
    expect(agent.opened).toEqual(['https://status.example.com/']);
  });
});
