// [MS-SMB2] 2.2.3-2.2.32 request bodies we send and response bodies we read, for named pipes only.
// Encoders return the body that follows the 64-byte header; buffer offsets in SMB2 count from the
// start of the header, hence the `HEADER_LENGTH +` below. Decoders take the whole message.
import { AppError } from '../../../shared/errors.ts';
import { HEADER_LENGTH } from './header.ts';

export const Dialect = { SMB202: 0x0202, SMB210: 0x0210 } as const;
export const dialectNames: ReadonlyMap<number, string> = new Map([
  [0x0202, '2.0.2'],
  [0x0210, '2.1'],
  [0x0300, '3.0'],
  [0x0302, '3.0.2'],
  [0x0311, '3.1.1'],
  [0x02ff, '2.???'],
]);

/** [MS-SMB2] 2.2.3 SecurityMode */
export const SecurityMode = { SIGNING_ENABLED: 0x0001, SIGNING_REQUIRED: 0x0002 } as const;

/** [MS-SMB2] 2.2.6 SessionFlags */
export const SessionFlag = { IS_GUEST: 0x0001, IS_NULL: 0x0002, ENCRYPT_DATA: 0x0004 } as const;

/** [MS-SMB2] 2.2.31 FSCTL_PIPE_TRANSCEIVE */
export const FSCTL_PIPE_TRANSCEIVE = 0x0011c017;

function short(what: string, data: Buffer, need: number): void {
  if (data.length < need) throw new AppError({ kind: 'decode', message: `The SMB2 ${what} response is too short (${data.length} bytes, need ${need}).` });
}

function slice(data: Buffer, offset: number, length: number, what: string): Buffer {
  if (length === 0) return Buffer.alloc(0);
  if (offset + length > data.length) throw new AppError({ kind: 'decode', message: `The SMB2 ${what} response points outside itself.` });
  return Buffer.from(data.subarray(offset, offset + length));
}

// ---- 2.2.3 NEGOTIATE ----
export interface NegotiateRequest {
  dialects: readonly number[];
  securityMode: number;
  clientGuid: Buffer;
}

export function encodeNegotiateRequest(r: NegotiateRequest): Buffer {
  const out = Buffer.alloc(36 + 2 * r.dialects.length);
  out.writeUInt16LE(36, 0);
  out.writeUInt16LE(r.dialects.length, 2);
  out.writeUInt16LE(r.securityMode, 4);
  // Capabilities 0: no DFS, leasing or large MTU; ClientStartTime 0 for 2.x.
  r.clientGuid.copy(out, 12);
  r.dialects.forEach((d, i) => out.writeUInt16LE(d, 36 + 2 * i));
  return out;
}

// ---- 2.2.4 NEGOTIATE Response ----
export interface NegotiateResponse {
  securityMode: number;
  dialect: number;
  serverGuid: Buffer;
  capabilities: number;
  maxTransactSize: number;
  maxReadSize: number;
  maxWriteSize: number;
  securityBuffer: Buffer;
}

export function decodeNegotiateResponse(m: Buffer): NegotiateResponse {
  const b = HEADER_LENGTH;
  short('NEGOTIATE', m, b + 64);
  return {
    securityMode: m.readUInt16LE(b + 2),
    dialect: m.readUInt16LE(b + 4),
    serverGuid: Buffer.from(m.subarray(b + 8, b + 24)),
    capabilities: m.readUInt32LE(b + 24),
    maxTransactSize: m.readUInt32LE(b + 28),
    maxReadSize: m.readUInt32LE(b + 32),
    maxWriteSize: m.readUInt32LE(b + 36),
    securityBuffer: slice(m, m.readUInt16LE(b + 56), m.readUInt16LE(b + 58), 'NEGOTIATE'),
  };
}

