// The browser shell: a loopback server that serves the built renderer and implements the same Api
// over a WebSocket, calling the very same handlers as Electron's main process. It adds no
// behaviour of its own; it exists so Playwright (and trainers' projectors) can use any browser.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_CHANNEL, type JobEvent } from '../../../shared/ipc/contract.ts';
import type { IpcRouter } from '../ipc/router.ts';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy.ts';

export interface BrowserShell {
  /** The page to open, with the per-launch token in the fragment (never sent over HTTP). */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export interface BrowserShellOptions {
  rendererDir: string;
  /** Builds the router for this shell, given its trusted origin. */
  createRouter(isTrusted: (url: string | undefined) => boolean): IpcRouter;
  port?: number;
}

/** Wire messages between the page and the shell. */
export type ShellRequest = { id: number; channel: string; payload: unknown };
export type ShellMessage = { id: number; result: unknown } | { channel: typeof EVENT_CHANNEL; event: JobEvent };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const token = randomBytes(24).toString('base64url');
  const root = resolve(options.rendererDir);
  const server = createServer((req, res) => {
    serveStatic(root, req, res).catch(() => {
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const isTrusted = (url: string | undefined) => url !== undefined && (url === origin || url.startsWith(`${origin}/`));
  const router = options.createRouter(isTrusted);

  const sockets = new WebSocketServer({
    server,
    path: '/api',
    maxPayload: 4 * 1024 * 1024,
    verifyClient: ({ origin: requestOrigin, req }: { origin: string; req: IncomingMessage }) =>
      requestOrigin === origin && tokenMatches(new URL(req.url ?? '', origin).searchParams.get('token'), token),
  });
  sockets.on('connection', (socket: WebSocket) => {
    const send = (message: ShellMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const context = { emit: (event: JobEvent) => send({ channel: EVENT_CHANNEL, event }) };
    socket.on('message', async (data) => {
      let request: ShellRequest;
      try {
        request = JSON.parse(String(data)) as ShellRequest;
        if (typeof request.id !== 'number' || typeof request.channel !== 'string') throw new Error('shape');
      } catch {
        socket.close(1008, 'malformed message');
        return;
      }
      // The origin was verified when the socket opened; the router checks it again per call.
      send({ id: request.id, result: await router.handle(request.channel, request.payload, { url: `${origin}/` }, context) });
    });
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    close: () =>
      new Promise<void>((done) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
