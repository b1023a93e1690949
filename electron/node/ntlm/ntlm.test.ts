// Golden values: [MS-NLMP] 4.2.4 (NTLMv2 example), recomputed with impacket's ntlm.py
// (computeResponseNTLMv2 with TEST_CASE, generateEncryptedSessionKey) as the independent implementation.
import { describe, expect, it } from 'vitest';
import { decodeAvPairs, encodeAvPairs } from './avPairs.ts';
import { parseAccount } from './credentials.ts';
import { AvId, AV_FLAG_MIC_PRESENT, CLIENT_FLAGS, NegotiateFlag } from './flags.ts';
import { decodeAuthenticate, decodeChallenge, decodeNegotiate, encodeAuthenticate, encodeChallenge, MIC_OFFSET } from './messages.ts';
import { NtlmClient } from './ntlmClient.ts';
import { computeNtlmv2, encryptSessionKey, fileTime, hmacMd5, ntowfv2 } from './ntlmv2.ts';
import { clientSigningKey } from './sessionSecurity.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const serverChallenge = hex('0123456789abcdef');
const clientChallenge = hex('aaaaaaaaaaaaaaaa');
const randomSessionKey = hex('55555555555555555555555555555555');
// [MS-NLMP] 4.2.4: AV pairs NetBIOS domain "Domain", NetBIOS server "Server", EOL
const targetInfo = hex('02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000');
const challengeFlags = 0xe28a8233;

