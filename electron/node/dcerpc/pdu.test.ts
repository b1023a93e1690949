// Golden bytes from impacket (testdata/impacketGolden.py prints them; each test names the call).
import { describe, expect, it } from 'vitest';
import { decodePdu, encodePdu, NDR_SYNTAX, PFC, type Pdu } from './pdu.ts';
import { FragmentFramer, peekFragLength } from './transport.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const EPM = { uuid: 'e1af8308-5d1f-11c9-91a4-08002b14a0fa', major: 3, minor: 0 };
const SA = { uuid: '469d6ec0-0d87-11ce-b13f-00aa003bac6c', major: 16, minor: 1 };
const NO_SYNTAX = { uuid: '00000000-0000-0000-0000-000000000000', major: 0, minor: 0 };

const golden = {
  // MSRPCHeader(type=MSRPC_BIND, call_id=1, pduData=MSRPCBind(max_tfrag=max_rfrag=0x16d0, CtxItem EPM v3.0 / NDR 2.0))
  bindEpm: '05000b03100000004800000001000000d016d0160000000001000000000001000883afe11f5dc91191a408002b14a0fa03000000045d888aeb1cc9119fe808002b10486002000000',
  // same with type=MSRPC_ALTERCTX, call_id=2, ContextID=1, System Attendant v16.1
  alterSa: '05000e03100000004800000002000000d016d016000000000100000001000100c06e9d46870dce11b13f00aa003bac6c10000100045d888aeb1cc9119fe808002b10486002000000',
  // MSRPCBindAck(call_id=1, assoc_group=0x4de1, SecondaryAddr='135', CtxItemResult accepted NDR)
  bindAckEpm: '05000c03100000003c00000001000000d016d016e14d000004003133350000000100000000000000045d888aeb1cc9119fe808002b10486002000000',
  // MSRPCBindAck(call_id=1, assoc_group=0x1234, SecondaryAddr='4560', CtxItemResult Result=2 Reason=1)
  bindAckReject: '05000c03100000003c00000001000000d016d01634120000050034353630000001000000020001000000000000000000000000000000000000000000',
  // Not from impacket: MSRPCBindAck with an empty SecondaryAddr writes a NUL its length does not count
  // (port_any_t length 0, then the 'z' byte). Built by hand from [C706] 12.6.4.4: length 0, two pad
  // bytes to the 4-byte boundary, one accepted NDR result.
  alterResp: '05000f03100000003800000002000000d016d016e14d0000000000000100000000000000045d888aeb1cc9119fe808002b10486002000000',
  // MSRPCHeader(type=MSRPC_BINDNAK, pduData=MSRPCBindNak(RejectedReason=4, versions [5.0]))
  bindNak: '05000d031000000015000000010000000400010500',
  // MSRPCRequestHeader(call_id=2, ctx_id=0, op_num=3, alloc_hint=8, pduData=00..07)
  request: '0500000310000000200000000200000008000000000003000001020304050607',
  // MSRPCRespHeader(call_id=2, alloc_hint=8, pduData=08..0f)
  response: '05000203100000002000000002000000080000000000000008090a0b0c0d0e0f',
  // MSRPCRespHeader(type=MSRPC_FAULT, call_id=2, pduData=pack('<LL', 0x1c010002, 0))
  fault: '0500030310000000200000000200000000000000000000000200011c00000000',
};

const cases: Array<[keyof typeof golden, Exclude<Pdu, { type: 'other' }>]> = [
  ['bindEpm', { type: 'bind', callId: 1, maxXmitFrag: 0x16d0, maxRecvFrag: 0x16d0, assocGroupId: 0, contexts: [{ contextId: 0, abstractSyntax: EPM, transferSyntaxes: [NDR_SYNTAX] }] }],
  ['alterSa', { type: 'alterContext', callId: 2, maxXmitFrag: 0x16d0, maxRecvFrag: 0x16d0, assocGroupId: 0, contexts: [{ contextId: 1, abstractSyntax: SA, transferSyntaxes: [NDR_SYNTAX] }] }],
  ['bindAckEpm', { type: 'bindAck', callId: 1, maxXmitFrag: 0x16d0, maxRecvFrag: 0x16d0, assocGroupId: 0x4de1, secondaryAddress: '135', results: [{ result: 0, reason: 0, transferSyntax: NDR_SYNTAX }] }],
  ['bindAckReject', { type: 'bindAck', callId: 1, maxXmitFrag: 0x16d0, maxRecvFrag: 0x16d0, assocGroupId: 0x1234, secondaryAddress: '4560', results: [{ result: 2, reason: 1, transferSyntax: NO_SYNTAX }] }],
  ['alterResp', { type: 'alterContextResp', callId: 2, maxXmitFrag: 0x16d0, maxRecvFrag: 0x16d0, assocGroupId: 0x4de1, secondaryAddress: '', results: [{ result: 0, reason: 0, transferSyntax: NDR_SYNTAX }] }],
  ['bindNak', { type: 'bindNak', callId: 1, rejectReason: 4, versions: [{ major: 5, minor: 0 }] }],
  ['request', { type: 'request', callId: 2, allocHint: 8, contextId: 0, opnum: 3, stub: bytes('0001020304050607') }],
  ['response', { type: 'response', callId: 2, allocHint: 8, contextId: 0, cancelCount: 0, stub: bytes('08090a0b0c0d0e0f') }],
  ['fault', { type: 'fault', callId: 2, allocHint: 0, contextId: 0, cancelCount: 0, status: 0x1c010002, stub: new Uint8Array(0) }],
];

describe('PDU codec against impacket golden bytes', () => {
  for (const [name, pdu] of cases) {
    it(`encodes ${name} byte for byte`, () => {
      expect(hex(encodePdu(pdu))).toBe(golden[name]);
    });
    it(`decodes ${name} and round-trips`, () => {
      const decoded = decodePdu(bytes(golden[name]));
      expect(decoded).toEqual({ ...pdu, flags: PFC.firstFrag | PFC.lastFrag });
      expect(hex(encodePdu(decoded as Exclude<Pdu, { type: 'other' }>))).toBe(golden[name]);
    });
  }

  it('encodes a request with an object UUID and the PFC_OBJECT_UUID flag', () => {
    const pdu = encodePdu({ type: 'request', callId: 3, allocHint: 0, contextId: 1, opnum: 0, object: SA.uuid, stub: new Uint8Array(0) });
    expect(pdu[3]).toBe(PFC.firstFrag | PFC.lastFrag | PFC.objectUuid);
    expect(decodePdu(pdu)).toMatchObject({ type: 'request', object: SA.uuid, opnum: 0, contextId: 1 });
  });

  it('rejects fragments whose frag_length disagrees with their size, and non-v5 data', () => {
    expect(() => decodePdu(bytes(golden.request).subarray(0, 30))).toThrow(expect.objectContaining({ kind: 'decode' }));
    expect(() => peekFragLength(bytes('1603010200000000000000'))).toThrow(expect.objectContaining({ kind: 'decode' }));
  });

  it('frames a byte stream into whole PDUs whatever the chunking', () => {
    const stream = bytes(golden.bindAckEpm + golden.response + golden.fault);
    for (const size of [1, 3, 7, 16, 100]) {
      const framer = new FragmentFramer();
      const out: string[] = [];
      for (let i = 0; i < stream.length; i += size) out.push(...framer.push(stream.subarray(i, i + size)).map(hex));
      expect(out).toEqual([golden.bindAckEpm, golden.response, golden.fault]);
      expect(framer.buffered).toBe(0);
    }
  });
});
