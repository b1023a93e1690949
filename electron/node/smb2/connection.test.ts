// Edge cases of the connection layer that a healthy server never produces (bad signatures,
// unsigned answers, split frames, silence), played by a scripted peer on 127.0.0.1. The real
// protocol proof is the lab tests; this pins down how we react to a misbehaving peer.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { Smb2Connection } from './connection.ts';
import { Command, decodeHeader, encodeHeader, HeaderFlag } from './header.ts';
import { NtStatus } from './ntStatus.ts';
import { signMessage } from './signing.ts';

const KEY = Buffer.alloc(16, 0x42);
const SESSION = 0x77n;

type Reply = (request: Buffer, socket: Socket) => void;

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

function frame(message: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(message.length);
  return Buffer.concat([head, message]);
}

function response(request: Buffer, status: number, flags = 0, body = Buffer.from([9, 0, 0, 0, 0, 0, 0, 0])): Buffer {
  const h = decodeHeader(request);
  return Buffer.concat([
    encodeHeader({ command: h.command, messageId: h.messageId, status, credits: 1, flags: HeaderFlag.SERVER_TO_REDIR | flags, sessionId: h.sessionId, asyncId: 5n }),
    body,
  ]);
}

async function peer(reply: Reply): Promise<Smb2Connection> {
  server = createServer((socket) => {
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32BE(0)) {
        const message = buffered.subarray(4, 4 + buffered.readUInt32BE(0));
        buffered = buffered.subarray(4 + message.length);
        reply(Buffer.from(message), socket);
      }
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const port = (server!.address() as { port: number }).port;
  const connection = await Smb2Connection.connect('127.0.0.1', port, { timeoutMs: 2000 });
  connection.dialect = 0x0210;
  connection.signingKey = KEY;
  connection.sessionId = SESSION;
  return connection;
}

describe('Smb2Connection against a misbehaving peer', () => {
  it('accepts a correctly signed answer split across TCP segments, after an interim STATUS_PENDING', async () => {
    const connection = await peer((request, socket) => {
      socket.write(frame(response(request, NtStatus.PENDING, HeaderFlag.ASYNC_COMMAND)));
      const final = frame(signMessage(KEY, response(request, NtStatus.SUCCESS)));
      socket.write(final.subarray(0, 7));
      setTimeout(() => socket.write(final.subarray(7)), 20);
    });
    const { header } = await connection.request(Command.READ, Buffer.alloc(49));
    expect(header.status).toBe(NtStatus.SUCCESS);
    await connection.close();
  });

  it('signs its requests', async () => {
    let seen: Buffer | undefined;
    const connection = await peer((request, socket) => {
      seen = request;
      socket.write(frame(signMessage(KEY, response(request, NtStatus.SUCCESS))));
    });
    await connection.request(Command.TREE_CONNECT, Buffer.alloc(8));
    expect(decodeHeader(seen!).flags & HeaderFlag.SIGNED).toBe(HeaderFlag.SIGNED);
    await connection.close();
  });

  it('rejects a wrong signature', async () => {
    const connection = await peer((request, socket) => socket.write(frame(signMessage(Buffer.alloc(16, 1), response(request, NtStatus.SUCCESS)))));
    await expect(connection.request(Command.READ, Buffer.alloc(49))).rejects.toThrow(/signature .* is wrong/);
    await connection.close();
  });

  it('rejects an unsigned success once signing is on', async () => {
    const connection = await peer((request, socket) => socket.write(frame(response(request, NtStatus.SUCCESS))));
    await expect(connection.request(Command.READ, Buffer.alloc(49))).rejects.toThrow(/not signed/);
    await connection.close();
  });

  it('times out a silent peer within its limit, as kind timeout', async () => {
    const connection = await peer(() => undefined);
    const started = performance.now();
    const error = await connection.request(Command.READ, Buffer.alloc(49), { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(connection.closed).toBe(true);
  });

  it('is cancelled by its AbortSignal', async () => {
    const connection = await peer(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await connection.request(Command.READ, Buffer.alloc(49), { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as AppError).kind).toBe('cancelled');
  });
});
