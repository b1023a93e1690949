// Golden bytes from impacket's smb3structs (SMB2Packet + SMB2Negotiate/SessionSetup/TreeConnect/
// Create/Write/Read/Ioctl/Close) and its 2.x signing (smb3.SMB3.signSMB: HMAC-SHA256, 16 bytes).
import { describe, expect, it } from 'vitest';
import { Command, decodeHeader, encodeHeader, HeaderFlag } from './header.ts';
import {
  decodeCreateResponse,
  decodeNegotiateResponse,
  decodeReadResponse,
  encodeCloseRequest,
  encodeCreateRequest,
  encodeIoctlRequest,
  encodeNegotiateRequest,
  encodeReadRequest,
  encodeSessionSetupRequest,
  encodeTreeConnectRequest,
  encodeWriteRequest,
  FSCTL_PIPE_TRANSCEIVE,
} from './messages.ts';
import { ntStatusError, ntStatusName, NtStatus } from './ntStatus.ts';
import { signMessage, verifyMessage } from './signing.ts';

const SESSION = 0x1122334455667788n;
const fileId = Buffer.from([...Array(16).keys()]);
const hex = (b: Buffer) => b.toString('hex');
const treeConnect =
  'fe534d4240000100000000000300200000000000000000000300000000000000fffe0000000000008877665544332211000000000000000000000000000000000900000048001a005c005c004500580043004800300031005c004900500043002400';

function message(command: number, messageId: number, body: Buffer, treeId = 0, sessionId = 0n, creditCharge = 1): Buffer {
  return Buffer.concat([encodeHeader({ command, messageId: BigInt(messageId), credits: 32, creditCharge, treeId, sessionId }), body]);
}

describe('SMB2 requests match impacket', () => {
  it('NEGOTIATE', () => {
    const body = encodeNegotiateRequest({ dialects: [0x0202, 0x0210], securityMode: 3, clientGuid: Buffer.alloc(16) });
    expect(hex(message(Command.NEGOTIATE, 0, body, 0, 0n, 0))).toBe(
      'fe534d4240000000000000000000200000000000000000000000000000000000fffe000000000000000000000000000000000000000000000000000000000000' +
        '24000200030000000000000000000000000000000000000000000000000000000000000002021002',
    );
  });

  it('SESSION_SETUP', () => {
    expect(hex(message(Command.SESSION_SETUP, 1, encodeSessionSetupRequest(3, Buffer.from('TOKEN'))))).toBe(
      'fe534d4240000100000000000100200000000000000000000100000000000000fffe000000000000000000000000000000000000000000000000000000000000' +
        '190000030000000000000000580005000000000000000000544f4b454e',
    );
  });

  it('TREE_CONNECT', () => {
    expect(hex(message(Command.TREE_CONNECT, 3, encodeTreeConnectRequest('\\\\EXCH01\\IPC$'), 0, SESSION))).toBe(treeConnect);
  });

  it('CREATE of the pipe', () => {
    expect(hex(message(Command.CREATE, 4, encodeCreateRequest('svcctl'), 5, SESSION))).toBe(
      'fe534d4240000100000000000500200000000000000000000400000000000000fffe000005000000887766554433221100000000000000000000000000000000' +
        '3900000002000000000000000000000000000000000000009f0112000000000003000000010000004000000078000c000000000000000000730076006300630074006c00',
    );
  });

  it('WRITE, READ, IOCTL, CLOSE', () => {
    expect(hex(message(Command.WRITE, 5, encodeWriteRequest(fileId, Buffer.from('05000b03', 'hex')), 5, SESSION))).toBe(
      'fe534d4240000100000000000900200000000000000000000500000000000000fffe000005000000887766554433221100000000000000000000000000000000' +
        '31007000040000000000000000000000000102030405060708090a0b0c0d0e0f0000000000000000000000000000000005000b03',
    );
    // impacket pads the READ's one-byte Buffer with '0' (0x30); we send 0x00, which [MS-SMB2] 2.2.19 allows.
    expect(hex(message(Command.READ, 6, encodeReadRequest(fileId, 4280), 5, SESSION))).toBe(
      'fe534d4240000100000000000800200000000000000000000600000000000000fffe000005000000887766554433221100000000000000000000000000000000' +
        '31005000b81000000000000000000000000102030405060708090a0b0c0d0e0f0100000000000000000000000000000000',
    );
    expect(hex(message(Command.IOCTL, 7, encodeIoctlRequest(FSCTL_PIPE_TRANSCEIVE, fileId, Buffer.from('0500', 'hex'), 4280), 5, SESSION))).toBe(
      'fe534d4240000100000000000b00200000000000000000000700000000000000fffe000005000000887766554433221100000000000000000000000000000000' +
        '3900000017c01100000102030405060708090a0b0c0d0e0f7800000002000000000000007800000000000000b810000001000000000000000500',
    );
    expect(hex(message(Command.CLOSE, 8, encodeCloseRequest(fileId), 5, SESSION))).toBe(
      'fe534d4240000100000000000600200000000000000000000800000000000000fffe000005000000887766554433221100000000000000000000000000000000' +
        '1800000000000000000102030405060708090a0b0c0d0e0f',
    );
  });
});

