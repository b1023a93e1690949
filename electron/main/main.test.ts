// The Electron main process without Electron: 'electron' is replaced by a recording stub, so the
// wiring (every channel through the validated router, sender checks, window security, CSP on the
// app:// protocol) is tested here; the behaviour behind it is tested with the router and the shell.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/ipc/channels.ts';

const recorded = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
  protocolHandler: null as null | ((request: Request) => Promise<Response>),
  windows: [] as Array<{ options: { webPreferences: Record<string, unknown> }; url: string }>,
  privileged: [] as unknown[],
  userData: '',
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => recorded.windows;
    webContents = { on: () => undefined, setWindowOpenHandler: () => undefined };
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {}
    once() {}
    show() {}
    async loadURL(url: string) {
      recorded.windows.push({ options: this.options, url });
    }
  }
  return {
    app: {
      whenReady: () => Promise.resolve(),
      getVersion: () => '0.0.0-test',
      getPath: () => recorded.userData,
      on: () => undefined,
      quit: () => undefined,
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => recorded.handlers.set(channel, fn) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privileged.push(...schemes),
      handle: (_scheme: string, fn: (request: Request) => Promise<Response>) => {
        recorded.protocolHandler = fn;
      },
    },
    net: { fetch: async () => new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } }) },
    session: { defaultSession: { setPermissionRequestHandler: () => undefined } },
    shell: { openExternal: async () => undefined },
  };
});

beforeAll(async () => {
  recorded.userData = mkdtempSync(join(tmpdir(), 'addressdesk-main-'));
  await import('./main.ts');
  await vi.waitFor(() => expect(recorded.windows.length).toBe(1));
});

const fromFrame = (url: string) => ({ senderFrame: { url }, sender: { isDestroyed: () => false, send: () => undefined } });

describe('Electron main', () => {
  it('registers exactly the contract channels with ipcMain', () => {
    expect([...recorded.handlers.keys()].sort()).toEqual(Object.values(channels).sort());
  });

  it('answers the app page and refuses any other frame', async () => {
    const handler = recorded.handlers.get(channels.getAppInfo)!;
    expect(await handler(fromFrame('app://addressdesk/index.html'), {})).toMatchObject({ ok: true, value: { shell: 'electron', directoryLabel: 'Training directory' } });
    expect(await handler(fromFrame('https://evil.example/'), {})).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    expect(await handler({ senderFrame: null, sender: { isDestroyed: () => false, send: () => undefined } }, {})).toMatchObject({ ok: false });
  });

  it('parses payloads before running a handler', async () => {
    const handler = recorded.handlers.get(channels.getUser)!;
    expect(await handler(fromFrame('app://addressdesk/index.html'), { dn: 7 })).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
  });

  it('opens a sandboxed, context-isolated window on the app:// page with the preload', () => {
    const [window] = recorded.windows;
    expect(window!.url).toBe('app://addressdesk/index.html');
    expect(window!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(window!.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
  });

  it('serves the renderer with the Content-Security-Policy and nothing outside it', async () => {
    const page = await recorded.protocolHandler!(new Request('app://addressdesk/index.html'));
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await recorded.protocolHandler!(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect((await recorded.protocolHandler!(new Request('app://addressdesk/..%2f..%2fpackage.json'))).status).toBe(404);
  });
});
