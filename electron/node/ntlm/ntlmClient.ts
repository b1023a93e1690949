// The client side of one NTLMv2 logon ([MS-NLMP] 3.1.5.1): NEGOTIATE, then AUTHENTICATE from the
// server's CHALLENGE, leaving the exported session key that SMB2 signs with.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import { AvId, AV_FLAG_MIC_PRESENT, CLIENT_FLAGS, NegotiateFlag } from './flags.ts';
import { decodeAvPairs, encodeAvPairs, findAvPair, type AvPair } from './avPairs.ts';
import type { NtlmCredentials } from './credentials.ts';
import {
  CLIENT_VERSION,
  decodeChallenge,
  encodeAuthenticate,
  encodeNegotiate,
  MIC_OFFSET,
  type ChallengeMessage,
} from './messages.ts';
import { computeNtlmv2, encryptSessionKey, fileTime, hmacMd5, ntowfv2 } from './ntlmv2.ts';
import { clientMac } from './sessionSecurity.ts';

export interface NtlmClientOptions {
  /** Our machine name in the AUTHENTICATE_MESSAGE; empty by default. */
  workstation?: string;
  /** MsvAvTargetName ([MS-NLMP] 2.2.2.1), e.g. "cifs/exch01": servers that validate SPNs need it. */
  targetName?: string;
  /** The protocol's only randomness (client challenge, exported session key); replaceable for tests. */
  random?: (size: number) => Buffer;
  /** Milliseconds since 1970, used when the server sends no MsvAvTimestamp. */
  now?: () => number;
}

export class NtlmClient {
  private negotiateMessage?: Buffer;
  private exportedSessionKey?: Buffer | undefined;
  private negotiatedFlags = 0;
  /** The server's CHALLENGE_MESSAGE once received (for transcripts: target name, flags). */
  challenge?: ChallengeMessage;

  constructor(
    private readonly credentials: NtlmCredentials,
    private readonly options: NtlmClientOptions = {},
  ) {}

  negotiate(): Buffer {
    this.negotiateMessage = encodeNegotiate({ flags: CLIENT_FLAGS, version: CLIENT_VERSION });
    return this.negotiateMessage;
  }

  authenticate(challengeBytes: Buffer): Buffer {
    if (!this.negotiateMessage) throw new AppError({ kind: 'internal', message: 'NTLM authenticate() before negotiate().' });
    const challenge = decodeChallenge(challengeBytes);
    this.challenge = challenge;
    const random = this.options.random ?? randomBytes;
    const flags = (challenge.flags & CLIENT_FLAGS) | NegotiateFlag.UNICODE | NegotiateFlag.NTLM;
    if (!(flags & NegotiateFlag.EXTENDED_SESSIONSECURITY)) {
      throw new AppError({ kind: 'auth', message: 'The server does not offer NTLMv2 (extended session security).' });
    }
    this.negotiatedFlags = flags >>> 0;

    // [MS-NLMP] 3.1.5.1.2: keep the server's AV pairs; when it sent MsvAvTimestamp, use that time,
    // announce a MIC in MsvAvFlags and send a zero LM response.
    const serverPairs = decodeAvPairs(challenge.targetInfo);
    const timestamp = findAvPair(serverPairs, AvId.MsvAvTimestamp);
    const pairs: AvPair[] = serverPairs.filter((p) => p.id !== AvId.MsvAvFlags && p.id !== AvId.MsvAvTargetName);
    if (timestamp) {
      const avFlags = Buffer.alloc(4);
      avFlags.writeUInt32LE(((findAvPair(serverPairs, AvId.MsvAvFlags)?.readUInt32LE(0) ?? 0) | AV_FLAG_MIC_PRESENT) >>> 0);
      pairs.push({ id: AvId.MsvAvFlags, value: avFlags });
    }
    if (this.options.targetName) pairs.push({ id: AvId.MsvAvTargetName, value: Buffer.from(this.options.targetName, 'utf16le') });

    const { user, domain, password } = this.credentials;
    const result = computeNtlmv2({
      responseKeyNT: ntowfv2(password, user, domain),
      serverChallenge: challenge.serverChallenge,
      clientChallenge: random(8),
      time: timestamp ?? fileTime((this.options.now ?? Date.now)()),
      targetInfo: encodeAvPairs(pairs),
    });

    let encryptedRandomSessionKey: Buffer = Buffer.alloc(0);
    this.exportedSessionKey = result.sessionBaseKey;
    if (flags & NegotiateFlag.KEY_EXCH) {
      this.exportedSessionKey = random(16);
      encryptedRandomSessionKey = encryptSessionKey(result.sessionBaseKey, this.exportedSessionKey);
    }

    const message = encodeAuthenticate({
      flags,
      lmChallengeResponse: timestamp ? Buffer.alloc(24) : result.lmChallengeResponse,
      ntChallengeResponse: result.ntChallengeResponse,
      domain,
      user,
      workstation: this.options.workstation ?? '',
      encryptedRandomSessionKey,
      version: CLIENT_VERSION,
      ...(timestamp ? { mic: Buffer.alloc(16) } : {}),
    });
    if (timestamp) {
      // [MS-NLMP] 3.1.5.1.2 MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE + CHALLENGE + AUTHENTICATE(MIC zeroed))
      hmacMd5(this.exportedSessionKey, this.negotiateMessage, challengeBytes, message).copy(message, MIC_OFFSET);
    }
    return message;
  }

  /** True when the AUTHENTICATE_MESSAGE carried a MIC (SPNEGO then needs a mechListMIC). */
  get micSent(): boolean {
    return this.challenge !== undefined && findAvPair(decodeAvPairs(this.challenge.targetInfo), AvId.MsvAvTimestamp) !== undefined;
  }

  /** The key SMB2 signs with ([MS-SMB2] 3.2.5.3.1 Session.SessionKey for 2.0.2 and 2.1). */
  get sessionKey(): Buffer {
    if (!this.exportedSessionKey) throw new AppError({ kind: 'internal', message: 'No NTLM session key yet.' });
    return this.exportedSessionKey;
  }

  /** [MS-SPNG] 3.3.5.1 mechListMIC: the NTLM signature (sequence number 0) over the DER mechTypes list. */
  mechListMic(mechTypes: Buffer): Buffer {
    return clientMac(this.sessionKey, this.negotiatedFlags, 0, mechTypes);
  }
}