describe('SMB2 signing (2.0.2 / 2.1)', () => {
  const key = Buffer.alloc(16, 0x55);
  it('signs like impacket signSMB and verifies', () => {
    const signed = signMessage(key, message(Command.TREE_CONNECT, 3, encodeTreeConnectRequest('\\\\EXCH01\\IPC$'), 0, SESSION));
    expect(hex(signed)).toBe(
      'fe534d4240000100000000000300200008000000000000000300000000000000fffe0000000000008877665544332211bab8dbd60fad92c4d89fd14483893be7' +
        '0900000048001a005c005c004500580043004800300031005c004900500043002400',
    );
    expect(decodeHeader(signed).flags & HeaderFlag.SIGNED).toBe(HeaderFlag.SIGNED);
    expect(verifyMessage(key, signed)).toBe(true);
    signed[signed.length - 1] = signed[signed.length - 1]! ^ 1;
    expect(verifyMessage(key, signed)).toBe(false);
    expect(verifyMessage(Buffer.alloc(16, 0x56), Buffer.from(treeConnect, 'hex'))).toBe(false);
  });
});

describe('SMB2 headers and responses', () => {
  it('round-trips sync and async headers', () => {
    const sync = decodeHeader(encodeHeader({ command: Command.READ, messageId: 9n, treeId: 7, sessionId: SESSION, status: NtStatus.BUFFER_OVERFLOW, flags: 1, credits: 3 }));
    expect(sync).toMatchObject({ command: Command.READ, messageId: 9n, treeId: 7, sessionId: SESSION, status: NtStatus.BUFFER_OVERFLOW, credits: 3 });
    const async = decodeHeader(encodeHeader({ command: Command.READ, messageId: 9n, asyncId: 0xabcn, flags: HeaderFlag.ASYNC_COMMAND | 1, status: NtStatus.PENDING }));
    expect(async.asyncId).toBe(0xabcn);
    expect(async.treeId).toBe(0);
  });

  it('rejects what is not SMB2', () => {
    expect(() => decodeHeader(Buffer.alloc(64))).toThrow(/not an SMB2 message/);
  });

  it('decodes NEGOTIATE, CREATE and READ responses', () => {
    const neg = Buffer.alloc(64 + 64 + 3);
    neg.writeUInt16LE(65, 64);
    neg.writeUInt16LE(3, 66);
    neg.writeUInt16LE(0x0210, 68);
    neg.writeUInt32LE(65536, 64 + 32);
    neg.writeUInt16LE(128, 64 + 56);
    neg.writeUInt16LE(3, 64 + 58);
    neg.write('abc', 128);
    expect(decodeNegotiateResponse(neg)).toMatchObject({ securityMode: 3, dialect: 0x0210, maxReadSize: 65536, securityBuffer: Buffer.from('abc') });

    const create = Buffer.alloc(64 + 88);
    fileId.copy(create, 64 + 64);
    expect(decodeCreateResponse(create).fileId).toEqual(fileId);

    const read = Buffer.alloc(64 + 16 + 4);
    read.writeUInt8(80, 66);
    read.writeUInt32LE(4, 68);
    read.write('DATA', 80);
    expect(decodeReadResponse(read).toString()).toBe('DATA');
    read.writeUInt32LE(5, 68);
    expect(() => decodeReadResponse(read)).toThrow(/outside/);
  });

  it('names NTSTATUS codes and classifies them', () => {
    expect(ntStatusName(0xc000006d)).toBe('STATUS_LOGON_FAILURE');
    expect(ntStatusName(0x103)).toBe('STATUS_PENDING');
    expect(ntStatusName(0xc0009999)).toBe('0xC0009999');
    const logon = ntStatusError(NtStatus.LOGON_FAILURE, 'Logging on to EXCH01');
    expect(logon.kind).toBe('auth');
    expect(logon.message).toContain('0xC000006D');
    expect(ntStatusError(NtStatus.ACCESS_DENIED, 'TREE_CONNECT').kind).toBe('accessDenied');
    expect(ntStatusError(NtStatus.ACCOUNT_LOCKED_OUT, 'x').message).toContain('locked out');
  });
});
