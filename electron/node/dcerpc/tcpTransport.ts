// ncacn_ip_tcp ([MS-RPCE] 2.1.1.1): DCE/RPC connection-oriented PDUs straight over a TCP stream.
import { Socket } from 'node:net';
import { AppError } from '../../../shared/errors.ts';
import { abortError, deadlineSignal } from './deadline.ts';
import { FragmentFramer, type RpcTransport } from './transport.ts';

/** How a TCP connect failed; the UI words these differently (the original's c00706d9 vs a refusal). */
export type ConnectFailure = 'refused' | 'timedOut' | 'unreachable' | 'reset' | 'dns';

export interface ConnectOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Our max_xmit_frag / max_recv_frag; Windows uses 5840 (0x16D0) over TCP. */
  maxFragment?: number;
}

export const DEFAULT_TCP_MAX_FRAGMENT = 0x16d0;

const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);

/** Maps a socket error code to our failure classes. */
export function classifySocketError(code: string | undefined): ConnectFailure {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT') return 'timedOut';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  if (code !== undefined && UNREACHABLE_CODES.has(code)) return 'unreachable';
  return 'unreachable';
}

function connectError(failure: ConnectFailure, where: string, cause: unknown, timeoutMs?: number): AppError {
  const messages: Record<ConnectFailure, string> = {
    refused: `${where} refused the connection: nothing listens on that port, or a firewall rejects it.`,
    timedOut: `${where} did not answer the connection attempt${timeoutMs !== undefined ? ` within ${timeoutMs} ms` : ''}.`,
    unreachable: `${where} is unreachable: no route to that host.`,
    reset: `${where} closed the connection.`,
    dns: `The name in ${where} could not be resolved.`,
  };
  return new AppError(
    {
      kind: failure === 'timedOut' ? 'timeout' : 'connect',
      message: messages[failure],
      hint: failure === 'refused' ? 'Check that the service runs and the port is right.' : 'Check the address and the network path.',
      details: { failure, where, ...(timeoutMs !== undefined ? { timeoutMs } : {}) },
    },
    { cause },
  );
}

class TcpTransport implements RpcTransport {
  readonly description: string;
  readonly maxFragment: number;
  private readonly framer = new FragmentFramer();
  private readonly ready: Uint8Array[] = [];
  private waiter: { resolve: (pdu: Uint8Array) => void; reject: (error: unknown) => void } | undefined;
  private failure: AppError | undefined;

  constructor(
    private readonly socket: Socket,
    description: string,
    maxFragment: number,
  ) {
    this.description = description;
    this.maxFragment = maxFragment;
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const pdu of this.framer.push(chunk)) this.ready.push(pdu);
      } catch (error) {
        this.fail(error instanceof AppError ? error : new AppError({ kind: 'decode', message: String(error) }, { cause: error }));
        socket.destroy();
        return;
      }
      this.wake();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => this.fail(connectError(classifySocketError(error.code), description, error)));
    socket.on('close', () =>
      this.fail(new AppError({ kind: 'connect', message: `${description} closed the connection.`, details: { failure: 'reset', where: description } })),
    );
  }

  private fail(error: AppError): void {
    this.failure ??= error;
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    const pdu = this.ready.shift();
    if (pdu) {
      this.waiter = undefined;
      waiter.resolve(pdu);
    } else if (this.failure) {
      this.waiter = undefined;
      waiter.reject(this.failure);
    }
  }

  send(pdu: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (signal?.aborted) return Promise.reject(abortError(signal, `Sending to ${this.description}`));
    return new Promise((resolve, reject) => {
      this.socket.write(pdu, (error) => (error ? reject(connectError(classifySocketError((error as NodeJS.ErrnoException).code), this.description, error)) : resolve()));
    });
  }

  receive(signal?: AbortSignal): Promise<Uint8Array> {
    const pdu = this.ready.shift();
    if (pdu) return Promise.resolve(pdu);
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiter) return Promise.reject(new AppError({ kind: 'internal', message: 'Two receives at once on one RPC connection.' }));
    if (signal?.aborted) return Promise.reject(abortError(signal, this.description));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.waiter = undefined;
        reject(abortError(signal!, `${this.description}`));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
    });
  }

  close(): Promise<void> {
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      // A peer that never finishes the close must not hold us.
      setTimeout(() => this.socket.destroy(), 500).unref();
    });
  }
}

/** Builds the AppError for a failed connect, in the words of the protocol being reached. */
export type DescribeConnectFailure = (failure: ConnectFailure, where: string, cause: unknown, timeoutMs?: number) => AppError;

/**
 * Opens a TCP socket under a deadline. Refused fails fast; a silent drop ends at `timeoutMs` as a
 * 'timedOut' failure; cancellation by the caller's signal stays 'cancelled'.
 */
export function openTcpSocket(
  host: string,
  port: number,
  options: { timeoutMs: number; signal?: AbortSignal },
  describeFailure: DescribeConnectFailure,
): Promise<{ socket: Socket; where: string }> {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const signal = deadlineSignal(options.timeoutMs, options.signal);
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal, `Connecting to ${where}`, options.timeoutMs));
      return;
    }
    const socket = new Socket();
    const cleanup = (): void => {
      signal.removeEventListener('abort', onAbort);
      socket.removeListener('error', onError);
    };
    const onAbort = (): void => {
      cleanup();
      socket.destroy();
      const error = abortError(signal, `Connecting to ${where}`, options.timeoutMs);
      reject(error.kind === 'timeout' ? describeFailure('timedOut', where, error, options.timeoutMs) : error);
    };
    const onError = (error: NodeJS.ErrnoException): void => {
      cleanup();
      socket.destroy();
      reject(describeFailure(classifySocketError(error.code), where, error));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.setNoDelay(true);
    socket.connect({ host, port }, () => {
      cleanup();
      resolve({ socket, where });
    });
  });
}

/**
 * Opens a TCP connection. Refused fails fast with kind 'connect' (details.failure 'refused'); a
 * silent drop ends at `timeoutMs` with kind 'timeout'; no route gives kind 'connect' 'unreachable'.
 */
export async function connectTcp(host: string, port: number, options: ConnectOptions): Promise<RpcTransport> {
  const { socket, where } = await openTcpSocket(host, port, options, connectError);
  return new TcpTransport(socket, where, options.maxFragment ?? DEFAULT_TCP_MAX_FRAGMENT);
}
