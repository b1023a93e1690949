// [RFC 4178] SPNEGO with just NTLMSSP: NegTokenInit (first leg) and NegTokenResp (later legs),
// in minimal DER ([X.690] definite lengths, shortest form).
import { AppError } from '../../../shared/errors.ts';

const SPNEGO_OID = Buffer.from('2b0601050502', 'hex'); // 1.3.6.1.5.5.2
const NTLMSSP_OID = Buffer.from('2b06010401823702020a', 'hex'); // 1.3.6.1.4.1.311.2.2.10

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : n < 0x10000 ? Buffer.from([0x82, n >> 8, n & 0xff]) : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

/** The DER MechTypeList ([RFC 4178] 4.2.1) that the mechListMIC covers. */
export function ntlmMechTypes(): Buffer {
  return der(0x30, der(0x06, NTLMSSP_OID));
}

/** GSS-API InitialContextToken ([RFC 2743] 3.1) holding a NegTokenInit with the NTLM NEGOTIATE_MESSAGE. */
export function encodeNegTokenInit(mechToken: Buffer): Buffer {
  const negTokenInit = der(0x30, der(0xa0, ntlmMechTypes()), der(0xa2, der(0x04, mechToken)));
  return der(0x60, der(0x06, SPNEGO_OID), der(0xa0, negTokenInit));
}

/** NegTokenResp ([RFC 4178] 4.2.2) with the AUTHENTICATE_MESSAGE and, when given, the mechListMIC. */
export function encodeNegTokenResp(responseToken: Buffer, mechListMic?: Buffer): Buffer {
  const parts = [der(0xa2, der(0x04, responseToken))];
  if (mechListMic) parts.push(der(0xa3, der(0x04, mechListMic)));
  return der(0xa1, der(0x30, ...parts));
}

export const NegState = { acceptCompleted: 0, acceptIncomplete: 1, reject: 2, requestMic: 3 } as const;

export interface NegTokenResp {
  negState?: number;
  supportedMech?: Buffer;
  responseToken?: Buffer;
  mechListMic?: Buffer;
}

interface Tlv {
  tag: number;
  value: Buffer;
  end: number;
}

function readTlv(data: Buffer, offset: number): Tlv {
  const fail = () => new AppError({ kind: 'decode', message: `Malformed SPNEGO token from the server (at byte ${offset}).` });
  if (offset + 2 > data.length) throw fail();
  const tag = data[offset]!;
  let length = data[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3 || start + count > data.length) throw fail();
    length = 0;
    for (let i = 0; i < count; i++) length = (length << 8) | data[start + i]!;
    start += count;
  }
  if (start + length > data.length) throw fail();
  return { tag, value: data.subarray(start, start + length), end: start + length };
}

function children(data: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = 0; offset < data.length; ) {
    const tlv = readTlv(data, offset);
    out.push(tlv);
    offset = tlv.end;
  }
  return out;
}

/** Reads the server's NegTokenResp. A raw NTLMSSP token (no SPNEGO) comes back as responseToken. */
export function decodeNegTokenResp(data: Buffer): NegTokenResp {
  if (data.subarray(0, 8).toString('latin1') === 'NTLMSSP\0') return { responseToken: Buffer.from(data) };
  const outer = readTlv(data, 0);
  if (outer.tag !== 0xa1) throw new AppError({ kind: 'decode', message: `Expected an SPNEGO NegTokenResp, got tag 0x${outer.tag.toString(16)}.` });
  const seq = readTlv(outer.value, 0);
  const out: NegTokenResp = {};
  for (const field of children(seq.value)) {
    const inner = readTlv(field.value, 0);
    if (field.tag === 0xa0) out.negState = inner.value[0];
    else if (field.tag === 0xa1) out.supportedMech = Buffer.from(inner.value);
    else if (field.tag === 0xa2) out.responseToken = Buffer.from(inner.value);
    else if (field.tag === 0xa3) out.mechListMic = Buffer.from(inner.value);
  }
  return out;
}

/** Builds a NegTokenResp as a server would; for tests. */
export function encodeServerNegTokenResp(resp: NegTokenResp): Buffer {
  const parts: Buffer[] = [];
  if (resp.negState !== undefined) parts.push(der(0xa0, der(0x0a, Buffer.from([resp.negState]))));
  if (resp.supportedMech) parts.push(der(0xa1, der(0x06, resp.supportedMech)));
  if (resp.responseToken) parts.push(der(0xa2, der(0x04, resp.responseToken)));
  if (resp.mechListMic) parts.push(der(0xa3, der(0x04, resp.mechListMic)));
  return der(0xa1, der(0x30, ...parts));
}

export { NTLMSSP_OID };
