import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../electron/main/trusted-sender.ts';

const APP_URL = 'file:///opt/incident-desk/out/renderer/index.html';
const DEV_URL = 'http://localhost:5173/';

describe('isTrustedSender', () => {
  const cases: [sender: string | undefined, appUrl: string, trusted: boolean][] = [
    [APP_URL, APP_URL, true],
    [`${APP_URL}#/incidents/INC-1042`, APP_URL, true],
    [`${APP_URL}?view=mine`, APP_URL, true],
    ['file:///opt/incident-desk/out/renderer/other.html', APP_URL, false],
    ['file:///opt/incident-desk/out/renderer/index.html.evil', APP_URL, false],
    ['file:///home/agent/Downloads/index.html', APP_URL, false],
    ['file://attacker.example/opt/incident-desk/out/renderer/index.html', APP_URL, false],
    ['http://localhost:5173/', APP_URL, false],
    ['https://attacker.example/opt/incident-desk/out/renderer/index.html', APP_URL, false],
    [DEV_URL, DEV_URL, true],
    ['http://localhost:5173/#/queue', DEV_URL, true],
    ['http://localhost:5174/', DEV_URL, false],
    ['https://localhost:5173/', DEV_URL, false],
    ['http://127.0.0.1:5173/', DEV_URL, false],
    [APP_URL, DEV_URL, false],
    ['about:blank', APP_URL, false],
    ['', APP_URL, false],
    [undefined, APP_URL, false],
    ['not a url', APP_URL, false],
    ['about:blank', 'about:blank', false],
    [APP_URL, 'not a url', false],
  ];
  for (const [sender, appUrl, trusted] of cases) {
    it(`${trusted ? 'trusts' : 'refuses'} ${JSON.stringify(sender)} for ${appUrl}`, () => {
      expect(isTrustedSender(sender, appUrl)).toBe(trusted);
    });
  }
});
