// Electron main: app lifecycle, the window and its security, and IPC through the validated router.
import { app, BrowserWindow, ipcMain, net, protocol, session, shell } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENT_CHANNEL, type JobEvent } from '../../shared/ipc/contract.ts';
import { AppService } from '../node/app/appService.ts';
import { createIpcRouter, type IpcRouter } from '../node/ipc/router.ts';
import { CONTENT_SECURITY_POLICY } from '../node/shell/contentSecurityPolicy.ts';

const APP_ORIGIN = 'app://addressdesk';
const rendererDir = join(__dirname, '../renderer');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** Serves the built renderer under app://addressdesk/ with the shared Content-Security-Policy. */
function serveRenderer(): void {
  protocol.handle('app', async (request) => {
    const { host, pathname } = new URL(request.url);
    const file = normalize(join(rendererDir, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)));
    if (host !== 'addressdesk' || !file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Registers every channel through the one router; no ipcMain.handle exists anywhere else. */
function registerIpc(router: IpcRouter): void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      router.handle(channel, payload, { url: event.senderFrame?.url }, {
        emit: (jobEvent: JobEvent) => {
          if (!event.sender.isDestroyed()) event.sender.send(EVENT_CHANNEL, jobEvent);
        },
      }),
    );
  }
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    title: 'AddressDesk',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The window only ever shows our own pages; links to the web open in the user's browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  serveRenderer();
  const service = new AppService({
    version: app.getVersion(),
    shell: 'electron',
    trainingFile: join(app.getPath('userData'), 'training-directory.json'),
    profilesFile: join(app.getPath('userData'), 'profiles.json'),
    settingsFile: join(app.getPath('userData'), 'workflow-settings.json'),
  });
  registerIpc(createIpcRouter(service.handlers, (sender) => sender.url?.startsWith(`${APP_ORIGIN}/`) ?? false));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