describe('NTLMv2 ([MS-NLMP] 4.2.4)', () => {
  const responseKeyNT = ntowfv2('Password', 'User', 'Domain');
  const result = computeNtlmv2({ responseKeyNT, serverChallenge, clientChallenge, time: Buffer.alloc(8), targetInfo });

  it('derives NTOWFv2, the responses and the keys of the spec', () => {
    expect(responseKeyNT.toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
    expect(result.lmChallengeResponse.toString('hex')).toBe('86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa');
    expect(result.ntProofStr.toString('hex')).toBe('68cd0ab851e51c96aabc927bebef6a1c');
    expect(result.ntChallengeResponse.toString('hex')).toBe(
      '68cd0ab851e51c96aabc927bebef6a1c01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000' +
        '02000c0044006f006d00610069006e0001000c005300650072007600650072000000000000000000',
    );
    expect(result.sessionBaseKey.toString('hex')).toBe('8de40ccadbc14a82f15cb0ad0de95ca3');
    expect(encryptSessionKey(result.sessionBaseKey, randomSessionKey).toString('hex')).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
    expect(clientSigningKey(randomSessionKey).toString('hex')).toBe('4788dc861b4782f35d43fd98fe1a2d39');
  });

  it('encodes the AUTHENTICATE_MESSAGE of [MS-NLMP] 4.2.4.3 byte for byte', () => {
    const message = encodeAuthenticate({
      flags: 0xe2888235,
      lmChallengeResponse: result.lmChallengeResponse,
      ntChallengeResponse: result.ntChallengeResponse,
      domain: 'Domain',
      user: 'User',
      workstation: 'COMPUTER',
      encryptedRandomSessionKey: encryptSessionKey(result.sessionBaseKey, randomSessionKey),
      version: { major: 5, minor: 1, build: 2600 },
    });
    expect(message.toString('hex')).toBe(
      '4e544c4d535350000300000018001800' +
        '6c00000054005400840000000c000c00' +
        '48000000080008005400000010001000' +
        '5c00000010001000d8000000358288e2' +
        '0501280a0000000f' +
        '44006f006d00610069006e00' +
        '5500730065007200' +
        '43004f004d0050005500540045005200' +
        '86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa' +
        result.ntChallengeResponse.toString('hex') +
        'c5dad2544fc9799094ce1ce90bc9d03e',
    );
    const back = decodeAuthenticate(message);
    expect(back.user).toBe('User');
    expect(back.domain).toBe('Domain');
    expect(back.workstation).toBe('COMPUTER');
    expect(back.mic).toBeUndefined();
    expect(back.ntChallengeResponse).toEqual(result.ntChallengeResponse);
  });

  it('runs the client against the spec challenge (no timestamp: LMv2 sent, no MIC)', () => {
    const client = new NtlmClient(parseAccount('Domain\\User', 'Password'), {
      random: (n) => (n === 8 ? clientChallenge : randomSessionKey),
      now: () => -11644473600000, // FILETIME 0
    });
    const negotiate = decodeNegotiate(client.negotiate());
    expect(negotiate.flags).toBe(CLIENT_FLAGS);
    const challenge = encodeChallenge({ flags: challengeFlags, serverChallenge, targetName: 'Server', targetInfo });
    const auth = decodeAuthenticate(client.authenticate(challenge));
    expect(auth.ntChallengeResponse).toEqual(result.ntChallengeResponse);
    expect(auth.lmChallengeResponse).toEqual(result.lmChallengeResponse);
    expect(auth.encryptedRandomSessionKey.toString('hex')).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
    expect(auth.mic).toBeUndefined();
    expect(client.sessionKey).toEqual(randomSessionKey);
    expect(auth.flags & NegotiateFlag.SEAL).toBe(0);
  });

  it('adds MsvAvFlags and a MIC when the server sends a timestamp', () => {
    const time = fileTime(Date.UTC(2026, 0, 1));
    const pairs = [...decodeAvPairs(targetInfo), { id: AvId.MsvAvTimestamp, value: time }];
    const challenge = encodeChallenge({ flags: challengeFlags, serverChallenge, targetName: 'Server', targetInfo: encodeAvPairs(pairs) });
    const client = new NtlmClient(parseAccount('user@corp.example.test', 'Password'), {
      random: (n) => (n === 8 ? clientChallenge : randomSessionKey),
      targetName: 'cifs/server',
    });
    const negotiate = client.negotiate();
    const bytes = client.authenticate(challenge);
    const auth = decodeAuthenticate(bytes);
    expect(auth.user).toBe('user@corp.example.test');
    expect(auth.domain).toBe('');
    expect(auth.lmChallengeResponse).toEqual(Buffer.alloc(24));
    // the NTLMv2_CLIENT_CHALLENGE carries the server's time and our AV pairs
    const blob = auth.ntChallengeResponse.subarray(16);
    expect(blob.subarray(8, 16)).toEqual(time);
    const sent = decodeAvPairs(blob.subarray(28));
    expect(sent.find((p) => p.id === AvId.MsvAvFlags)?.value.readUInt32LE(0)).toBe(AV_FLAG_MIC_PRESENT);
    expect(sent.find((p) => p.id === AvId.MsvAvTargetName)?.value.toString('utf16le')).toBe('cifs/server');
    // the MIC covers all three messages with its own field zeroed
    const zeroed = Buffer.from(bytes);
    zeroed.fill(0, MIC_OFFSET, MIC_OFFSET + 16);
    expect(auth.mic).toEqual(hmacMd5(randomSessionKey, negotiate, challenge, zeroed));
    expect(client.micSent).toBe(true);
  });

  it('round-trips a CHALLENGE_MESSAGE', () => {
    const bytes = encodeChallenge({ flags: challengeFlags, serverChallenge, targetName: 'Server', targetInfo });
    const back = decodeChallenge(bytes);
    expect(back.targetName).toBe('Server');
    expect(back.serverChallenge).toEqual(serverChallenge);
    expect(back.targetInfo).toEqual(targetInfo);
    expect(back.flags).toBe(challengeFlags);
  });

  it('parses accounts', () => {
    expect(parseAccount('CORP\\admin', 'x')).toEqual({ domain: 'CORP', user: 'admin', password: 'x' });
    expect(parseAccount('admin@corp.example.test', 'x')).toEqual({ domain: '', user: 'admin@corp.example.test', password: 'x' });
  });
});
