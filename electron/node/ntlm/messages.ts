// [MS-NLMP] 2.2.1 NTLM messages: NEGOTIATE_MESSAGE (we send), CHALLENGE_MESSAGE (we read),
// AUTHENTICATE_MESSAGE (we send; decoded too, for round-trip tests and transcripts).
import { AppError } from '../../../shared/errors.ts';
import { NegotiateFlag } from './flags.ts';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

/** [MS-NLMP] 2.2.2.10 VERSION: major, minor, build, NTLMSSP_REVISION_W2K3 (0x0F). */
export interface NtlmVersion {
  major: number;
  minor: number;
  build: number;
}
/** We announce Windows 10.0 build 17763 (the version number only feeds debugging on the server). */
export const CLIENT_VERSION: NtlmVersion = { major: 10, minor: 0, build: 17763 };

export function encodeVersion(v: NtlmVersion): Buffer {
  const out = Buffer.alloc(8);
  out[0] = v.major;
  out[1] = v.minor;
  out.writeUInt16LE(v.build, 2);
  out[7] = 0x0f;
  return out;
}

function decodeVersion(data: Buffer, offset: number): NtlmVersion {
  return { major: data[offset]!, minor: data[offset + 1]!, build: data.readUInt16LE(offset + 2) };
}

function checkHeader(data: Buffer, type: number, minLength: number): void {
  if (data.length < minLength || !data.subarray(0, 8).equals(SIGNATURE) || data.readUInt32LE(8) !== type) {
    throw new AppError({ kind: 'decode', message: `The server's NTLM message is not a type ${type} message (${data.length} bytes).` });
  }
}

/** Reads a (Len, MaxLen, Offset) field triple. */
function readField(data: Buffer, at: number): Buffer {
  const length = data.readUInt16LE(at);
  const offset = data.readUInt32LE(at + 4);
  if (offset + length > data.length) {
    throw new AppError({ kind: 'decode', message: `An NTLM field points outside the message (offset ${offset}, length ${length}).` });
  }
  return Buffer.from(data.subarray(offset, offset + length));
}

// ---- 2.2.1.1 NEGOTIATE_MESSAGE ----
export interface NegotiateMessage {
  flags: number;
  version: NtlmVersion;
}

export function encodeNegotiate(msg: NegotiateMessage): Buffer {
  // Domain and workstation fields stay empty (OEM_DOMAIN/WORKSTATION_SUPPLIED not set): offsets point at the payload start.
  const out = Buffer.alloc(40);
  SIGNATURE.copy(out, 0);
  out.writeUInt32LE(1, 8);
  out.writeUInt32LE(msg.flags >>> 0, 12);
  out.writeUInt32LE(40, 20);
  out.writeUInt32LE(40, 28);
  encodeVersion(msg.version).copy(out, 32);
  return out;
}

export function decodeNegotiate(data: Buffer): NegotiateMessage {
  checkHeader(data, 1, 40);
  return { flags: data.readUInt32LE(12), version: decodeVersion(data, 32) };
}

// ---- 2.2.1.2 CHALLENGE_MESSAGE ----
export interface ChallengeMessage {
  flags: number;
  serverChallenge: Buffer;
  targetName: string;
  targetInfo: Buffer;
  version?: NtlmVersion;
}

export function decodeChallenge(data: Buffer): ChallengeMessage {
  checkHeader(data, 2, 48);
  const flags = data.readUInt32LE(20);
  const targetNameBytes = readField(data, 12);
  const msg: ChallengeMessage = {
    flags,
    serverChallenge: Buffer.from(data.subarray(24, 32)),
    targetName: targetNameBytes.toString(flags & NegotiateFlag.UNICODE ? 'utf16le' : 'latin1'),
    targetInfo: flags & NegotiateFlag.TARGET_INFO ? readField(data, 40) : Buffer.alloc(0),
  };
  if (flags & NegotiateFlag.VERSION && data.length >= 56) msg.version = decodeVersion(data, 48);
  return msg;
}

/** Builds a CHALLENGE_MESSAGE; used by tests (we are never the server). */
export function encodeChallenge(msg: ChallengeMessage): Buffer {
  const name = Buffer.from(msg.targetName, 'utf16le');
  const head = Buffer.alloc(56);
  SIGNATURE.copy(head, 0);
  head.writeUInt32LE(2, 8);
  head.writeUInt16LE(name.length, 12);
  head.writeUInt16LE(name.length, 14);
  head.writeUInt32LE(56, 16);
  head.writeUInt32LE(msg.flags >>> 0, 20);
  msg.serverChallenge.copy(head, 24);
  head.writeUInt16LE(msg.targetInfo.length, 40);
  head.writeUInt16LE(msg.targetInfo.length, 42);
  head.writeUInt32LE(56 + name.length, 44);
  encodeVersion(msg.version ?? CLIENT_VERSION).copy(head, 48);
  return Buffer.concat([head, name, msg.targetInfo]);
}

// ---- 2.2.1.3 AUTHENTICATE_MESSAGE ----
export interface AuthenticateMessage {
  flags: number;
  lmChallengeResponse: Buffer;
  ntChallengeResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
  encryptedRandomSessionKey: Buffer;
  version: NtlmVersion;
  /** 16 bytes when a MIC field is present (zeroed while the MIC is computed). */
  mic?: Buffer;
}

/** Offset of the MIC field inside an AUTHENTICATE_MESSAGE that has one. */
export const MIC_OFFSET = 72;

export function encodeAuthenticate(msg: AuthenticateMessage): Buffer {
  const headLength = msg.mic ? 88 : 72;
  // Payload order as in [MS-NLMP] 4.2.4.3: domain, user, workstation, LM, NT, session key.
  const fields: [number, Buffer][] = [
    [28, Buffer.from(msg.domain, 'utf16le')],
    [36, Buffer.from(msg.user, 'utf16le')],
    [44, Buffer.from(msg.workstation, 'utf16le')],
    [12, msg.lmChallengeResponse],
    [20, msg.ntChallengeResponse],
    [52, msg.encryptedRandomSessionKey],
  ];
  const head = Buffer.alloc(headLength);
  SIGNATURE.copy(head, 0);
  head.writeUInt32LE(3, 8);
  let offset = headLength;
  for (const [at, value] of fields) {
    head.writeUInt16LE(value.length, at);
    head.writeUInt16LE(value.length, at + 2);
    head.writeUInt32LE(offset, at + 4);
    offset += value.length;
  }
  head.writeUInt32LE(msg.flags >>> 0, 60);
  encodeVersion(msg.version).copy(head, 64);
  if (msg.mic) msg.mic.copy(head, MIC_OFFSET);
  return Buffer.concat([head, ...fields.map(([, value]) => value)]);
}

export function decodeAuthenticate(data: Buffer): AuthenticateMessage {
  checkHeader(data, 3, 72);
  const payloadStart = Math.min(...[12, 20, 28, 36, 44, 52].map((at) => data.readUInt32LE(at + 4)));
  const msg: AuthenticateMessage = {
    flags: data.readUInt32LE(60),
    lmChallengeResponse: readField(data, 12),
    ntChallengeResponse: readField(data, 20),
    domain: readField(data, 28).toString('utf16le'),
    user: readField(data, 36).toString('utf16le'),
    workstation: readField(data, 44).toString('utf16le'),
    encryptedRandomSessionKey: readField(data, 52),
    version: decodeVersion(data, 64),
  };
  if (payloadStart >= 88) msg.mic = Buffer.from(data.subarray(MIC_OFFSET, MIC_OFFSET + 16));
  return msg;
}
