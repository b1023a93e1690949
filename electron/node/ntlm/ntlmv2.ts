// [MS-NLMP] 3.3.2 NTLM v2 authentication: the one-way functions, the responses and the keys.
import { createHmac } from 'node:crypto';
import { md4 } from './md4.ts';
import { rc4 } from './rc4.ts';

export function hmacMd5(key: Uint8Array, ...data: Uint8Array[]): Buffer {
  const mac = createHmac('md5', key);
  for (const part of data) mac.update(part);
  return mac.digest();
}

/** [MS-NLMP] 3.3.2 NTOWFv2 = HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(Uppercase(User) + UserDom)). */
export function ntowfv2(password: string, user: string, domain: string): Buffer {
  const ntHash = md4(Buffer.from(password, 'utf16le'));
  return hmacMd5(ntHash, Buffer.from(user.toUpperCase() + domain, 'utf16le'));
}

/** Converts a JavaScript time to a FILETIME (100 ns since 1601-01-01), little-endian. */
export function fileTime(ms: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE((BigInt(Math.round(ms)) + 11644473600000n) * 10000n);
  return out;
}

export interface Ntlmv2Input {
  responseKeyNT: Buffer;
  serverChallenge: Buffer;
  clientChallenge: Buffer;
  /** 8-byte FILETIME. */
  time: Buffer;
  /** The AV pairs to put in the response, MsvAvEOL included. */
  targetInfo: Buffer;
}

export interface Ntlmv2Result {
  ntProofStr: Buffer;
  ntChallengeResponse: Buffer;
  lmChallengeResponse: Buffer;
  sessionBaseKey: Buffer;
}

export function computeNtlmv2(input: Ntlmv2Input): Ntlmv2Result {
  // temp = Responserversion, HiResponserversion, Z(6), Time, ClientChallenge, Z(4), ServerName, Z(4)
  const temp = Buffer.concat([
    Buffer.from([1, 1]),
    Buffer.alloc(6),
    input.time,
    input.clientChallenge,
    Buffer.alloc(4),
    input.targetInfo,
    Buffer.alloc(4),
  ]);
  const ntProofStr = hmacMd5(input.responseKeyNT, input.serverChallenge, temp);
  return {
    ntProofStr,
    ntChallengeResponse: Buffer.concat([ntProofStr, temp]),
    lmChallengeResponse: Buffer.concat([hmacMd5(input.responseKeyNT, input.serverChallenge, input.clientChallenge), input.clientChallenge]),
    sessionBaseKey: hmacMd5(input.responseKeyNT, ntProofStr),
  };
}

/** [MS-NLMP] 3.1.5.1.2 with KEY_EXCH: EncryptedRandomSessionKey = RC4K(KeyExchangeKey, ExportedSessionKey); for NTLMv2 KeyExchangeKey = SessionBaseKey. */
export function encryptSessionKey(keyExchangeKey: Buffer, exportedSessionKey: Buffer): Buffer {
  return rc4(keyExchangeKey, exportedSessionKey);
}
