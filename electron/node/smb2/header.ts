// [MS-SMB2] 2.2.1 the 64-byte SMB2 packet header (sync and async forms).
import { AppError } from '../../../shared/errors.ts';

export const HEADER_LENGTH = 64;
export const PROTOCOL_ID = Buffer.from([0xfe, 0x53, 0x4d, 0x42]); // 0xFE 'S' 'M' 'B'

export const Command = {
  NEGOTIATE: 0x0000,
  SESSION_SETUP: 0x0001,
  LOGOFF: 0x0002,
  TREE_CONNECT: 0x0003,
  TREE_DISCONNECT: 0x0004,
  CREATE: 0x0005,
  CLOSE: 0x0006,
  FLUSH: 0x0007,
  READ: 0x0008,
  WRITE: 0x0009,
  LOCK: 0x000a,
  IOCTL: 0x000b,
  CANCEL: 0x000c,
  ECHO: 0x000d,
} as const;
export type CommandCode = (typeof Command)[keyof typeof Command];

export const commandNames: ReadonlyMap<number, string> = new Map(Object.entries(Command).map(([name, code]) => [code, name]));

/** [MS-SMB2] 2.2.1.2 Flags */
export const HeaderFlag = {
  SERVER_TO_REDIR: 0x00000001,
  ASYNC_COMMAND: 0x00000002,
  RELATED_OPERATIONS: 0x00000004,
  SIGNED: 0x00000008,
  DFS_OPERATIONS: 0x10000000,
} as const;

export interface Smb2Header {
  creditCharge: number;
  /** NTSTATUS in responses; ChannelSequence/Reserved (0) in our requests. */
  status: number;
  command: number;
  /** CreditRequest in requests, CreditResponse in responses. */
  credits: number;
  flags: number;
  nextCommand: number;
  messageId: bigint;
  /** Sync form only. */
  treeId: number;
  /** Async form only (flags & ASYNC_COMMAND). */
  asyncId: bigint;
  sessionId: bigint;
  signature: Buffer;
}

export function encodeHeader(h: Partial<Smb2Header> & Pick<Smb2Header, 'command' | 'messageId'>): Buffer {
  const out = Buffer.alloc(HEADER_LENGTH);
  PROTOCOL_ID.copy(out, 0);
  out.writeUInt16LE(HEADER_LENGTH, 4);
  out.writeUInt16LE(h.creditCharge ?? 0, 6);
  out.writeUInt32LE((h.status ?? 0) >>> 0, 8);
  out.writeUInt16LE(h.command, 12);
  out.writeUInt16LE(h.credits ?? 0, 14);
  out.writeUInt32LE((h.flags ?? 0) >>> 0, 16);
  out.writeUInt32LE(h.nextCommand ?? 0, 20);
  out.writeBigUInt64LE(h.messageId, 24);
  if ((h.flags ?? 0) & HeaderFlag.ASYNC_COMMAND) {
    out.writeBigUInt64LE(h.asyncId ?? 0n, 32);
  } else {
    out.writeUInt32LE(0xfeff, 32); // Reserved: Windows clients send 0x0000FEFF (the ProcessId of SMB1 days)
    out.writeUInt32LE(h.treeId ?? 0, 36);
  }
  out.writeBigUInt64LE(h.sessionId ?? 0n, 40);
  (h.signature ?? Buffer.alloc(16)).copy(out, 48);
  return out;
}

export function decodeHeader(data: Buffer): Smb2Header {
  if (data.length < HEADER_LENGTH || !data.subarray(0, 4).equals(PROTOCOL_ID) || data.readUInt16LE(4) !== HEADER_LENGTH) {
    throw new AppError({
      kind: 'decode',
      message: `The server sent something that is not an SMB2 message (${data.length} bytes, starting ${data.subarray(0, 4).toString('hex')}).`,
    });
  }
  const flags = data.readUInt32LE(16);
  const async = (flags & HeaderFlag.ASYNC_COMMAND) !== 0;
  return {
    creditCharge: data.readUInt16LE(6),
    status: data.readUInt32LE(8),
    command: data.readUInt16LE(12),
    credits: data.readUInt16LE(14),
    flags,
    nextCommand: data.readUInt32LE(20),
    messageId: data.readBigUInt64LE(24),
    treeId: async ? 0 : data.readUInt32LE(36),
    asyncId: async ? data.readBigUInt64LE(32) : 0n,
    sessionId: data.readBigUInt64LE(40),
    signature: Buffer.from(data.subarray(48, 64)),
  };
}
