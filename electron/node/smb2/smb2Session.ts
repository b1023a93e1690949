// An authenticated SMB2 session for named pipes: NEGOTIATE 2.0.2/2.1, SESSION_SETUP with NTLMv2
// in SPNEGO, signing on for everything after it, then TREE_CONNECT, CREATE, WRITE/READ, CLOSE,
// TREE_DISCONNECT, LOGOFF ([MS-SMB2] 3.2.4 and 3.2.5).
import { randomUUID } from 'node:crypto';
import { AppError, hex32 } from '../../../shared/errors.ts';
import { nullTranscript, type TranscriptSink } from '../../../shared/transcript.ts';
import { accountLabel, type NtlmCredentials } from '../ntlm/credentials.ts';
import { NtlmClient } from '../ntlm/ntlmClient.ts';
import { decodeNegTokenResp, encodeNegTokenInit, encodeNegTokenResp, ntlmMechTypes } from '../ntlm/spnego.ts';
import { uuidToBytes } from '../dcerpc/uuid.ts';
import { Smb2Connection } from './connection.ts';
import { Command, HeaderFlag } from './header.ts';
import {
  decodeCreateResponse,
  decodeIoctlResponse,
  decodeNegotiateResponse,
  decodeReadResponse,
  decodeSessionSetupResponse,
  decodeTreeConnectResponse,
  decodeWriteResponse,
  Dialect,
  dialectNames,
  encodeCloseRequest,
  encodeCreateRequest,
  encodeEmptyRequest,
  encodeIoctlRequest,
  encodeNegotiateRequest,
  encodeReadRequest,
  encodeSessionSetupRequest,
  encodeTreeConnectRequest,
  encodeWriteRequest,
  fileIdText,
  FSCTL_PIPE_TRANSCEIVE,
  SecurityMode,
  SessionFlag,
} from './messages.ts';
import { NtStatus, ntStatusError, ntStatusName } from './ntStatus.ts';

export const SMB_PORT = 445;

export interface Smb2SessionOptions {
  host: string;
  port?: number;
  credentials: NtlmCredentials;
  /** Limit for the TCP connect and for each request. */
  timeoutMs: number;
  signal?: AbortSignal;
  transcript?: TranscriptSink;
  /** Our ClientGuid ([MS-SMB2] 2.2.3); a fresh one per session by default. */
  clientGuid?: string;
  /** Send raw NTLMSSP instead of SPNEGO (for servers that want it; Windows takes both). */
  rawNtlm?: boolean;
  /** The server's name for the SPN (MsvAvTargetName "cifs/NAME"); `host` by default. */
  serverName?: string;
  /** Told when TCP is up and the logon starts (lets callers tell "unreachable" from "logon failed"). */
  onStage?: (stage: 'logon') => void;
}

export interface Smb2Tree {
  treeId: number;
  path: string;
}

export interface Smb2File {
  tree: Smb2Tree;
  fileId: Buffer;
  name: string;
}

export class Smb2Session {
  private loggedOn = false;