// ---- 2.2.5 SESSION_SETUP ----
export function encodeSessionSetupRequest(securityMode: number, securityBuffer: Buffer): Buffer {
  const out = Buffer.alloc(24);
  out.writeUInt16LE(25, 0);
  out.writeUInt8(0, 2); // Flags: not a binding request
  out.writeUInt8(securityMode, 3);
  out.writeUInt16LE(HEADER_LENGTH + 24, 12);
  out.writeUInt16LE(securityBuffer.length, 14);
  return Buffer.concat([out, securityBuffer]);
}

// ---- 2.2.6 SESSION_SETUP Response ----
export interface SessionSetupResponse {
  sessionFlags: number;
  securityBuffer: Buffer;
}

export function decodeSessionSetupResponse(m: Buffer): SessionSetupResponse {
  const b = HEADER_LENGTH;
  short('SESSION_SETUP', m, b + 8);
  return { sessionFlags: m.readUInt16LE(b + 2), securityBuffer: slice(m, m.readUInt16LE(b + 4), m.readUInt16LE(b + 6), 'SESSION_SETUP') };
}

// ---- 2.2.7 LOGOFF, 2.2.11 TREE_DISCONNECT: StructureSize 4 + Reserved ----
export function encodeEmptyRequest(): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt16LE(4, 0);
  return out;
}

// ---- 2.2.9 TREE_CONNECT ----
export function encodeTreeConnectRequest(path: string): Buffer {
  const name = Buffer.from(path, 'utf16le');
  const out = Buffer.alloc(8);
  out.writeUInt16LE(9, 0);
  out.writeUInt16LE(HEADER_LENGTH + 8, 4);
  out.writeUInt16LE(name.length, 6);
  return Buffer.concat([out, name]);
}

// ---- 2.2.10 TREE_CONNECT Response ----
export interface TreeConnectResponse {
  shareType: number;
  shareFlags: number;
  capabilities: number;
  maximalAccess: number;
}

export function decodeTreeConnectResponse(m: Buffer): TreeConnectResponse {
  const b = HEADER_LENGTH;
  short('TREE_CONNECT', m, b + 16);
  return { shareType: m[b + 2]!, shareFlags: m.readUInt32LE(b + 4), capabilities: m.readUInt32LE(b + 8), maximalAccess: m.readUInt32LE(b + 12) };
}

// ---- 2.2.13 CREATE ----
/** What a named-pipe client opens with (as Windows and impacket do for \PIPE\svcctl). */
export const PIPE_CREATE = {
  impersonationLevel: 2, // Impersonation
  // FILE_READ_DATA | FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_READ_EA | FILE_WRITE_EA |
  // FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES | READ_CONTROL | SYNCHRONIZE
  desiredAccess: 0x0012019f,
  fileAttributes: 0,
  shareAccess: 0x00000003, // FILE_SHARE_READ | FILE_SHARE_WRITE
  createDisposition: 0x00000001, // FILE_OPEN
  createOptions: 0x00000040, // FILE_NON_DIRECTORY_FILE
} as const;

export function encodeCreateRequest(name: string, p: typeof PIPE_CREATE = PIPE_CREATE): Buffer {
  const nameBytes = Buffer.from(name, 'utf16le');
  const out = Buffer.alloc(56);
  out.writeUInt16LE(57, 0);
  out.writeUInt8(0, 2); // SecurityFlags
  out.writeUInt8(0, 3); // RequestedOplockLevel: none
  out.writeUInt32LE(p.impersonationLevel, 4);
  out.writeUInt32LE(p.desiredAccess, 24);
  out.writeUInt32LE(p.fileAttributes, 28);
  out.writeUInt32LE(p.shareAccess, 32);
  out.writeUInt32LE(p.createDisposition, 36);
  out.writeUInt32LE(p.createOptions, 40);
  out.writeUInt16LE(HEADER_LENGTH + 56, 44);
  out.writeUInt16LE(nameBytes.length, 46);
  // The Buffer field is at least one byte long ([MS-SMB2] 2.2.13).
  return Buffer.concat([out, nameBytes.length ? nameBytes : Buffer.alloc(1)]);
}

