import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import type { WebContents } from 'electron';
import { createCore } from '#core/index.ts';
import { applicationMenuTemplate } from './app-menu.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, serveRenderer } from './app-protocol.ts';
import { closeCoreOnQuit } from './close-core-on-quit.ts';
import { contentSecurityPolicy } from './content-security-policy.ts';
import { registerDesktopNotifications } from './desktop-notifications.ts';
import { openLinksAfterAsking } from './external-links.ts';
import { forwardEvents } from './forward-events.ts';
import { appLocation, dataDirFromLaunch } from './launch-options.ts';
import { registerContract } from './register-contract.ts';
import { keychainCipher } from './secret-cipher.ts';
import { hardenSession } from './secure-session.ts';
import { hardenWebContents, secureWindowOptions } from './secure-window.ts';
import { senderIsAppPage } from './trusted-sender.ts';

/**
 * The Electron shell (DESIGN §2): one secure window on the core. Everything with a rule in it lives in the
 * modules imported above and is unit-tested without Electron; this file only connects them.
 */
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const location = appLocation({ mainDir: import.meta.dirname, isPackaged: app.isPackaged, devServerUrl });
const logger = { error: (message: string, error: unknown) => console.error(message, error) };

let mainWindow: BrowserWindow | null = null;

/** Links from an email's frame: asked about in a dialog on the window they came from, then opened outside. */
function linkOpeningFor(contents: WebContents) {
  return openLinksAfterAsking({
    ask: async (question) => {
      const owner = BrowserWindow.fromWebContents(contents);
      const answer = owner ? await dialog.showMessageBox(owner, question) : await dialog.showMessageBox(question);
      return answer.response === 0;
    },
    openExternal: (url) => shell.openExternal(url),
    log: logger.error,
  });
}

function openMainWindow(): BrowserWindow {
  const window = new BrowserWindow({ ...secureWindowOptions(location.preloadPath), icon: location.iconPath });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(location.appUrl);
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  const cipher = keychainCipher(safeStorage);
  const core = await createCore({
    dataDir: dataDirFromLaunch(process.argv, process.env),
    logger,
    // safeStorage seals what the app stores; the keyring reads what the browser-mode host or the CLI stored.
    keyring: 'system',
    ...(cipher ? { cipher } : {}),
  });
  const stopForwarding = forwardEvents(core, (channel, message) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, message);
  });
  closeCoreOnQuit(
    app,
    async () => {
      stopForwarding();
      await core.close();
    },
    (error) => logger.error('Closing the workspace failed', error),
  );

  const policy = contentSecurityPolicy({ devServerUrl });
  protocol.handle(APP_SCHEME, serveRenderer({ rendererDir: location.rendererDir, contentSecurityPolicy: policy }));
  hardenSession(session.defaultSession, { appUrl: location.appUrl, contentSecurityPolicy: policy });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(applicationMenuTemplate({ platform: process.platform, developer: !app.isPackaged })),
  );
  registerContract(ipcMain, core, senderIsAppPage(location.appUrl));
  registerDesktopNotifications(ipcMain, {
    Notification,
    isTrustedSender: senderIsAppPage(location.appUrl),
    focusWindow: focusMainWindow,
  });
  mainWindow = openMainWindow();

  app.on('activate', () => {
    // macOS keeps the app running with no window; clicking the dock icon opens it again.
    if (!mainWindow) mainWindow = openMainWindow();
  });
}

// Every renderer sandboxed, whatever options a window is given.
app.enableSandbox();
// Before ready, as Electron requires: the renderer is served from app://desk/ (app-protocol.ts).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // One workstation, one desk: a second launch brings the running window forward instead.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, linkOpeningFor(contents)));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  start().catch((error: unknown) => {
    logger.error('Incident Desk could not start', error);
    dialog.showErrorBox('Incident Desk could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