  private constructor(
    readonly connection: Smb2Connection,
    readonly host: string,
    private readonly transcript: TranscriptSink,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Connects, negotiates and logs on. Closes the connection on any failure. */
  static async open(options: Smb2SessionOptions): Promise<Smb2Session> {
    const transcript = options.transcript ?? nullTranscript;
    const connection = await Smb2Connection.connect(options.host, options.port ?? SMB_PORT, {
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const session = new Smb2Session(connection, options.host, transcript, options.signal);
    options.onStage?.('logon');
    try {
      await session.negotiate(options.clientGuid ?? randomUUID());
      await session.logOn(options);
      return session;
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  private opts(treeId?: number): { treeId?: number; signal?: AbortSignal } {
    return { ...(treeId !== undefined ? { treeId } : {}), ...(this.signal ? { signal: this.signal } : {}) };
  }

  private async negotiate(clientGuid: string): Promise<void> {
    const dialects = [Dialect.SMB202, Dialect.SMB210];
    this.transcript.add('clientToServer', 'SMB2', `NEGOTIATE Request, Dialects=${dialects.map((d) => dialectNames.get(d)).join(',')} SecurityMode=0x0003`);
    const { header, message } = await this.connection.request(
      Command.NEGOTIATE,
      encodeNegotiateRequest({
        dialects,
        // We always require signing: every message after the logon is signed, whatever the server's policy.
        securityMode: SecurityMode.SIGNING_ENABLED | SecurityMode.SIGNING_REQUIRED,
        clientGuid: Buffer.from(uuidToBytes(clientGuid)),
      }),
      this.opts(),
    );
    if (header.status !== NtStatus.SUCCESS) throw ntStatusError(header.status, `SMB2 NEGOTIATE with ${this.host}`);
    const response = decodeNegotiateResponse(message);
    if (response.dialect !== Dialect.SMB202 && response.dialect !== Dialect.SMB210) {
      throw new AppError({ kind: 'decode', code: response.dialect, message: `${this.host} chose SMB dialect ${hex32(response.dialect)}, which we did not offer.` });
    }
    this.connection.dialect = response.dialect;
    this.transcript.add(
      'serverToClient',
      'SMB2',
      `NEGOTIATE Response, Dialect=${dialectNames.get(response.dialect)} SecurityMode=0x${response.securityMode.toString(16).padStart(4, '0')}${
        response.securityMode & SecurityMode.SIGNING_REQUIRED ? ' (signing required)' : ''
      }, Status = ${ntStatusName(header.status)}`,
    );
  }

  private async logOn(options: Smb2SessionOptions): Promise<void> {
    const account = accountLabel(options.credentials);
    const ntlm = new NtlmClient(options.credentials, { targetName: `cifs/${options.serverName ?? options.host}` });
    const securityMode = SecurityMode.SIGNING_ENABLED | SecurityMode.SIGNING_REQUIRED;
    const what = `Logging on to ${this.host} as ${account}`;

    // Leg 1: NEGOTIATE_MESSAGE -> STATUS_MORE_PROCESSING_REQUIRED with the CHALLENGE_MESSAGE.
    const negotiate = ntlm.negotiate();
    this.transcript.add('clientToServer', 'SMB2', `SESSION_SETUP Request, ${options.rawNtlm ? '' : 'SPNEGO '}NTLMSSP_NEGOTIATE`);
    const first = await this.connection.request(
      Command.SESSION_SETUP,
      encodeSessionSetupRequest(securityMode, options.rawNtlm ? negotiate : encodeNegTokenInit(negotiate)),
      this.opts(),
    );
    if (first.header.status !== NtStatus.MORE_PROCESSING_REQUIRED) throw ntStatusError(first.header.status, what);
    this.connection.sessionId = first.header.sessionId;
    const challengeToken = decodeNegTokenResp(decodeSessionSetupResponse(first.message).securityBuffer).responseToken;
    if (!challengeToken) throw new AppError({ kind: 'decode', message: `${this.host} sent no NTLM challenge in SESSION_SETUP.` });
    const authenticate = ntlm.authenticate(challengeToken);
    this.transcript.add(
      'serverToClient',
      'SMB2',
      `SESSION_SETUP Response, NTLMSSP_CHALLENGE Target=${ntlm.challenge?.targetName ?? ''}, Status = ${ntStatusName(first.header.status)}`,
    );

    // Leg 2: AUTHENTICATE_MESSAGE (+ mechListMIC). The key is known now: the server signs its
    // final response with it ([MS-SMB2] 3.3.5.5.3), and we verify that signature.
    const mechListMic = !options.rawNtlm && ntlm.micSent ? ntlm.mechListMic(ntlmMechTypes()) : undefined;
    this.connection.signingKey = ntlm.sessionKey;
    this.transcript.add('clientToServer', 'SMB2', `SESSION_SETUP Request, NTLMSSP_AUTH User=${account}`);
    const second = await this.connection.request(
      Command.SESSION_SETUP,
      encodeSessionSetupRequest(securityMode, options.rawNtlm ? authenticate : encodeNegTokenResp(authenticate, mechListMic)),
      { ...this.opts(), sign: false },
    );
    if (second.header.status !== NtStatus.SUCCESS) {
      this.connection.signingKey = undefined;
      this.transcript.add('serverToClient', 'SMB2', `SESSION_SETUP Response, Status = ${ntStatusName(second.header.status)}`);
      throw ntStatusError(second.header.status, what);
    }
    const { sessionFlags } = decodeSessionSetupResponse(second.message);
    this.transcript.add(
      'serverToClient',
      'SMB2',
      `SESSION_SETUP Response, SessionFlags=0x${sessionFlags.toString(16).padStart(4, '0')}${second.header.flags & HeaderFlag.SIGNED ? ' (signed)' : ''}, Status = ${ntStatusName(second.header.status)}`,
    );
    if (sessionFlags & (SessionFlag.IS_GUEST | SessionFlag.IS_NULL)) {
      throw new AppError({
        kind: 'auth',
        message: `${this.host} logged ${account} on as ${sessionFlags & SessionFlag.IS_GUEST ? 'guest' : 'anonymous'}: the account or password was not accepted, and a guest session cannot be signed.`,
        hint: 'Check the account name, domain and password.',
      });
    }
    if (!(second.header.flags & HeaderFlag.SIGNED)) {
      throw new AppError({ kind: 'decode', message: `${this.host} did not sign its SESSION_SETUP response although we require signing.` });
    }
    this.loggedOn = true;
  }

  /** `serverName` is what goes into \\\\server\\share (the NetBIOS name, as Windows sends it); the host by default. */
  async treeConnect(share: string, serverName = this.host): Promise<Smb2Tree> {
    const path = `\\\\${serverName}\\${share}`;
    this.transcript.add('clientToServer', 'SMB2', `TREE_CONNECT Request, Path=${path}`);
    const { header, message } = await this.connection.request(Command.TREE_CONNECT, encodeTreeConnectRequest(path), this.opts());
    this.transcript.add('serverToClient', 'SMB2', `TREE_CONNECT Response, TreeId=0x${header.treeId.toString(16)}, Status = ${ntStatusName(header.status)}`);
    if (header.status !== NtStatus.SUCCESS) throw ntStatusError(header.status, `TREE_CONNECT ${path}`);
    decodeTreeConnectResponse(message);
    return { treeId: header.treeId, path };
  }

  async openPipe(tree: Smb2Tree, name: string): Promise<Smb2File> {
    this.transcript.add('clientToServer', 'SMB2', `CREATE Request, Name=${name}`);
    const { header, message } = await this.connection.request(Command.CREATE, encodeCreateRequest(name), this.opts(tree.treeId));
    if (header.status !== NtStatus.SUCCESS) {
      this.transcript.add('serverToClient', 'SMB2', `CREATE Response, Status = ${ntStatusName(header.status)}`);
      throw ntStatusError(header.status, `Opening the pipe \\PIPE\\${name} on ${this.host}`);
    }
    const { fileId } = decodeCreateResponse(message);
    this.transcript.add('serverToClient', 'SMB2', `CREATE Response, FileId=${fileIdText(fileId)}, Status = ${ntStatusName(header.status)}`);
    return { tree, fileId, name };
  }

  async write(file: Smb2File, data: Uint8Array, signal?: AbortSignal): Promise<void> {
    const { header, message } = await this.connection.request(Command.WRITE, encodeWriteRequest(file.fileId, data), {
      ...this.opts(file.tree.treeId),
      ...(signal ? { signal } : {}),
    });
    if (header.status !== NtStatus.SUCCESS) throw ntStatusError(header.status, `WRITE to \\PIPE\\${file.name} on ${this.host}`);
    const { count } = decodeWriteResponse(message);
    if (count !== data.length) throw new AppError({ kind: 'decode', message: `${this.host} accepted ${count} of ${data.length} bytes on \\PIPE\\${file.name}.` });
  }

  /** One READ; `more` is true when the pipe message did not fit (STATUS_BUFFER_OVERFLOW). */
  async read(file: Smb2File, maxLength: number, signal?: AbortSignal): Promise<{ data: Buffer; more: boolean }> {
    const { header, message } = await this.connection.request(Command.READ, encodeReadRequest(file.fileId, maxLength), {
      ...this.opts(file.tree.treeId),
      ...(signal ? { signal } : {}),
    });
    if (header.status !== NtStatus.SUCCESS && header.status !== NtStatus.BUFFER_OVERFLOW) {
      throw ntStatusError(header.status, `READ from \\PIPE\\${file.name} on ${this.host}`);
    }
    return { data: decodeReadResponse(message), more: header.status === NtStatus.BUFFER_OVERFLOW };
  }

  /** FSCTL_PIPE_TRANSCEIVE ([MS-FSCC] 2.3.49): write a message and read the answer in one round trip. */
  async transceive(file: Smb2File, data: Uint8Array, maxOutput: number, signal?: AbortSignal): Promise<{ data: Buffer; more: boolean }> {
    const { header, message } = await this.connection.request(Command.IOCTL, encodeIoctlRequest(FSCTL_PIPE_TRANSCEIVE, file.fileId, data, maxOutput), {
      ...this.opts(file.tree.treeId),
      ...(signal ? { signal } : {}),
    });
    if (header.status !== NtStatus.SUCCESS && header.status !== NtStatus.BUFFER_OVERFLOW) {
      throw ntStatusError(header.status, `FSCTL_PIPE_TRANSCEIVE on \\PIPE\\${file.name} on ${this.host}`);
    }
    return { data: decodeIoctlResponse(message), more: header.status === NtStatus.BUFFER_OVERFLOW };
  }

  async closeFile(file: Smb2File): Promise<void> {
    this.transcript.add('clientToServer', 'SMB2', `CLOSE Request, FileId=${fileIdText(file.fileId)}`);
    const { header } = await this.connection.request(Command.CLOSE, encodeCloseRequest(file.fileId), this.opts(file.tree.treeId));
    this.transcript.add('serverToClient', 'SMB2', `CLOSE Response, FileId=${fileIdText(file.fileId)}, Status = ${ntStatusName(header.status)}`);
  }

  async treeDisconnect(tree: Smb2Tree): Promise<void> {
    this.transcript.add('clientToServer', 'SMB2', `TREE_DISCONNECT Request, TreeId=0x${tree.treeId.toString(16)}`);
    const { header } = await this.connection.request(Command.TREE_DISCONNECT, encodeEmptyRequest(), this.opts(tree.treeId));
    this.transcript.add('serverToClient', 'SMB2', `TREE_DISCONNECT Response, Status = ${ntStatusName(header.status)}`);
  }

  /** LOGOFF (when logged on) and close the TCP connection; never throws. */
  async close(): Promise<void> {
    try {
      if (this.loggedOn && !this.connection.closed) {
        this.loggedOn = false;
        this.transcript.add('clientToServer', 'SMB2', 'LOGOFF Request');
        const { header } = await this.connection.request(Command.LOGOFF, encodeEmptyRequest(), { timeoutMs: Math.min(this.connection.timeoutMs, 2000) });
        this.transcript.add('serverToClient', 'SMB2', `LOGOFF Response, Status = ${ntStatusName(header.status)}`);
      }
    } catch {
      // The answer to a logoff changes nothing.
    } finally {
      await this.connection.close();
    }
  }
}