export interface CreateResponse {
  createAction: number;
  endOfFile: bigint;
  fileAttributes: number;
  fileId: Buffer;
}

export function decodeCreateResponse(m: Buffer): CreateResponse {
  const b = HEADER_LENGTH;
  short('CREATE', m, b + 88);
  return {
    createAction: m.readUInt32LE(b + 4),
    endOfFile: m.readBigUInt64LE(b + 48),
    fileAttributes: m.readUInt32LE(b + 56),
    fileId: Buffer.from(m.subarray(b + 64, b + 80)),
  };
}

// ---- 2.2.15 CLOSE ----
export function encodeCloseRequest(fileId: Buffer): Buffer {
  const out = Buffer.alloc(24);
  out.writeUInt16LE(24, 0);
  fileId.copy(out, 8);
  return out;
}

// ---- 2.2.21 WRITE ----
export function encodeWriteRequest(fileId: Buffer, data: Uint8Array): Buffer {
  const out = Buffer.alloc(48);
  out.writeUInt16LE(49, 0);
  out.writeUInt16LE(HEADER_LENGTH + 48, 2);
  out.writeUInt32LE(data.length, 4);
  // Offset 0: pipes ignore it.
  fileId.copy(out, 16);
  return Buffer.concat([out, data]);
}

export function decodeWriteResponse(m: Buffer): { count: number } {
  short('WRITE', m, HEADER_LENGTH + 16);
  return { count: m.readUInt32LE(HEADER_LENGTH + 4) };
}

// ---- 2.2.19 READ ----
export function encodeReadRequest(fileId: Buffer, length: number): Buffer {
  const out = Buffer.alloc(49);
  out.writeUInt16LE(49, 0);
  out.writeUInt8(0x50, 2); // Padding: where we want the data (header + READ response fixed part)
  out.writeUInt32LE(length, 4);
  fileId.copy(out, 16);
  out.writeUInt32LE(1, 32); // MinimumCount
  return out;
}

export function decodeReadResponse(m: Buffer): Buffer {
  const b = HEADER_LENGTH;
  short('READ', m, b + 16);
  return slice(m, m[b + 2]!, m.readUInt32LE(b + 4), 'READ');
}

// ---- 2.2.31 IOCTL ----
export function encodeIoctlRequest(ctlCode: number, fileId: Buffer, input: Uint8Array, maxOutput: number): Buffer {
  const out = Buffer.alloc(56);
  out.writeUInt16LE(57, 0);
  out.writeUInt32LE(ctlCode >>> 0, 4);
  fileId.copy(out, 8);
  out.writeUInt32LE(HEADER_LENGTH + 56, 24); // InputOffset
  out.writeUInt32LE(input.length, 28);
  out.writeUInt32LE(0, 32); // MaxInputResponse
  out.writeUInt32LE(HEADER_LENGTH + 56, 36); // OutputOffset (no output sent)
  out.writeUInt32LE(0, 40);
  out.writeUInt32LE(maxOutput, 44); // MaxOutputResponse
  out.writeUInt32LE(1, 48); // SMB2_0_IOCTL_IS_FSCTL
  return Buffer.concat([out, input]);
}

export function decodeIoctlResponse(m: Buffer): Buffer {
  const b = HEADER_LENGTH;
  short('IOCTL', m, b + 48);
  return slice(m, m.readUInt32LE(b + 32), m.readUInt32LE(b + 36), 'IOCTL');
}

// ---- 2.2.2 ERROR Response ----
export function decodeErrorData(m: Buffer): Buffer {
  const b = HEADER_LENGTH;
  if (m.length < b + 8) return Buffer.alloc(0);
  return Buffer.from(m.subarray(b + 8, b + 8 + m.readUInt32LE(b + 4)));
}

/** A FileId as tools print it: persistent-volatile in hex. */
export function fileIdText(fileId: Buffer): string {
  return `${fileId.readBigUInt64LE(0).toString(16)}-${fileId.readBigUInt64LE(8).toString(16)}`;
}
