// [MS-NLMP] 3.4 session security with extended session security: just enough to sign the
// SPNEGO mechListMIC ([MS-SPNG] 3.3.5.1), which servers require once the NTLM MIC is present.
import { createHash } from 'node:crypto';
import { hmacMd5 } from './ntlmv2.ts';
import { NegotiateFlag } from './flags.ts';
import { rc4 } from './rc4.ts';

const CLIENT_SIGN_MAGIC = 'session key to client-to-server signing key magic constant\0';
const CLIENT_SEAL_MAGIC = 'session key to client-to-server sealing key magic constant\0';

/** [MS-NLMP] 3.4.5.2 SIGNKEY for the client-to-server direction. */
export function clientSigningKey(exportedSessionKey: Buffer): Buffer {
  return createHash('md5').update(exportedSessionKey).update(CLIENT_SIGN_MAGIC, 'latin1').digest();
}

/** [MS-NLMP] 3.4.5.3 SEALKEY for the client-to-server direction. */
export function clientSealingKey(exportedSessionKey: Buffer, flags: number): Buffer {
  let key = exportedSessionKey;
  if (!(flags & NegotiateFlag.N128)) key = exportedSessionKey.subarray(0, flags & NegotiateFlag.N56 ? 7 : 5);
  return createHash('md5').update(key).update(CLIENT_SEAL_MAGIC, 'latin1').digest();
}

/** [MS-NLMP] 3.4.4.2 MAC with extended session security: Version 1, RC4(checksum) when KEY_EXCH, SeqNum. */
export function clientMac(exportedSessionKey: Buffer, flags: number, seqNum: number, message: Buffer): Buffer {
  const seq = Buffer.alloc(4);
  seq.writeUInt32LE(seqNum >>> 0);
  let checksum = hmacMd5(clientSigningKey(exportedSessionKey), seq, message).subarray(0, 8);
  if (flags & NegotiateFlag.KEY_EXCH) checksum = rc4(clientSealingKey(exportedSessionKey, flags), checksum);
  return Buffer.concat([Buffer.from([1, 0, 0, 0]), checksum, seq]);
}
