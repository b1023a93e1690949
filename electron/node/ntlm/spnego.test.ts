import { describe, expect, it } from 'vitest';
import { decodeNegTokenResp, encodeNegTokenInit, encodeNegTokenResp, encodeServerNegTokenResp, NegState, NTLMSSP_OID } from './spnego.ts';

describe('SPNEGO', () => {
  it('wraps the NEGOTIATE_MESSAGE like impacket SPNEGO_NegTokenInit', () => {
    // impacket: SPNEGO_NegTokenInit(); ['MechTypes'] = [TypesMech['NTLMSSP - Microsoft NTLM Security Support Provider']]; ['MechToken'] = b'ABCD'
    expect(encodeNegTokenInit(Buffer.from('ABCD')).toString('hex')).toBe(
      '602406062b0601050502a01a3018a00e300c060a2b06010401823702020aa206040441424344',
    );
  });

  it('round-trips a NegTokenResp', () => {
    const token = Buffer.alloc(300, 7);
    const server = decodeNegTokenResp(encodeServerNegTokenResp({ negState: NegState.acceptIncomplete, supportedMech: NTLMSSP_OID, responseToken: token }));
    expect(server.negState).toBe(1);
    expect(server.supportedMech).toEqual(NTLMSSP_OID);
    expect(server.responseToken).toEqual(token);
    const client = decodeNegTokenResp(encodeNegTokenResp(Buffer.from('auth'), Buffer.alloc(16, 1)));
    expect(client.responseToken?.toString()).toBe('auth');
    expect(client.mechListMic).toEqual(Buffer.alloc(16, 1));
  });

  it('passes a raw NTLMSSP token through', () => {
    const raw = Buffer.from('NTLMSSP\0\x02\0\0\0', 'latin1');
    expect(decodeNegTokenResp(raw).responseToken).toEqual(raw);
  });
});
