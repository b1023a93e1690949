import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { channels } from '../../../shared/ipc/channels.ts';
import { AppService } from '../app/appService.ts';
import { createIpcRouter } from '../ipc/router.ts';
import { startBrowserShell, type BrowserShell } from './browserShell.ts';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy.ts';

let shell: BrowserShell;
let token: string;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'addressdesk-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>AddressDesk</title>');
  const service = new AppService({ version: 'test', shell: 'browser', trainingFile: null, profilesFile: null, settingsFile: null });
  shell = await startBrowserShell({ rendererDir, createRouter: (isTrusted) => createIpcRouter(service.handlers, (s) => isTrusted(s.url)) });
  token = new URL(shell.url).hash.replace('#token=', '');
});
afterAll(() => shell.close());

function open(query: string, origin: string | undefined): Promise<WebSocket> {
  const url = `${shell.origin.replace('http', 'ws')}/api${query}`;
  const socket = new WebSocket(url, origin === undefined ? {} : { origin });
  return new Promise((done, fail) => {
    socket.once('open', () => done(socket));
    socket.once('error', fail);
  });
}

describe('browser shell', () => {
  it('listens on loopback only, with a long random token in the URL fragment', () => {
    expect(shell.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the page with the desktop window\'s Content-Security-Policy', async () => {
    const response = await fetch(`${shell.origin}/`);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>AddressDesk</title>');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await fetch(`${shell.origin}${path}`);
      expect([403, 404]).toContain(response.status);
    }
  });

  it('answers API calls over the WebSocket with the right token and origin', async () => {
    const socket = await open(`?token=${token}`, shell.origin);
    const reply = new Promise<unknown>((done) => socket.once('message', (data) => done(JSON.parse(String(data)))));
    socket.send(JSON.stringify({ id: 7, channel: channels.getAppInfo, payload: {} }));
    expect(await reply).toEqual({ id: 7, result: { ok: true, value: expect.objectContaining({ directoryLabel: 'Training directory', shell: 'browser' }) } });
    socket.close();
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    await expect(open('', shell.origin)).rejects.toThrow(/401/);
    await expect(open('?token=wrong', shell.origin)).rejects.toThrow(/401/);
    await expect(open(`?token=${token}`, 'https://evil.example')).rejects.toThrow(/401/);
    await expect(open(`?token=${token}`, undefined)).rejects.toThrow(/401/);
  });

  it('parses payloads with the contract before any handler runs', async () => {
    const socket = await open(`?token=${token}`, shell.origin);
    const reply = new Promise<unknown>((done) => socket.once('message', (data) => done(JSON.parse(String(data)))));
    socket.send(JSON.stringify({ id: 1, channel: channels.getUser, payload: { dn: 42 } }));
    expect(await reply).toMatchObject({ id: 1, result: { ok: false, error: { kind: 'invalidRequest' } } });
    socket.close();
  });
});
