// One SMB2 connection on TCP 445: [MS-SMB2] 2.1 Direct TCP transport (a 4-byte NetBIOS-style
// length before every message), message ids and credits (3.2.4.1.3-5), signing (3.2.4.1.1,
// 3.2.5.1.3) and interim STATUS_PENDING responses (3.2.5.1.5).
import { Socket } from 'node:net';
import { AppError } from '../../../shared/errors.ts';
import { abortError, deadlineSignal } from '../dcerpc/deadline.ts';
import { classifySocketError, openTcpSocket, type ConnectFailure } from '../dcerpc/tcpTransport.ts';
import { commandNames, decodeHeader, encodeHeader, HeaderFlag, HEADER_LENGTH, type Smb2Header } from './header.ts';
import { NtStatus, ntStatusName } from './ntStatus.ts';
import { signMessage, verifyMessage } from './signing.ts';
import { Dialect } from './messages.ts';

export interface Smb2ConnectOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface Smb2Response {
  header: Smb2Header;
  /** The whole message, header included (SMB2 buffer offsets count from the header). */
  message: Buffer;
}

export interface RequestOptions {
  treeId?: number;
  signal?: AbortSignal;
  /** Per-request time limit; the connection's default otherwise. */
  timeoutMs?: number;
  /** Sign this request (default: whenever the session has a signing key). */
  sign?: boolean;
}

interface Waiter {
  command: number;
  resolve: (response: Smb2Response) => void;
  reject: (error: AppError) => void;
}

/** Credits we ask for in every request: enough for a few outstanding requests, as Windows asks. */
const CREDIT_REQUEST = 32;

function connectFailure(failure: ConnectFailure, where: string, cause: unknown, timeoutMs?: number): AppError {
  const messages: Record<ConnectFailure, string> = {
    refused: `${where} refused the connection: no SMB server listens, or a firewall rejects port 445.`,
    timedOut: `${where} did not answer the SMB connection attempt within ${timeoutMs ?? '?'} ms: the host is down or a firewall drops port 445.`,
    unreachable: `${where} is unreachable: no route to that host.`,
    reset: `${where} closed the SMB connection.`,
    dns: `The name in ${where} could not be resolved.`,
  };
  return new AppError(
    {
      kind: failure === 'timedOut' ? 'timeout' : 'connect',
      message: messages[failure],
      hint:
        failure === 'refused' || failure === 'timedOut'
          ? 'Check that the server runs the Server service and that TCP 445 is open between this computer and the server.'
          : 'Check the address and the network path.',
      details: { failure, where },
    },
    { cause },
  );
}

export class Smb2Connection {
  private received: Buffer = Buffer.alloc(0);
  private nextMessageId = 0n;
  private credits = 1;
  private readonly waiters = new Map<bigint, Waiter>();
  private failure: AppError | undefined;
  /** Set by NEGOTIATE. */
  dialect = 0;
  /** Set once SESSION_SETUP has produced a key; from then on requests are signed. */
  signingKey: Buffer | undefined;
  sessionId = 0n;

