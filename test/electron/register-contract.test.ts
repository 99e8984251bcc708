import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HANDLER_NAMES } from '#shared/contract.ts';
import type { Outcome, Session } from '#shared/contract.ts';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import { answerInvoke, registerContract } from '../../electron/main/register-contract.ts';
import { senderIsAppPage } from '../../electron/main/trusted-sender.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';
import { invokeEventFrom, invokeEventFromDisposedFrame, recordingIpcMain } from './ipc-fakes.ts';
import type { RecordingIpcMain } from './ipc-fakes.ts';

const APP_URL = 'file:///opt/incident-desk/resources/app/out/renderer/index.html';
const appPage = invokeEventFrom({ url: `${APP_URL}#/queue` });

const UNTRUSTED_SENDERS = {
  'a remote page': invokeEventFrom({ url: 'https://attacker.example/index.html' }),
  'another local file': invokeEventFrom({ url: 'file:///home/agent/Downloads/invoice.html' }),
  'a development server the app did not load': invokeEventFrom({ url: 'http://localhost:5173/' }),
  'a subframe of the app page': invokeEventFrom({ url: APP_URL, subframe: true }),
  'a frame that is gone': invokeEventFrom(null),
  'a disposed frame': invokeEventFromDisposedFrame(),
};

describe('registerContract', () => {
  let temp: TempCore;
  let ipcMain: RecordingIpcMain;

  beforeEach(async () => {
    temp = await openTempCore();
    ipcMain = recordingIpcMain();
    registerContract(ipcMain, temp.core, senderIsAppPage(APP_URL));
  });
  afterEach(() => temp.dispose());

  it('registers every contract entry exactly once and nothing else', () => {
    expect(ipcMain.registered).toHaveLength(HANDLER_NAMES.length);
    expect(new Set(ipcMain.registered)).toEqual(new Set(HANDLER_NAMES));
  });

  it("answers the app's own page from the real core", async () => {
    const registered = (await ipcMain.call('session/register', appPage, {
      name: 'Alex Morgan',
      email: 'Alex.Morgan@example.com',
    })) as Outcome<Session>;
    expect(registered).toMatchObject({ ok: true, value: { agent: { email: 'alex.morgan@example.com' } } });

    const created = (await ipcMain.call('incident/create', appPage, {
      title: 'VPN drops every ten minutes',
      channel: 'phone',
      impact: 2,
      urgency: 1,
    })) as Outcome<IncidentDetail>;
    expect(created.ok).toBe(true);
    // What crosses IPC is structured-cloned: the answer must survive that unchanged.
    expect(structuredClone(created)).toEqual(created);
  });

  for (const [sender, event] of Object.entries(UNTRUSTED_SENDERS)) {
    it(`refuses ${sender} without reaching the core`, async () => {
      const outcome = (await ipcMain.call('session/register', event, {
        name: 'Mallory',
        email: 'mallory@example.com',
      })) as Outcome<unknown>;
      expect(outcome).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
      const session = await temp.core.invoke('session/get', {});
      expect(session).toMatchObject({ ok: true, value: { agent: null, workspace: { agents: 0 } } });
    });
  }

  it('answers malformed input with invalid_input, as data', async () => {
    for (const input of [undefined, null, 42, 'text', [], { name: '', email: 'not-an-email' }, { extra: true }]) {
      const outcome = (await ipcMain.call('session/register', appPage, input)) as Outcome<unknown>;
      expect(outcome).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.any(String) } });
    }
  });

  it('takes one argument per call and ignores the rest', async () => {
    const outcome = await ipcMain.call('session/get', appPage, {}, { smuggled: true });
    expect(outcome).toMatchObject({ ok: true });
  });
});

describe('answerInvoke', () => {
  let temp: TempCore;
  beforeEach(async () => {
    temp = await openTempCore();
  });
  afterEach(() => temp.dispose());

  it('refuses a name outside the contract with unknown_handler', async () => {
    const trusted = senderIsAppPage(APP_URL);
    for (const name of ['incident/delete', 'desk:event', '__proto__', 'constructor', 'toString', '']) {
      const outcome = await answerInvoke(temp.core, trusted, name, appPage, {});
      expect(outcome).toEqual({ ok: false, error: { code: 'unknown_handler', message: expect.any(String) } });
    }
  });

  it('checks the sender before the name', async () => {
    const outcome = await answerInvoke(
      temp.core,
      senderIsAppPage(APP_URL),
      'incident/delete',
      invokeEventFrom(null),
      {},
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('turns a core that throws into an internal error instead of a rejected call', async () => {
    const broken = {
      invoke: () => Promise.reject(new Error('disk I/O error: /home/agent/.config/incident-desk/workspace.sqlite')),
    };
    const outcome = await answerInvoke(broken, senderIsAppPage(APP_URL), 'session/get', appPage, {});
    expect(outcome).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    // The page learns nothing about the file system from the message.
    expect(JSON.stringify(outcome)).not.toContain('workspace.sqlite');
  });
});