  private constructor(
    private readonly socket: Socket,
    readonly where: string,
    readonly timeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => this.fail(connectFailure(classifySocketError(error.code), where, error)));
    socket.on('close', () => this.fail(connectFailure('reset', where, undefined)));
  }

  /** Opens TCP to host:port. Refused fails fast ('connect'); a silent drop ends at the deadline ('timeout'). */
  static async connect(host: string, port: number, options: Smb2ConnectOptions): Promise<Smb2Connection> {
    const { socket, where } = await openTcpSocket(host, port, options, connectFailure);
    return new Smb2Connection(socket, where, options.timeoutMs);
  }

  /** Sends one request and waits for its final response (interim STATUS_PENDING answers are skipped). */
  async request(command: number, body: Buffer, options: RequestOptions = {}): Promise<Smb2Response> {
    if (this.failure) throw this.failure;
    const name = commandNames.get(command) ?? `command ${command}`;
    if (this.credits < 1) {
      throw new AppError({ kind: 'ntStatus', message: `No SMB2 credits left to send ${name} (the server granted none).` });
    }
    const messageId = this.nextMessageId++;
    this.credits -= 1;
    // [MS-SMB2] 3.2.4.1.5: CreditCharge is 0 for 2.0.2; 1 for 2.1 (our payloads stay below 64 KiB).
    const creditCharge = this.dialect === Dialect.SMB202 || command === 0 ? 0 : 1;
    const sign = (options.sign ?? true) && this.signingKey !== undefined;
    const message = Buffer.concat([
      encodeHeader({ command, messageId, creditCharge, credits: CREDIT_REQUEST, treeId: options.treeId ?? 0, sessionId: this.sessionId }),
      body,
    ]);
    if (sign) signMessage(this.signingKey!, message);

    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const signal = deadlineSignal(timeoutMs, options.signal);
    const response = new Promise<Smb2Response>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiters.delete(messageId);
        const error = abortError(signal, `The SMB2 ${name} request to ${this.where}`, timeoutMs);
        // A request that never got an answer leaves the connection in an unknown state: drop it.
        this.fail(error);
        this.socket.destroy();
        reject(error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.set(messageId, {
        command,
        resolve: (r) => {
          signal.removeEventListener('abort', onAbort);
          resolve(r);
        },
        reject: (e) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
    });
    const frame = Buffer.alloc(4);
    frame.writeUInt32BE(message.length); // [MS-SMB2] 2.1: a zero byte, then a 24-bit length
    this.socket.write(Buffer.concat([frame, message]));
    return response;
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length ? Buffer.concat([this.received, chunk]) : chunk;
    while (this.received.length >= 4) {
      const length = this.received.readUInt32BE(0) & 0xffffff;
      if (this.received[0] !== 0) {
        this.fail(new AppError({ kind: 'decode', message: `${this.where} sent a NetBIOS frame of type 0x${this.received[0]!.toString(16)}, not a session message.` }));
        this.socket.destroy();
        return;
      }
      if (this.received.length < 4 + length) return;
      const message = Buffer.from(this.received.subarray(4, 4 + length));
      this.received = this.received.subarray(4 + length);
      try {
        this.dispatch(message);
      } catch (error) {
        this.fail(error instanceof AppError ? error : new AppError({ kind: 'decode', message: String(error) }, { cause: error }));
        this.socket.destroy();
        return;
      }
    }
  }

  private dispatch(message: Buffer): void {
    const header = decodeHeader(message);
    if (!(header.flags & HeaderFlag.SERVER_TO_REDIR)) throw new AppError({ kind: 'decode', message: `${this.where} sent an SMB2 request, not a response.` });
    this.credits += header.credits;
    const waiter = this.waiters.get(header.messageId);
    if (!waiter) return; // e.g. an oplock break: nothing of ours
    const name = commandNames.get(header.command) ?? `command ${header.command}`;
    // [MS-SMB2] 3.2.5.1.5: an interim response only grants credits; the final one follows.
    if (header.status === NtStatus.PENDING && header.flags & HeaderFlag.ASYNC_COMMAND) return;

    // [MS-SMB2] 3.2.5.1.3: verify every signed response; once signing is on, a success must be signed.
    if (this.signingKey && header.sessionId !== 0n) {
      if (header.flags & HeaderFlag.SIGNED) {
        if (!verifyMessage(this.signingKey, message)) {
          this.waiters.delete(header.messageId);
          waiter.reject(new AppError({ kind: 'decode', message: `The signature of the ${name} response from ${this.where} is wrong: the message was altered, or the session key differs.` }));
          return;
        }
      } else if (header.status === NtStatus.SUCCESS) {
        this.waiters.delete(header.messageId);
        waiter.reject(new AppError({ kind: 'decode', message: `The ${name} response from ${this.where} is not signed although signing is required (${ntStatusName(header.status)}).` }));
        return;
      }
    }
    this.waiters.delete(header.messageId);
    waiter.resolve({ header, message });
  }

  private fail(error: AppError): void {
    this.failure ??= error;
    for (const [id, waiter] of this.waiters) {
      this.waiters.delete(id);
      waiter.reject(error);
    }
  }

  get closed(): boolean {
    return this.socket.destroyed;
  }

  close(): Promise<void> {
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 1000).unref();
    });
  }
}

export { HEADER_LENGTH };
